import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import awsAcm from '../../../collectors/aws-acm/index.js';
import { toCertificateFacts } from '../../../src/pki/certificate-facts.js';
import { splitCertificates } from '../../../src/pki/pem.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const certs = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'certificates');
const leafPem = readFileSync(join(certs, 'ec-p256.pem'), 'utf8').replace(/^#.*\n/gm, '');
const caPem = readFileSync(join(certs, 'ca-intermediate.pem'), 'utf8').replace(/^#.*\n/gm, '');
const leaf = toCertificateFacts(splitCertificates(new TextEncoder().encode(leafPem), 'leaf')[0]!.der);
const colonSerial = (hex: string) => (hex.length % 2 ? `0${hex}` : hex).toLowerCase().match(/../g)!.join(':');

const ACCOUNT = '123456789012';
const arn = (region: string, id: string) => `arn:aws:acm:${region}:${ACCOUNT}:certificate/${id}`;
const ISSUED = arn('eu-west-1', '11111111-1111-1111-1111-111111111111');
const IMPORTED = arn('eu-west-1', '22222222-2222-2222-2222-222222222222');
const PENDING = arn('eu-west-1', '33333333-3333-3333-3333-333333333333');

let base: string;
const FAKE_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED'] as const;
const savedEnv = Object.fromEntries(FAKE_ENV.map((k) => [k, process.env[k]]));

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pkimm-acm-'));
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-key-for-tests-only',
    AWS_CONFIG_FILE: join(base, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(base, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

afterAll(async () => {
  nock.enableNetConnect();
  for (const key of FAKE_ENV) {
    const value = savedEnv[key];
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  }
  await rm(base, { recursive: true, force: true });
});

async function run(config: Record<string, unknown>): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir: base });
  await awsAcm.collect(awsAcm.config.parse(config), ctx);
  return ctx;
}

const describeOutput = (certificateArn: string, extra: Record<string, unknown>) => ({
  Certificate: { CertificateArn: certificateArn, DomainName: 'ecp256.fixture.test', KeyAlgorithm: 'EC_prime256v1', InUseBy: [], ...extra },
});

describe('aws-acm from CLI outputs', () => {
  it('joins describe and get outputs (by ARN or serial), emits certificates with ACM attributes and one ca-config per account/region', async () => {
    const bundle = [
      describeOutput(ISSUED, {
        Type: 'AMAZON_ISSUED',
        Status: 'ISSUED',
        RenewalEligibility: 'ELIGIBLE',
        InUseBy: ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1', 'arn:aws:cloudfront::123456789012:distribution/X'],
        RenewalSummary: { RenewalStatus: 'SUCCESS' },
        DomainValidationOptions: [{ DomainName: 'ecp256.fixture.test', ValidationMethod: 'DNS' }],
        Serial: colonSerial(leaf.serialNumberHex),
        NotAfter: '2025-12-31T23:59:59+00:00',
      }),
      { Certificate: leafPem, CertificateChain: caPem },
      describeOutput(IMPORTED, { Type: 'IMPORTED', Status: 'ISSUED', RenewalEligibility: 'INELIGIBLE', KeyAlgorithm: 'RSA_2048' }),
      describeOutput(PENDING, { Type: 'AMAZON_ISSUED', Status: 'PENDING_VALIDATION', RenewalEligibility: 'INELIGIBLE' }),
    ];
    await writeFile(join(base, 'acm.json'), JSON.stringify(bundle));
    const ctx = await run({ files: ['acm.json'] });

    const issued = ctx.ofKind('certificate').find((c) => c.sha256 === leaf.sha256)!;
    expect(ctx.emitted.find((e) => e.kind === 'certificate' && (e.data as { sha256: string }).sha256 === leaf.sha256)?.target).toBe(ISSUED);
    expect(issued.sightings[0]).toEqual({
      collector: 'aws-acm',
      target: ISSUED,
      location: 'acm.json',
      attributes: { type: 'AMAZON_ISSUED', status: 'ISSUED', renewalEligibility: 'ELIGIBLE', renewalStatus: 'SUCCESS', inUseBy: '2', region: 'eu-west-1', account: ACCOUNT },
    });
    expect(ctx.ofKind('certificate').find((c) => c.isCa)?.sightings[0]).toMatchObject({ target: ISSUED, location: 'acm.json#chain[1]' });

    const [config] = ctx.ofKind('ca-config');
    expect(config).toMatchObject({ product: 'aws-acm', role: 'client', name: `ACM ${ACCOUNT}/eu-west-1`, enrollment: ['api'], automation: { autoRenewal: true } });
    const profiles = Object.fromEntries(config!.profiles.map((p) => [p.name, p]));
    expect(profiles[ISSUED]).toMatchObject({ kind: 'certificate', autoRenewal: true, enrollment: ['api'], keyTypes: [{ algorithm: 'EC', curves: ['P-256'] }], details: { inUseBy: 2, validationMethod: 'DNS' } });
    expect(profiles[IMPORTED]).toMatchObject({ autoRenewal: false, enrollment: ['manual'], keyTypes: [{ algorithm: 'RSA', bits: [2048] }] });
    expect(profiles[PENDING]).toMatchObject({ autoRenewal: false, details: { status: 'PENDING_VALIDATION' } });

    // The imported certificate is ISSUED but has no PEM in the bundle: one problem says what to export.
    expect(ctx.problems).toEqual([
      { target: 'acm.json', code: 'not-found', message: `acm.json: 1 ACM certificate(s) have metadata but no PEM, e.g. ${IMPORTED}: add the output of \`aws acm get-certificate --certificate-arn <arn>\` to read them` },
    ]);
  });

  it('reads a list-certificates output and reports unknown or broken files', async () => {
    await writeFile(join(base, 'list.json'), JSON.stringify({ CertificateSummaryList: [{ CertificateArn: PENDING, DomainName: 'x.test', Status: 'PENDING_VALIDATION', Type: 'AMAZON_ISSUED' }] }));
    await writeFile(join(base, 'other.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(join(base, 'broken.json'), '{"Certificate": ');
    const ctx = await run({ files: ['list.json', 'other.json', 'broken.json', 'missing.json'] });
    expect(ctx.ofKind('ca-config')).toHaveLength(1);
    expect(ctx.problems.map((p) => [p.target, p.code]).sort()).toEqual([
      ['broken.json', 'parse'],
      ['missing.json', 'not-found'],
      ['other.json', 'parse'],
    ]);
  });
});

describe('aws-acm live (nock against the regional JSON 1.1 endpoint)', () => {
  const endpoint = 'https://acm.eu-west-1.amazonaws.com';
  const json = { 'content-type': 'application/x-amz-json-1.1' };
  const target = (name: string) => (value: string | undefined) => value === `CertificateManager.${name}`;

  it('paginates ListCertificates for every key type, describes and fetches each certificate', async () => {
    const bodies: unknown[] = [];
    nock(endpoint)
      .post('/', (body) => (bodies.push(body), true))
      .matchHeader('x-amz-target', target('ListCertificates'))
      .reply(200, { CertificateSummaryList: [{ CertificateArn: ISSUED, DomainName: 'ecp256.fixture.test', Status: 'ISSUED', Type: 'PRIVATE' }], NextToken: 'page-2' }, json)
      .post('/', (body) => (bodies.push(body), true))
      .matchHeader('x-amz-target', target('ListCertificates'))
      .reply(200, { CertificateSummaryList: [{ CertificateArn: PENDING, Status: 'PENDING_VALIDATION', Type: 'AMAZON_ISSUED' }] }, json)
      .post('/', { CertificateArn: ISSUED })
      .matchHeader('x-amz-target', target('DescribeCertificate'))
      .reply(200, describeOutput(ISSUED, { Type: 'PRIVATE', Status: 'ISSUED', RenewalEligibility: 'ELIGIBLE', InUseBy: ['arn:aws:elasticloadbalancing:x'], NotAfter: 1767225599, CertificateAuthorityArn: 'arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/ca' }), json)
      .post('/', { CertificateArn: ISSUED })
      .matchHeader('x-amz-target', target('GetCertificate'))
      .reply(200, { Certificate: leafPem, CertificateChain: caPem }, json)
      .post('/', { CertificateArn: PENDING })
      .matchHeader('x-amz-target', target('DescribeCertificate'))
      .reply(200, describeOutput(PENDING, { Type: 'AMAZON_ISSUED', Status: 'PENDING_VALIDATION', RenewalEligibility: 'INELIGIBLE' }), json);

    const ctx = await run({ regions: ['eu-west-1'] });
    expect(ctx.problems).toEqual([]);
    expect(nock.isDone()).toBe(true);
    expect(bodies[0]).toMatchObject({ Includes: { keyTypes: expect.arrayContaining(['RSA_2048', 'EC_prime256v1', 'EC_secp384r1']) }, MaxItems: 1000 });
    expect(bodies[1]).toMatchObject({ NextToken: 'page-2' });
    const issued = ctx.ofKind('certificate').find((c) => c.sha256 === leaf.sha256)!;
    expect(issued.sightings[0]).toMatchObject({ target: ISSUED, location: 'live eu-west-1', attributes: { type: 'PRIVATE', status: 'ISSUED', renewalEligibility: 'ELIGIBLE', inUseBy: '1' } });
    const [config] = ctx.ofKind('ca-config');
    expect(config?.source).toEqual({ pointer: `arn:aws:acm:eu-west-1:${ACCOUNT}` });
    expect(config?.profiles.find((p) => p.name === ISSUED)).toMatchObject({ autoRenewal: true, details: { certificateAuthorityArn: expect.stringContaining('acm-pca') } });
  });

  it('reports a region whose credentials are refused as one permission problem', async () => {
    nock(endpoint)
      .post('/')
      .matchHeader('x-amz-target', target('ListCertificates'))
      .reply(400, { __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.' }, json);
    const ctx = await run({ regions: ['eu-west-1'], maxAttempts: 1 });
    expect(ctx.emitted).toEqual([]);
    expect(ctx.problems).toEqual([
      { target: 'aws-acm:eu-west-1', code: 'permission', message: 'aws-acm:eu-west-1: ListCertificates failed: UnrecognizedClientException: The security token included in the request is invalid.' },
    ]);
    expect(JSON.stringify(ctx.problems)).not.toContain('fake-secret-key');
  });

  it('counts files and regions as targets and validates region names', () => {
    expect(awsAcm.countTargets(awsAcm.config.parse({ files: ['a.json'], regions: ['us-east-1', 'eu-central-1'] }))).toBe(3);
    expect(awsAcm.config.safeParse({ regions: ['Frankfurt'] }).success).toBe(false);
  });
});
