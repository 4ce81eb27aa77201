import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import azureKeyVault, { createAzureKeyVaultCollector } from '../../../collectors/azure-key-vault/index.js';
import { akvRecord } from '../../../collectors/azure-key-vault/map.js';
import { splitCertificates } from '../../../src/pki/pem.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const der = splitCertificates(new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'certificates', 'ec-p256.der'))), 'ec')[0]!.der;
const cer = Buffer.from(der).toString('base64');
const VAULT = 'https://pkimm-test.vault.azure.net';
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pkimm-akv-'));
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

afterAll(async () => {
  nock.enableNetConnect();
  await rm(base, { recursive: true, force: true });
});

/** `az keyvault certificate show` output (camelCase, as the CLI prints it). */
const azShow = (name: string, issuer: string, actions: unknown[], withCer = true) => ({
  ...(withCer ? { cer } : {}),
  id: `${VAULT}/certificates/${name}/0123456789abcdef`,
  name,
  attributes: { enabled: true, expires: '2025-12-31T23:59:59+00:00' },
  policy: {
    issuerParameters: { name: issuer },
    keyProperties: { keyType: 'EC', curve: 'P-256', exportable: false, reuseKey: false },
    lifetimeActions: actions,
    x509CertificateProperties: { validityInMonths: 12 },
  },
});

async function run(collector: typeof azureKeyVault, config: Record<string, unknown>): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir: base });
  await collector.collect(collector.config.parse(config), ctx);
  return ctx;
}

describe('azure-key-vault from az CLI outputs', () => {
  it('emits certificates with managed/self-managed and renewal attributes, and names metadata-only entries once', async () => {
    await writeFile(
      join(base, 'show.json'),
      JSON.stringify([
        azShow('web', 'DigiCert', [{ action: { actionType: 'AutoRenew' }, trigger: { lifetimePercentage: 80 } }]),
        azShow('imported', 'Unknown', [{ action: { actionType: 'EmailContacts' }, trigger: { daysBeforeExpiry: 30 } }]),
        azShow('listed-only', 'Self', [], false),
      ]),
    );
    const ctx = await run(azureKeyVault, { files: ['show.json'] });
    const sightings = ctx.ofKind('certificate').flatMap((c) => c.sightings);
    expect(sightings.find((s) => s.target === `${VAULT}/certificates/web`)).toEqual({
      collector: 'azure-key-vault',
      target: `${VAULT}/certificates/web`,
      location: 'show.json',
      attributes: {
        vault: 'pkimm-test.vault.azure.net',
        issuer: 'DigiCert',
        managed: 'true',
        autoRenew: 'true',
        renewTrigger: '80% of lifetime',
        emailContacts: 'false',
        enabled: 'true',
        keyType: 'EC',
        curve: 'P-256',
        reuseKey: 'false',
        exportable: 'false',
        validityMonths: '12',
      },
    });
    expect(sightings.find((s) => s.target === `${VAULT}/certificates/imported`)?.attributes).toMatchObject({ managed: 'false', autoRenew: 'false', emailContacts: 'true' });
    expect(ctx.problems).toEqual([
      { target: 'show.json', code: 'not-found', message: 'show.json: 1 certificate(s) listed without their DER (cer), e.g. listed-only: export each with `az keyvault certificate show --vault-name <vault> --name <name>`' },
    ]);
  });

  it('reads the REST (snake_case) and SDK policy shapes alike', () => {
    const rest = akvRecord({ id: `${VAULT}/certificates/a/1`, cer, policy: { issuer: { name: 'Self' }, key_props: { kty: 'RSA', key_size: 2048 }, lifetime_actions: [{ trigger: { days_before_expiry: 30 }, action: { action_type: 'AutoRenew' } }] } }, 'f');
    expect(rest).toMatchObject({ name: 'a', issuerName: 'Self', keyType: 'RSA', keySize: 2048, autoRenew: true, renewTrigger: '30 days before expiry' });
    const sdk = akvRecord({ name: 'b', properties: { id: `${VAULT}/certificates/b/2`, vaultUrl: VAULT }, cer: der, policy: { issuerName: 'Self', lifetimeActions: [{ action: 'AutoRenew', lifetimePercentage: 90 }] } }, 'live');
    expect(sdk).toMatchObject({ id: `${VAULT}/certificates/b`, vault: 'pkimm-test.vault.azure.net', autoRenew: true, renewTrigger: '90% of lifetime' });
    expect(akvRecord({ hello: 'world' }, 'f')).toBeUndefined();
  });
});

