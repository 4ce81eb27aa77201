import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import awsPca from '../../../collectors/aws-pca/index.js';
import { assertNoSecrets } from '../../../src/ca-config/secrets.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/ca-configs/aws-pca/', import.meta.url));
const SECRET_KEY = 'fake-secret-access-key-for-pca-tests';

async function run(config: Record<string, unknown>) {
  const ctx = fakeCollectorContext({ baseDir: fixtures });
  await awsPca.collect(awsPca.config.parse(config), ctx);
  return ctx;
}

describe('aws-pca collector: CLI JSON', () => {
  it('maps describe-certificate-authority: algorithms, subject, CRL/OCSP with custom names, FIPS level 3 key storage', async () => {
    const ctx = await run({ paths: ['describe-certificate-authority.json'] });
    expect(ctx.problems).toEqual([]);
    expect(ctx.ofKind('ca-config')).toEqual([
      {
        product: 'aws-pca',
        role: 'ca',
        name: 'AWS Private CA CN=Fixture Issuing CA,OU=PKI,O=Fixture Org,C=NL',
        source: { path: 'describe-certificate-authority.json', pointer: '/CertificateAuthority' },
        ca: { subject: 'CN=Fixture Issuing CA,OU=PKI,O=Fixture Org,C=NL', keyAlgorithm: 'EC', keySizeBits: 256 },
        profiles: [
          {
            name: 'issued certificates',
            kind: 'default',
            signatureAlgorithms: ['SHA256WITHECDSA'],
            enrollment: ['api'],
            includesCrlDistributionPoint: true,
            includesOcspUrl: true,
            details: expect.objectContaining({ type: 'SUBORDINATE', status: 'ACTIVE', usageMode: 'GENERAL_PURPOSE', notAfter: '2030-03-02T10:00:00.000Z' }) as unknown,
          },
        ],
        enrollment: ['api'],
        revocation: {
          crl: { enabled: true, intervalSeconds: 7 * 86400, urls: ['http://crl.example.test/crl/11111111-2222-3333-4444-555555555555.crl'] },
          ocsp: { enabled: true, urls: ['http://ocsp.example.test'] },
        },
        keyStorage: { kind: 'hsm', detail: 'AWS-managed HSM, FIPS 140-2 level 3 or higher' },
        observations: [],
      },
    ]);
  });

  it('maps list-certificate-authorities (epoch timestamps, level 2 storage, short-lived mode, omitted CDP) and reports bad files', async () => {
    const ctx = await run({ paths: ['list-certificate-authorities.json', 'bad'] });
    const setups = ctx.ofKind('ca-config').filter((s) => s.source.path === 'list-certificate-authorities.json');
    expect(setups.map((s) => [s.ca?.keyAlgorithm, s.ca?.keySizeBits, s.keyStorage?.kind, s.profiles[0]!.maxValiditySeconds, s.profiles[0]!.includesCrlDistributionPoint])).toEqual([
      ['RSA', 4096, 'cloud-kms', undefined, false],
      ['ML-DSA-65', undefined, 'cloud-kms', 7 * 86400, false],
    ]);
    expect(setups[1]!.revocation?.crl).toEqual({ enabled: true, intervalSeconds: 86400, urls: ['http://short-crl.s3.us-east-1.amazonaws.com/crl/99999999-8888-7777-6666-555555555555.crl'] });
    expect(setups[0]!.profiles[0]!.details).toMatchObject({ createdAt: '2023-11-14T22:13:20.000Z', type: 'ROOT' });
    expect(ctx.problems.map((p) => p.message).sort()).toEqual([
      'bad/acm-list-certificates.json: not describe-certificate-authority or list-certificate-authorities output (no "CertificateAuthority" / "CertificateAuthorities")',
      'bad/mixed.json: /CertificateAuthorities/1: not an object',
    ]);
  });
});

