import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import gcm from '../../../collectors/gcp-certificate-manager/index.js';
import { gcmAttributes, gcmRecord } from '../../../collectors/gcp-certificate-manager/map.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';

const certs = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'certificates');
const pem = (name: string) => readFileSync(join(certs, name), 'utf8').replace(/^#.*\n/gm, '');
const PARENT = 'projects/pkimm-test/locations/global';
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pkimm-gcm-'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** `gcloud certificate-manager certificates list --format=json` output. */
const gcloudList = [
  {
    name: `${PARENT}/certificates/web`,
    createTime: '2025-01-01T00:00:00.000000Z',
    expireTime: '2025-12-31T23:59:59Z',
    managed: { domains: ['ecp256.fixture.test'], state: 'ACTIVE', authorizationAttemptInfo: [{ domain: 'ecp256.fixture.test', state: 'AUTHORIZED' }] },
    pemCertificate: pem('ec-p256.pem') + pem('ca-intermediate.pem'),
    sanDnsnames: ['ecp256.fixture.test'],
    scope: 'DEFAULT',
  },
  { name: `${PARENT}/certificates/uploaded`, selfManaged: {}, pemCertificate: pem('rsa-2048.pem'), sanDnsnames: ['rsa2048.fixture.test'] },
  { name: `${PARENT}/certificates/new`, managed: { domains: ['new.test'], state: 'PROVISIONING', provisioningIssue: { reason: 'AUTHORIZATION_ISSUE', details: 'CAA' } } },
];

describe('gcp-certificate-manager from gcloud JSON', () => {
  it('emits managed and self-managed certificates with their state, and names certificates without a PEM once', async () => {
    await writeFile(join(base, 'list.json'), JSON.stringify(gcloudList));
    const ctx = fakeCollectorContext({ baseDir: base });
    await gcm.collect(gcm.config.parse({ files: ['list.json'] }), ctx);
    const leafSightings = ctx.ofKind('certificate').flatMap((c) => c.sightings).filter((s) => s.attributes?.role !== 'chain');
    expect(leafSightings.map((s) => [s.target, s.attributes])).toEqual([
      [
        `${PARENT}/certificates/web`,
        { managed: 'true', managedBy: 'google', autoRenewal: 'true', state: 'ACTIVE', scope: 'DEFAULT', domains: '1', project: 'pkimm-test', location: 'global' },
      ],
      [`${PARENT}/certificates/uploaded`, { managed: 'false', managedBy: 'self', autoRenewal: 'false', domains: '1', project: 'pkimm-test', location: 'global' }],
    ]);
    expect(ctx.ofKind('certificate').some((c) => c.sightings[0]?.location === 'list.json#chain[1]')).toBe(true);
    expect(ctx.problems).toEqual([
      { target: 'list.json', code: 'not-found', message: `list.json: 1 certificate(s) without pemCertificate (not yet issued, or exported without it), e.g. ${PARENT}/certificates/new` },
    ]);
  });

  it('reports files that are not gcloud outputs', async () => {
    await writeFile(join(base, 'other.json'), '{"kind": "something else"}');
    const ctx = fakeCollectorContext({ baseDir: base });
    await gcm.collect(gcm.config.parse({ files: ['other.json', 'absent.json'] }), ctx);
    expect(ctx.problems.map((p) => [p.target, p.code]).sort()).toEqual([
      ['absent.json', 'not-found'],
      ['other.json', 'parse'],
    ]);
  });
});

describe('gcp-certificate-manager mapping of gRPC client objects', () => {
  it('maps a recorded listCertificates object (Timestamp with string seconds, enums as strings, private-CA issuance)', () => {
    const recorded = {
      name: `${PARENT}/certificates/internal`,
      description: '',
      createTime: { seconds: '1735689600', nanos: 0 },
      expireTime: { seconds: '1767225599', nanos: 0 },
      labels: {},
      sanDnsnames: ['internal.test'],
      pemCertificate: pem('ec-p256.pem'),
      scope: 'ALL_REGIONS',
      managed: { domains: ['internal.test'], dnsAuthorizations: [], issuanceConfig: `${PARENT}/certificateIssuanceConfigs/cas`, state: 'ACTIVE', provisioningIssue: null, authorizationAttemptInfo: [] },
      selfManaged: null,
      type: 'managed',
    };
    const record = gcmRecord(recorded, 'live')!;
    expect(record).toMatchObject({ managed: true, state: 'ACTIVE', expireTime: '2025-12-31T23:59:59.000Z', issuanceConfig: `${PARENT}/certificateIssuanceConfigs/cas` });
    expect(gcmAttributes(record)).toMatchObject({ managedBy: 'google-private-ca', scope: 'ALL_REGIONS', autoRenewal: 'true' });
    expect(gcmRecord({ selfManaged: {} }, 'live')).toBeUndefined();
  });

  it('validates live parents', () => {
    expect(gcm.config.safeParse({ parents: [PARENT] }).success).toBe(true);
    expect(gcm.config.safeParse({ parents: ['pkimm-test'] }).success).toBe(false);
    expect(gcm.countTargets(gcm.config.parse({ files: ['a'], parents: [PARENT] }))).toBe(2);
  });
});
