import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import stepCa from '../../../collectors/step-ca/index.js';
import type { CaConfigData, CaProfile } from '../../../model/evidence.js';
import { SECONDS } from '../../../src/ca-config/units.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'ca-configs');
const DAY = SECONDS.day;

async function scan(config: Record<string, unknown>, baseDir = FIXTURES): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir });
  await stepCa.collect(stepCa.config.parse(config), ctx);
  return ctx;
}

describe('step-ca collector', () => {
  let ctx: FakeCollectorContext;
  let full: CaConfigData;
  const profile = (name: string): CaProfile | undefined => full.profiles.find((p) => p.name === name);
  beforeAll(async () => {
    ctx = await scan({ paths: ['step-ca'] });
    full = ctx.ofKind('ca-config').find((c) => c.source.path === 'step-ca/steppath/config/ca.json')!;
  });

  it('reads the authority: key storage, database, CRL, policy and the CA certificates it names', () => {
    const [root, intermediate] = ['root', 'crt'].map((field) => ctx.ofKind('certificate').find((c) => c.sightings[0]?.location === `step-ca/steppath/config/ca.json#${field}`)!);
    expect(root?.subject).toBe('CN=Fixture Smallstep Root CA, O=pkimm-scan fixtures');
    expect(intermediate?.sightings[0]).toEqual({ collector: 'step-ca', target: 'step-ca', location: 'step-ca/steppath/config/ca.json#crt', attributes: { role: 'intermediate', file: 'step-ca/steppath/certs/intermediate_ca.crt' } });
    expect(full).toMatchObject({
      product: 'step-ca',
      role: 'ca',
      name: 'step-ca step-ca/steppath/config/ca.json',
      ca: { subject: intermediate!.subject, certificateSha256: [root!.sha256, intermediate!.sha256], keyAlgorithm: 'EC', keySizeBits: 256 },
      keyStorage: { kind: 'pkcs11', detail: 'kms pkcs11' },
      revocation: { crl: { enabled: true, intervalSeconds: 12 * 3_600 } },
      enrollment: ['jwk', 'acme', 'oidc', 'x5c', 'k8s', 'other', 'scep'],
      details: { db: 'mysql', address: ':9000', provisioners: 11, policyAllowDns: '*.fixture.test', policyDenyDns: 'bad.fixture.test', policyAllowIp: '10.0.0.0/8' },
      observations: [],
    });
  });

  it.each<[string, Partial<CaProfile>, Record<string, unknown>]>([
    ['authority claims', { kind: 'default', maxValiditySeconds: 90 * DAY, defaultValiditySeconds: 30 * DAY, subject: { allowedDomains: ['*.fixture.test'], allowWildcards: false, allowIpSans: true } }, { minValiditySeconds: 300, renewalDisabled: false, allowRenewalAfterExpiry: true }],
    ['JWK/admin@fixture.test', { enrollment: ['jwk'], maxValiditySeconds: 90 * DAY, defaultValiditySeconds: DAY }, { jwkKeyType: 'EC P-256', hasEncryptedJwk: true, renewalDisabled: true, x509Template: 'file templates/x509/leaf.tpl' }],
    ['ACME/acme', { enrollment: ['acme'], maxValiditySeconds: 7 * DAY }, { challenges: 'dns-01', requireEab: true }],
    ['OIDC/corp-sso', { enrollment: ['oidc'] }, { hasOidcClientSecret: true, oidcDomains: 'fixture.test' }],
    ['X5C/x5c', { enrollment: ['x5c'] }, { rootsConfigured: true }],
    ['K8sSA/kubernetes', { enrollment: ['k8s'] }, { publicKeysConfigured: true }],
    ['SSHPOP/sshpop', { enrollment: ['other'] }, { sshCa: true }],
    ['SCEP/scep', { enrollment: ['scep'] }, { hasScepChallenge: true, x509Template: 'inline' }],
    ['Nebula/nebula', { enrollment: ['other'] }, { rootsConfigured: true }],
    ['AWS/aws', { enrollment: ['other'] }, { disableTrustOnFirstUse: true }],
    ['GCP/gcp', { enrollment: ['other'] }, { provisionerType: 'GCP' }],
    ['Azure/azure', { subject: { allowedDomains: ['*.azure.fixture.test'] } }, { disableCustomSans: true }],
  ])('profile %s', (name, expected, details) => {
    expect(profile(name)).toMatchObject({ ...expected, details });
  });

  it('reads RA mode and never copies its Vault credentials', () => {
    const ra = ctx.ofKind('ca-config').find((c) => c.source.path === 'step-ca/ra/ca.json');
    expect(ra).toMatchObject({ ca: { url: 'https://vault.fixture.test:8200' }, keyStorage: { kind: 'unknown', detail: 'registration authority in front of vaultcas' }, details: { authorityType: 'vaultcas', db: 'badgerv2' } });
    expect(JSON.stringify(ctx.emitted)).not.toMatch(/hvs\.|fixture-pin|fixture-db-pass|fixture-intermediate-password|fixture-oidc-client-secret|fixture-scep-challenge|fixtureCiphertext/);
  });

  it('reads a documentation snippet with a "..." line, comments and trailing commas', () => {
    const snippet = ctx.ofKind('ca-config').find((c) => c.name === 'step-ca provisioner ACME/acme-snippet');
    expect(snippet?.profiles[0]).toMatchObject({ maxValiditySeconds: 8 * 3_600, defaultValiditySeconds: 2 * 3_600, details: { forceCN: true, attestationFormats: 'apple, step' } });
    expect(snippet?.observations.map((o) => o.code)).toEqual(['config-placeholders-ignored']);
  });

  it('skips other JSON inside folders but names a file given directly that is not step-ca', async () => {
    expect(ctx.problems).toEqual([]);
    const named = await scan({ paths: ['step-ca/snippets/not-step.json'] });
    expect(named.problems).toEqual([{ target: 'step-ca/snippets/not-step.json', code: 'parse', message: 'step-ca/snippets/not-step.json: not a step-ca configuration (no "authority", nor a provisioner "type" and "name")' }]);
  });

  describe('certificate paths', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pkimm-step-'));
      await writeFile(join(dir, 'escape.json'), JSON.stringify({ root: '../../etc/root_ca.crt', crt: '/etc/step/certs/intermediate_ca.crt', authority: { provisioners: [] } }));
      await writeFile(join(dir, 'bad-claims.json'), JSON.stringify({ authority: { claims: { maxTLSCertDuration: '90 days' }, provisioners: [{ type: 'JWK', name: 'x', claims: { defaultTLSCertDuration: '1 week' } }] } }));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('never reads outside STEPPATH and reports the certificates it could not find', async () => {
      const out = await scan({ paths: ['escape.json'] }, dir);
      expect(out.ofKind('certificate')).toEqual([]);
      expect(out.ofKind('ca-config')[0]?.observations.map((o) => o.message)).toEqual([
        'root certificate ../../etc/root_ca.crt was not found under the scanned folder',
        'crt certificate /etc/step/certs/intermediate_ca.crt was not found under the scanned folder',
      ]);
    });

    it('reads absolute paths under hostRoot, else by file name in <STEPPATH>/certs, and not at all when switched off', async () => {
      await mkdir(join(dir, 'copied', 'config'), { recursive: true });
      await mkdir(join(dir, 'copied', 'certs'), { recursive: true });
      await copyFile(join(FIXTURES, 'step-ca', 'steppath', 'certs', 'root_ca.crt'), join(dir, 'copied', 'certs', 'root_ca.crt'));
      const absolute = JSON.stringify({ root: '/certs/root_ca.crt', crt: '/home/step/certs/intermediate_ca.crt', authority: { provisioners: [] } });
      await writeFile(join(dir, 'copied', 'config', 'ca.json'), absolute);
      await writeFile(join(dir, 'absolute.json'), absolute);
      const underHost = await scan({ paths: ['absolute.json'], hostRoot: join(FIXTURES, 'step-ca', 'steppath') }, dir);
      expect(underHost.ofKind('certificate').map((c) => c.sightings[0]?.location)).toEqual(['absolute.json#root']);
      const byName = await scan({ paths: ['copied'] }, dir);
      expect(byName.ofKind('certificate').map((c) => c.sightings[0]?.attributes?.file)).toEqual(['copied/certs/root_ca.crt']);
      expect(byName.ofKind('ca-config')[0]?.observations.map((o) => o.code)).toEqual(['certificate-file-not-found']);
      const noCerts = await scan({ paths: ['step-ca/steppath/config/ca.json'], readCertificates: false });
      expect(noCerts.ofKind('certificate')).toEqual([]);
    });

    it('records durations that are not Go durations as observations and keeps the defaults', async () => {
      const out = await scan({ paths: ['bad-claims.json'] }, dir);
      const config = out.ofKind('ca-config')[0]!;
      expect(config.observations.map((o) => o.code)).toEqual(['step-ca-invalid-duration', 'step-ca-invalid-duration']);
      expect(config.profiles.map((p) => [p.name, p.maxValiditySeconds, p.defaultValiditySeconds])).toEqual([
        ['authority claims', DAY, DAY],
        ['JWK/x', DAY, DAY],
      ]);
    });
  });

  it('counts paths as targets and rejects unknown keys', () => {
    expect(stepCa.countTargets(stepCa.config.parse({ paths: ['a', 'b'] }))).toBe(2);
    expect(stepCa.config.safeParse({ bogus: true }).success).toBe(false);
  });
});
