import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

describe('gcp-certificate-manager live through the official client (REST transport, loopback API server)', () => {
  const OTHER = 'projects/pkimm-denied/locations/global';
  const requests: { url: string; authorization: string | undefined }[] = [];
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === `/v1/${OTHER}/certificates`) {
        res.statusCode = 403;
        res.end(JSON.stringify({ error: { code: 403, message: "Permission 'certificatemanager.certs.list' denied", status: 'PERMISSION_DENIED' } }));
      } else if (url.searchParams.get('pageToken') === 'page-2') {
        res.end(JSON.stringify({ certificates: [{ name: `${PARENT}/certificates/uploaded`, selfManaged: {}, pemCertificate: pem('rsa-2048.pem'), expireTime: '2027-01-01T00:00:00Z' }] }));
      } else {
        // Enums as numbers, as the REST transport asks for them ("enum-encoding=int"): scope 0 DEFAULT, state 3 ACTIVE.
        res.end(JSON.stringify({ certificates: [{ name: `${PARENT}/certificates/web`, scope: 0, managed: { domains: ['ecp256.fixture.test'], state: 3 }, pemCertificate: pem('ec-p256.pem') + pem('ca-intermediate.pem'), expireTime: '2025-12-31T23:59:59Z' }], nextPageToken: 'page-2' }));
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const key = { type: 'service_account', project_id: 'pkimm-test', private_key_id: 'k1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: 'scanner@pkimm-test.iam.gserviceaccount.com', client_id: '1', token_uri: `${endpoint}/token` };
    await writeFile(join(base, 'sa.json'), JSON.stringify(key));
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('follows pages, maps enums and attributes as from gcloud JSON, and reports a denied parent once while the other is read', async () => {
    const ctx = fakeCollectorContext({ baseDir: base });
    await gcm.collect(gcm.config.parse({ parents: [PARENT, OTHER], endpoint, credentialsFile: 'sa.json', timeoutMs: '10s' }), ctx);
    const leaves = ctx.ofKind('certificate').flatMap((c) => c.sightings).filter((s) => s.attributes?.role !== 'chain');
    expect(leaves.map((s) => [s.target, s.location, s.attributes?.managed, s.attributes?.state, s.attributes?.scope])).toEqual([
      [`${PARENT}/certificates/web`, 'live', 'true', 'ACTIVE', 'DEFAULT'],
      [`${PARENT}/certificates/uploaded`, 'live', 'false', undefined, 'DEFAULT'],
    ]);
    expect(requests.filter((r) => r.url.startsWith(`/v1/${PARENT}/certificates`)).map((r) => new URL(r.url, endpoint).searchParams.get('pageToken'))).toEqual([null, 'page-2']);
    expect(requests.every((r) => r.authorization?.startsWith('Bearer ') === true)).toBe(true);
    expect(ctx.problems).toEqual([{ target: OTHER, code: 'permission', message: `${OTHER}: listing certificates failed: PERMISSION_DENIED: Permission 'certificatemanager.certs.list' denied` }]);
    const written = JSON.stringify([ctx.emitted, ctx.problems]);
    expect(written).not.toContain('PRIVATE KEY');
    expect(written).not.toContain(requests[0]!.authorization!.slice(7, 60));
  });

  it('stops at maxCertificates with one too-large problem', async () => {
    const ctx = fakeCollectorContext({ baseDir: base });
    await gcm.collect(gcm.config.parse({ parents: [PARENT], endpoint, credentialsFile: 'sa.json', maxCertificates: 1 }), ctx);
    expect(ctx.ofKind('certificate').flatMap((c) => c.sightings).filter((s) => s.attributes?.role !== 'chain').map((s) => s.target)).toEqual([`${PARENT}/certificates/web`]);
    expect(ctx.problems.map((p) => p.code)).toEqual(['too-large']);
  });

  it.each([
    ['absent.json', undefined, /^credentials file absent\.json: .*; 1 live parent\(s\) not read$/, 'not-found'],
    ['garbage.json', '{"private_key": "-----BEGIN PRIVATE KEY-----\nMIIsecret', /^credentials file garbage\.json: not valid JSON; 1 live parent\(s\) not read$/, 'parse'],
    ['external.json', JSON.stringify({ type: 'external_account', credential_source: { executable: { command: '/bin/sh -c id' } } }), /^credentials file external\.json: not a service-account key file \(type "external_account"\)/, 'parse'],
  ])('refuses the credentials file %s with one problem that quotes nothing of it', async (name, body, message, code) => {
    if (body !== undefined) await writeFile(join(base, name), body);
    const ctx = fakeCollectorContext({ baseDir: base });
    await gcm.collect(gcm.config.parse({ parents: [PARENT], endpoint, credentialsFile: name }), ctx);
    expect(ctx.problems).toEqual([{ target: name, code, message: expect.stringMatching(message) }]);
    expect(JSON.stringify(ctx.problems)).not.toMatch(/secret|\/bin\/sh/);
  });

  it('accepts only http(s) endpoints, and http only over REST', () => {
    expect(gcm.config.safeParse({ endpoint: 'ftp://x' }).success).toBe(false);
    expect(gcm.config.safeParse({ endpoint: 'http://127.0.0.1:1', transport: 'grpc' }).success).toBe(false);
    expect(gcm.config.safeParse({ endpoint: 'https://certificatemanager.googleapis.com', transport: 'grpc' }).success).toBe(true);
  });
});
