import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import kubernetes from '../../../collectors/kubernetes/index.js';
import type { CaConfigData, CertificateData } from '../../../model/evidence.js';
import { SECONDS } from '../../../src/ca-config/units.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'ca-configs');
const DAY = SECONDS.day;

async function scan(config: Record<string, unknown>, baseDir = FIXTURES): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir, now: new Date('2026-11-22T00:00:00Z') });
  await kubernetes.collect(kubernetes.config.parse(config), ctx);
  return ctx;
}

function byName(ctx: FakeCollectorContext): Map<string, CaConfigData> {
  return new Map(ctx.ofKind('ca-config').map((c) => [c.name, c]));
}

describe('kubernetes collector: exports and manifests', () => {
  let ctx: FakeCollectorContext;
  beforeAll(async () => {
    ctx = await scan({ paths: ['kubernetes'] });
  });

  it('emits every certificate of tls.crt and ca.crt with a "secret <ns>/<name>" sighting and cert-manager attributes', () => {
    const sightings = ctx.ofKind('certificate').flatMap((c) => c.sightings.map((s) => [c.subject, s.target, s.location] as const));
    expect(sightings).toEqual(
      expect.arrayContaining([
        ['CN=web.fixture.test', 'secret apps/web-tls', 'tls.crt'],
        ['CN=Fixture Kubernetes Issuing CA, O=pkimm-scan fixtures', 'secret apps/web-tls', 'tls.crt#1'],
        ['CN=Fixture Kubernetes Root CA, O=pkimm-scan fixtures', 'secret apps/web-tls', 'ca.crt'],
        ['CN=Fixture Kubernetes Issuing CA, O=pkimm-scan fixtures', 'secret apps/internal-ca', 'tls.crt'],
        ['CN=legacy.fixture.test', 'secret legacy/legacy-tls', 'tls.crt'],
        ['CN=legacy.fixture.test', 'secret default/json-tls', 'tls.crt'],
      ]),
    );
    const web = ctx.ofKind('certificate').find((c) => c.subject === 'CN=web.fixture.test')!;
    expect(web.sightings[0]).toEqual({
      collector: 'kubernetes',
      target: 'secret apps/web-tls',
      location: 'tls.crt',
      attributes: {
        namespace: 'apps',
        secret: 'web-tls',
        source: 'kubernetes/secrets-export.yaml',
        secretType: 'kubernetes.io/tls',
        managedBy: 'cert-manager',
        issuer: 'Issuer/internal-ca',
        certificate: 'web',
      },
    });
    expect(ctx.emitted.filter((e) => e.kind === 'certificate').every((e) => e.target === 'kubernetes')).toBe(true);
  });

  it('records private-key metadata that pairs with the certificate, never the key', () => {
    const keys = new Map(ctx.ofKind('private-key').map((k) => [k.location, k]));
    const web = ctx.ofKind('certificate').find((c) => c.subject === 'CN=web.fixture.test')!;
    expect(keys.get('secret apps/web-tls#tls.key')).toMatchObject({ keyAlgorithm: 'EC', curve: 'P-256', encrypted: false, format: 'pkcs8', spkiSha256: web.spkiSha256 });
    expect(keys.get('secret apps/internal-ca#tls.key')).toMatchObject({ keyAlgorithm: 'RSA', keySizeBits: 2048, encrypted: false, format: 'pkcs1' });
    expect(keys.get('secret legacy/legacy-tls#tls.key')).toMatchObject({ keyAlgorithm: 'unknown', encrypted: true, format: 'pkcs8-encrypted' });
    expect(ctx.emitted.filter((e) => e.kind === 'private-key').map((e) => e.target)).toContain('kubernetes#secret apps/web-tls#tls.key');
    expect(JSON.stringify(ctx.emitted)).not.toMatch(/PRIVATE KEY|LS0tLS1CRUdJTiBQUklWQVRF/);
  });

  it('reports a placeholder Secret once, by file and list item, and ignores Opaque Secrets', () => {
    expect(ctx.problems).toEqual([
      {
        target: 'kubernetes',
        code: 'parse',
        message: 'kubernetes/secrets-export.yaml item 4: secret apps/placeholder-tls: tls.crt is not base64 (a placeholder?); tls.key is not base64 (a placeholder?)',
      },
    ]);
    expect(JSON.stringify(ctx.emitted)).not.toContain('db-password');
  });

  it.each<[string, Partial<CaConfigData>, Record<string, unknown>]>([
    ['ClusterIssuer/letsencrypt-prod', { role: 'client', enrollment: ['acme'], ca: { url: 'https://acme-v02.api.letsencrypt.org/directory', staging: false } }, { issuerType: 'acme', solvers: 'http01(ingress nginx); dns01(route53)', externalAccountBinding: true, acmeProfile: 'tlsserver', certificates: 3, certificateRequests: 3, certificateRequestsApproved: 2, certificateRequestsDenied: 1, certificateRequestsReady: 1, certificateRequestsFailed: 1 }],
    ['ClusterIssuer/letsencrypt-staging', { role: 'client', ca: { url: 'https://acme-staging-v02.api.letsencrypt.org/directory', staging: true } }, { issuerType: 'acme', solvers: 'dns01(webhook acme.fixture.test/fixture-dns)', externalAccountBinding: false }],
    ['ClusterIssuer/selfsigned', { role: 'ca', enrollment: ['k8s'] }, { issuerType: 'selfSigned', certificates: 1 }],
    ['Issuer/apps/internal-ca', { role: 'ca', keyStorage: { kind: 'software', detail: 'Kubernetes Secret apps/internal-ca' }, revocation: { crl: { enabled: true, urls: ['http://crl.fixture.test/internal.crl'] }, ocsp: { enabled: true, urls: ['http://ocsp.fixture.test'] } } }, { issuerType: 'ca', certificates: 1 }],
    ['Issuer/apps/vault', { role: 'client', enrollment: ['api'], ca: { url: 'https://vault.fixture.test:8200' } }, { issuerType: 'vault', vaultPath: 'pki_int/sign/apps', vaultAuth: 'token' }],
    ['Issuer/apps/venafi', { role: 'client', ca: { url: 'https://tpp.fixture.test/vedsdk' } }, { issuerType: 'venafi', venafiPlatform: 'tpp', venafiZone: '\\VED\\Policy\\apps' }],
    ['Issuer/apps/missing-issuer', { role: 'client' }, { issuerType: 'unknown', certificates: 1 }],
    ['AWSPCAClusterIssuer.awspca.cert-manager.io/aws-pca', { role: 'client' }, { issuerType: 'external', issuerGroup: 'awspca.cert-manager.io' }],
  ])('%s is normalised', (name, expected, details) => {
    const config = byName(ctx).get(name);
    expect(config).toMatchObject({ product: 'cert-manager', ...expected, details });
  });

  it('links a CA issuer to the certificate in its Secret', () => {
    const intermediate = ctx.ofKind('certificate').find((c: CertificateData) => c.subject.startsWith('CN=Fixture Kubernetes Issuing CA'))!;
    expect(byName(ctx).get('Issuer/apps/internal-ca')?.ca).toEqual({ subject: intermediate.subject, certificateSha256: [intermediate.sha256] });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['Issuer/apps/internal-ca', 'Certificate/apps/web', { defaultValiditySeconds: 90 * DAY, renewBeforeSeconds: 15 * DAY, keyTypes: [{ algorithm: 'EC', bits: [256], curves: ['P-256'] }], extendedKeyUsage: ['serverAuth'], reusesKey: false, includesCrlDistributionPoint: true, includesOcspUrl: true }],
    ['ClusterIssuer/letsencrypt-prod', 'Certificate/apps/api', { defaultValiditySeconds: 90 * DAY, renewBeforeSeconds: 30 * DAY, keyTypes: [{ algorithm: 'RSA', bits: [2048] }], reusesKey: true, enrollment: ['acme'] }],
    ['ClusterIssuer/letsencrypt-prod', 'Certificate/apps/short-lived', { defaultValiditySeconds: DAY, renewBeforeSeconds: 6 * 3_600, extendedKeyUsage: ['clientAuth'] }],
    ['ClusterIssuer/letsencrypt-prod', 'Ingress/apps/shop#shop-tls', { defaultValiditySeconds: 30 * DAY, renewBeforeSeconds: 10 * DAY, keyTypes: [{ algorithm: 'EC', bits: [384], curves: ['P-384'] }] }],
    ['ClusterIssuer/selfsigned', 'Certificate/cert-manager/root-ca', { isCa: true, defaultValiditySeconds: 3_650 * DAY, keyTypes: [{ algorithm: 'Ed25519' }] }],
  ])('%s has profile %s', (issuer, profile, expected) => {
    const found = byName(ctx).get(issuer)?.profiles.find((p) => p.name === profile);
    expect(found).toMatchObject({ kind: 'certificate', autoRenewal: true, ...expected });
  });

  it('records observations instead of judging: staging, self-signed, missing and external issuers, invalid durations', () => {
    const codes = ctx.ofKind('ca-config').flatMap((c) => c.observations.map((o) => `${c.name}: ${o.code}`));
    expect(codes.sort()).toEqual([
      'AWSPCAClusterIssuer.awspca.cert-manager.io/aws-pca: cert-manager-external-issuer',
      'ClusterIssuer/letsencrypt-staging: acme-staging-endpoint',
      'ClusterIssuer/selfsigned: cert-manager-self-signed',
      'Issuer/apps/missing-issuer: cert-manager-invalid-duration',
      'Issuer/apps/missing-issuer: cert-manager-issuer-not-found',
    ]);
    const orphan = byName(ctx).get('Issuer/apps/missing-issuer')!.profiles[0]!;
    expect(orphan.defaultValiditySeconds).toBeUndefined();
    expect(orphan.details?.duration).toBe('90 days');
  });

  it('points each setup at its file, document and line', () => {
    expect(byName(ctx).get('Issuer/apps/internal-ca')?.source).toEqual({ path: 'kubernetes/cert-manager.yaml', pointer: 'document 4, line 55: Issuer/apps/internal-ca' });
  });
});

