// Secrets in CA and automation configurations never reach evidence or problems: EAB HMAC keys, Vault tokens, DNS
// provider tokens, private keys in Kubernetes Secrets, step-ca encrypted JWKs, passwords, PINs, OIDC client secrets,
// SCEP challenges, and tokens inside certbot hooks. Every collector of this area scans its fixtures (and, when
// present, the real configurations); the JSON of everything emitted and reported must hold none of the secret strings.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import certbot from '../../collectors/certbot/index.js';
import kubernetes from '../../collectors/kubernetes/index.js';
import opensslCa from '../../collectors/openssl-ca/index.js';
import stepCa from '../../collectors/step-ca/index.js';
import { assertNoSecrets } from '../../src/ca-config/secrets.js';
import type { Collector } from '../../src/engine/define-collector.js';
import { fakeCollectorContext } from '../helpers/collector-context.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'ca-configs');
const CONFIGS = new URL('../../../shared/realworld/configs/', import.meta.url);

/** Secrets written into the fixtures by hand. */
const HAND_WRITTEN: readonly [file: string, secret: string][] = [
  ['secrets/cert-manager-credentials.yaml', 'fixture-eab-hmac-Qk9PTS1ITUFDLUtFWS1ORVZFUi1DT1BZ'],
  ['secrets/cert-manager-credentials.yaml', 'hvs.FixtureVaultTokenInCertManager0001'],
  ['secrets/cert-manager-credentials.yaml', 'fixture-cloudflare-api-token-6b2d9e'],
  ['step-ca/steppath/config/ca.json', 'fixture-pin-20261122'],
  ['step-ca/steppath/config/ca.json', 'fixture-intermediate-password'],
  ['step-ca/steppath/config/ca.json', 'fixture-db-pass-7731'],
  ['step-ca/steppath/config/ca.json', 'fixture-oidc-client-secret-5531'],
  ['step-ca/steppath/config/ca.json', 'fixture-scep-challenge-8812'],
  ['step-ca/steppath/config/ca.json', 'fixtureCiphertextNeverCopied'],
  ['step-ca/ra/ca.json', 'hvs.CAESIFixtureVaultTokenNeverCopied1234'],
  ['certbot/host-systemd/etc/letsencrypt/renewal/staging.fixture.test.conf', 'fixture-eab-hmac-key-Zm9vYmFyYmF6cXV4'],
  ['certbot/host-systemd/etc/letsencrypt/renewal/staging.fixture.test.conf', 'fixture-post-token-9d2f'],
  ['certbot/host-systemd/etc/letsencrypt/renewal/example.fixture.test.conf', 'fixture-hook-token-5c1e8a'],
  ['certbot/host-none/etc/letsencrypt/renewal/none.fixture.test.conf', 'fixture-manual-api-key-77aa'],
  ['kubernetes/secrets-export.yaml', 'Zml4dHVyZS1kYi1wYXNzd29yZC1ub3QtZm9yLWV2aWRlbmNl'],
];

/** The private keys of the generated Secret export: base64 as stored, the PEM, and the PEM body. */
function kubernetesKeys(): string[] {
  const text = readFileSync(join(FIXTURES, 'kubernetes', 'secrets-export.yaml'), 'utf8');
  const list = parseAllDocuments(text)[0]!.toJS() as { items: { data: Record<string, string> }[] };
  return list.items.flatMap((item) => {
    const b64 = item.data['tls.key'];
    if (b64 === undefined || b64.startsWith('<')) return [];
    const pem = Buffer.from(b64, 'base64').toString('utf8');
    const body = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----')).slice(0, 2).join('');
    return [b64, pem, body];
  });
}

async function run(collector: Collector, config: Record<string, unknown>, baseDir: string): Promise<unknown> {
  const ctx = fakeCollectorContext({ baseDir, now: new Date('2026-11-22T00:00:00Z') });
  await collector.collect(collector.config.parse(config), ctx);
  expect(ctx.emitted.length).toBeGreaterThan(0);
  return { evidence: ctx.emitted, problems: ctx.problems };
}

describe('no secret reaches evidence or problems', () => {
  it('holds for every fixture of the four collectors', async () => {
    for (const [file, secret] of HAND_WRITTEN) {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      expect(text.includes(secret) || text.includes(Buffer.from(secret).toString('base64')), `${file} holds the secret`).toBe(true);
    }
    const secrets = [...HAND_WRITTEN.flatMap(([, s]) => [s, Buffer.from(s).toString('base64')]), ...kubernetesKeys()];
    expect(secrets.length).toBeGreaterThan(HAND_WRITTEN.length + 5);
    const outputs = [
      await run(kubernetes, { paths: ['kubernetes', 'secrets'] }, FIXTURES),
      await run(stepCa, { paths: ['step-ca'] }, FIXTURES),
      await run(certbot, { paths: ['host-systemd/etc/letsencrypt', 'host-none/etc/letsencrypt'], hostRoot: 'host-systemd' }, join(FIXTURES, 'certbot')),
      await run(opensslCa, { paths: ['openssl-ca'] }, FIXTURES),
    ];
    const json = JSON.stringify(outputs);
    for (const secret of secrets) expect(json.includes(secret), `${secret.slice(0, 8)}… leaked`).toBe(false);
    expect(() => assertNoSecrets(outputs, secrets)).not.toThrow();
    expect(json).not.toMatch(/PRIVATE KEY|pin-value=\d/);
  });

  it('records the credentials by presence only', async () => {
    const ctx = fakeCollectorContext({ baseDir: FIXTURES });
    await kubernetes.collect(kubernetes.config.parse({ paths: ['secrets'] }), ctx);
    const byName = new Map(ctx.ofKind('ca-config').map((c) => [c.name, c]));
    expect(byName.get('ClusterIssuer/commercial-acme')?.details).toMatchObject({ externalAccountBinding: true, externalAccountBindingAlgorithm: 'HS256', acmeOperator: 'Sectigo', solvers: 'dns01(cloudflare)' });
    expect(byName.get('Issuer/apps/vault')?.details).toMatchObject({ vaultAuth: 'token' });
    expect(ctx.ofKind('certificate')).toEqual([]);
  });

  it.runIf(existsSync(CONFIGS))('holds for the real configurations (OIDC client secret, JWK encryptedKey, step-ca password, SCEP challenge)', async () => {
    const full = JSON.parse(readFileSync(new URL('step-ca/ca.json_full_example.json', CONFIGS), 'utf8')) as { password: string; authority: { provisioners: { encryptedKey?: string; clientSecret?: string }[] } };
    const rsa = JSON.parse(readFileSync(new URL('step-ca/testdata_rsaca.json', CONFIGS), 'utf8')) as { password: string; authority: { provisioners: { challenge?: string; encryptedKey?: string }[] } };
    const secrets = [full.password, ...full.authority.provisioners.flatMap((p) => [p.encryptedKey, p.clientSecret]), rsa.password, ...rsa.authority.provisioners.flatMap((p) => [p.challenge, p.encryptedKey])].filter((s): s is string => typeof s === 'string' && s.length >= 4);
    const outputs = [await run(stepCa, { paths: ['step-ca'] }, CONFIGS.pathname), await run(kubernetes, { paths: ['cert-manager'] }, CONFIGS.pathname)];
    const json = JSON.stringify(outputs);
    for (const secret of secrets) expect(json.includes(secret), `${secret.slice(0, 6)}… leaked`).toBe(false);
    expect(json).not.toMatch(/PRIVATE KEY/);
  });
});