describe('azure-key-vault live (nock, challenge-based auth with an injected credential)', () => {
  const credential: TokenCredential = { getToken: () => Promise.resolve({ token: 'fake-access-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  const collector = createAzureKeyVaultCollector({ credential: () => credential });
  const challenge = { 'WWW-Authenticate': 'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"' };

  it('lists the vault page by page and reads each certificate with its policy', async () => {
    const seen: string[] = [];
    nock(VAULT)
      .persist()
      .get(/.*/)
      .reply(function (uri) {
        if (this.req.headers.authorization !== 'Bearer fake-access-token') return [401, '', challenge];
        seen.push(uri.split('?')[0]!);
        if (uri.startsWith('/certificates?')) return [200, { value: [{ id: `${VAULT}/certificates/web`, attributes: { enabled: true } }], nextLink: `${VAULT}/certificates/next-page?api-version=7.6&$skiptoken=x` }];
        if (uri.startsWith('/certificates/next-page')) {
          return [200, { value: [{ id: `${VAULT}/certificates/pending`, attributes: { enabled: true } }, { id: `${VAULT}/certificates/locked`, attributes: { enabled: true } }] }];
        }
        if (uri.startsWith('/certificates/locked/')) return [403, { error: { code: 'Forbidden', message: 'Caller is not authorized to perform action on resource.' } }];
        if (uri.startsWith('/certificates/web/')) {
          return [200, { id: `${VAULT}/certificates/web/v1`, cer, attributes: { enabled: true }, policy: { id: `${VAULT}/certificates/web/policy`, issuer: { name: 'Self' }, key_props: { kty: 'EC', crv: 'P-256', reuse_key: true }, lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: 'AutoRenew' } }] } }];
        }
        if (uri.startsWith('/certificates/pending/')) return [200, { id: `${VAULT}/certificates/pending/v1`, attributes: { enabled: false }, policy: { issuer: { name: 'Unknown' } } }];
        return [404, { error: { code: 'CertificateNotFound', message: 'not found' } }];
      });
    const ctx = await run(collector, { vaults: [VAULT] });
    expect(seen).toEqual(expect.arrayContaining(['/certificates', '/certificates/next-page', '/certificates/web/', '/certificates/pending/']));
    expect(ctx.ofKind('certificate').map((c) => c.sightings[0]!.attributes)).toEqual([
      { vault: 'pkimm-test.vault.azure.net', issuer: 'Self', managed: 'true', autoRenew: 'true', renewTrigger: '80% of lifetime', emailContacts: 'false', enabled: 'true', keyType: 'EC', curve: 'P-256', reuseKey: 'true' },
    ]);
    expect(ctx.problems).toEqual([
      { target: `${VAULT}/certificates/locked`, code: 'permission', message: `${VAULT}/certificates/locked: getCertificate failed: Caller is not authorized to perform action on resource.` },
      { target: VAULT, code: 'not-found', message: `${VAULT}: 1 certificate(s) listed without their DER (cer), e.g. pending: Key Vault returned no certificate bytes (pending or failed issuance)` },
    ]);
  });

  it('reports a refused listing as one permission problem for the vault', async () => {
    nock(VAULT)
      .persist()
      .get(/.*/)
      .reply(function () {
        if (this.req.headers.authorization === undefined) return [401, '', challenge];
        return [403, { error: { code: 'Forbidden', message: 'The user does not have certificates list permission on key vault pkimm-test.' } }];
      });
    const ctx = await run(collector, { vaults: [VAULT] });
    expect(ctx.emitted).toEqual([]);
    expect(ctx.problems).toEqual([{ target: VAULT, code: 'permission', message: `${VAULT}: listing certificates failed: Pagination failed with unexpected statusCode 403` }]);
    expect(JSON.stringify(ctx.problems)).not.toContain('fake-access-token');
  });
});