describe('kubernetes collector: switches and problems', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkimm-k8s-'));
    await writeFile(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n    bad: indent\n');
    await writeFile(join(dir, 'values.yaml'), 'replicaCount: 2\nimage: nginx\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [{ secrets: false }, ['ca-config']],
    [{ certManager: false }, ['certificate', 'private-key']],
    [{ privateKeys: false, certManager: false }, ['certificate']],
  ])('%j emits only %j', async (switches, kinds) => {
    const ctx = await scan({ paths: ['kubernetes'], ...switches });
    expect([...new Set(ctx.emitted.map((e) => e.kind))].sort()).toEqual(kinds);
  });

  it('names a broken file with the position, a named file without objects, and a missing path', async () => {
    const ctx = await scan({ paths: ['broken.yaml', 'values.yaml', 'nope'] }, dir);
    expect(ctx.problems).toEqual(
      expect.arrayContaining([
        { target: 'nope', code: 'not-found', message: 'nope: no such file or directory' },
        { target: 'values.yaml', code: 'parse', message: 'values.yaml: no Kubernetes object (kind and metadata.name) found' },
      ]),
    );
    expect(ctx.problems.find((p) => p.target === 'broken.yaml')?.message).toMatch(/^broken\.yaml: line 4, column \d+: /);
    expect(ctx.problems).toHaveLength(3);
  });

  it('ignores files without Kubernetes objects inside a folder', async () => {
    const ctx = await scan({ paths: ['.'], extensions: ['values.yaml'] }, dir);
    expect(ctx.problems).toEqual([]);
  });

  it('counts configured paths and contexts as targets and rejects unknown keys', () => {
    expect(kubernetes.countTargets(kubernetes.config.parse({ paths: ['a', 'b'], cluster: { contexts: ['x', 'y', 'z'] } }))).toBe(5);
    expect(kubernetes.countTargets(kubernetes.config.parse({ cluster: {} }))).toBe(1);
    expect(kubernetes.config.safeParse({ paths: [], bogus: 1 }).success).toBe(false);
    expect(kubernetes.config.safeParse({ cluster: { pageSize: 0 } }).success).toBe(false);
  });
});