describe('aws-pca collector: hostile input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkimm-pca-'));
    const ca = { Arn: 'arn:aws:acm-pca:eu-central-1:1:certificate-authority/abc', Type: 'ROOT', Future: { Nested: [1] }, CertificateAuthorityConfiguration: { KeyAlgorithm: 'RSA_9999', Subject: 'not an object' } };
    await writeFile(join(dir, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ CertificateAuthority: ca }), 'utf16le')]));
    await writeFile(join(dir, 'placeholder.json'), '{\n  "CertificateAuthorities": [\n    ...\n  ]\n}\n');
    await writeFile(join(dir, 'big.json'), '');
    await truncate(join(dir, 'big.json'), 50 * 1024 * 1024);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads PowerShell UTF-16 output with unknown fields and values, and reports placeholder and oversized files', async () => {
    const ctx = fakeCollectorContext({ baseDir: dir });
    await awsPca.collect(awsPca.config.parse({ paths: ['.'] }), ctx);
    expect(ctx.ofKind('ca-config').map((s) => [s.name, s.ca, s.keyStorage?.kind])).toEqual([['AWS Private CA arn:aws:acm-pca:eu-central-1:1:certificate-authority/abc', { keyAlgorithm: 'RSA_9999' }, 'cloud-kms']]);
    expect(ctx.problems.map((p) => [p.code, p.message.replace(/^\.\//, '')]).sort()).toEqual([
      ['parse', 'placeholder.json: line 3: a documentation placeholder ("..."), not JSON: the file is an excerpt, not a configuration'],
      ['too-large', `big.json: ${50 * 1024 * 1024} bytes exceeds the limit of 5000000`],
    ]);
  });
});

describe('aws-pca collector: live API', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    vi.unstubAllEnvs();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });

  function fakeCredentials(): void {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAFAKEPCAFAKEPCA00');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET_KEY);
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws-credentials');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  }

  it('lists certificate authorities page by page through the regional endpoint', async () => {
    fakeCredentials();
    const list = JSON.parse(await readFile(`${fixtures}list-certificate-authorities.json`, 'utf8')) as { CertificateAuthorities: unknown[] };
    const targets: string[] = [];
    nock('https://acm-pca.us-east-1.amazonaws.com')
      .post('/')
      .times(2)
      .reply(function reply(_uri, body) {
        targets.push(String(this.req.headers['x-amz-target']));
        const request = (typeof body === 'string' ? JSON.parse(body) : body) as { NextToken?: string };
        const token = request.NextToken;
        return [200, token === undefined ? { CertificateAuthorities: [list.CertificateAuthorities[0]], NextToken: 'page-2' } : { CertificateAuthorities: [list.CertificateAuthorities[1]] }, { 'content-type': 'application/x-amz-json-1.1' }];
      });
    const ctx = await run({ live: { regions: ['us-east-1'] } });
    expect(ctx.problems).toEqual([]);
    expect(targets).toEqual(['ACMPrivateCA.ListCertificateAuthorities', 'ACMPrivateCA.ListCertificateAuthorities']);
    const setups = ctx.ofKind('ca-config');
    expect(setups.map((s) => [s.name, s.source])).toEqual([
      ['AWS Private CA CN=Fixture AWS Root', { url: 'https://acm-pca.us-east-1.amazonaws.com', pointer: 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }],
      ['AWS Private CA CN=Fixture Short-Lived', { url: 'https://acm-pca.us-east-1.amazonaws.com', pointer: 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/99999999-8888-7777-6666-555555555555' }],
    ]);
    expect(setups[0]!.profiles[0]!.details).toMatchObject({ createdAt: '2023-11-14T22:13:20.000Z' });
    expect(() => assertNoSecrets({ emitted: ctx.emitted, problems: ctx.problems }, [SECRET_KEY])).not.toThrow();
  });

  it('turns an access error into one permission problem naming the service error, never the credentials', async () => {
    fakeCredentials();
    nock('https://acm-pca.eu-west-1.amazonaws.com')
      .post('/')
      .reply(400, { __type: 'com.amazon.coral.service#AccessDeniedException', message: 'User is not authorized' }, { 'content-type': 'application/x-amz-json-1.1' });
    const ctx = await run({ live: { regions: ['eu-west-1'] } });
    expect(ctx.emitted).toEqual([]);
    expect(ctx.problems).toEqual([{ target: 'aws-pca:eu-west-1', code: 'permission', message: 'aws-pca:eu-west-1: AccessDeniedException (HTTP 400)' }]);
    expect(JSON.stringify(ctx.problems)).not.toContain(SECRET_KEY);
  });

  it('refuses a region name that is not one in the configuration', () => {
    expect(awsPca.config.safeParse({ live: { regions: ['https://evil.example'] } }).success).toBe(false);
  });
});
