// The live-cluster path against a fake Kubernetes API server: real HTTPS on 127.0.0.1, a kubeconfig pointing at it,
// token, tokenFile and client-certificate authentication, pagination with limit/continue, a cluster without
// cert-manager (404 on its API group), and refused credentials. No mocks of the client.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import kubernetes from '../../../collectors/kubernetes/index.js';
import { issueCertificate, privateKeyPem } from '../../../src/demo/pki.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'ca-configs');
const TOKEN = 'fake-api-token-3f9c2a7d1b8e4f60';
const FILE_TOKEN = 'fake-file-token-8d1e6b2c9a4f7e35';

const secretList = JSON.parse(readFileSync(join(FIXTURES, 'kubernetes-api', 'secret-list.json'), 'utf8')) as { items: { metadata: { namespace: string } }[] };
const certManager = parseAllDocuments(readFileSync(join(FIXTURES, 'kubernetes', 'cert-manager.yaml'), 'utf8')).map((d) => d.toJS() as { kind: string; metadata: { namespace?: string } });
const PLURALS: Record<string, string> = { clusterissuers: 'ClusterIssuer', issuers: 'Issuer', certificates: 'Certificate', certificaterequests: 'CertificateRequest' };

interface Seen {
  readonly path: string;
  readonly query: URLSearchParams;
}

let server: Server;
let port: number;
let dir: string;
const seen: Seen[] = [];

function page(items: readonly unknown[], query: URLSearchParams): unknown {
  const limit = Number(query.get('limit') ?? items.length);
  const start = Number(query.get('continue') ?? 0);
  const next = start + limit;
  return { kind: 'List', apiVersion: 'v1', metadata: next < items.length ? { continue: String(next) } : {}, items: items.slice(start, next) };
}

function route(path: string, query: URLSearchParams): { status: number; body: unknown } {
  const bare = path.startsWith('/bare/');
  const api = bare ? path.slice('/bare'.length) : path;
  let m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/secrets$/.exec(api);
  if (m) {
    if (query.get('fieldSelector') !== 'type=kubernetes.io/tls') return { status: 400, body: { kind: 'Status', message: 'expected the TLS field selector' } };
    const namespace = m[1];
    return { status: 200, body: page(secretList.items.filter((s) => namespace === undefined || s.metadata.namespace === namespace), query) };
  }
  m = /^\/apis\/cert-manager\.io\/v1(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(api);
  const kind = m && !bare ? PLURALS[m[2]!] : undefined;
  if (m && kind !== undefined) {
    const namespace = m[1];
    const items = certManager.filter((r) => r.kind === kind && (namespace === undefined || (r.metadata.namespace ?? 'default') === namespace));
    return { status: 200, body: page(items, query) };
  }
  return { status: 404, body: { kind: 'Status', message: 'the server could not find the requested resource', code: 404 } };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-k8s-live-'));
  const now = new Date();
  const ca = await issueCertificate({ subject: 'CN=Fake Kubernetes CA', key: { type: 'EC', curve: 'P-256' }, notBefore: new Date(now.getTime() - 86_400_000), notAfter: new Date(now.getTime() + 86_400_000), ca: true });
  const serverCert = await issueCertificate({
    subject: 'CN=kube-apiserver',
    key: { type: 'EC', curve: 'P-256' },
    issuer: { subject: ca.subject, keys: ca.keys },
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 86_400_000),
    ipAddresses: ['127.0.0.1'],
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
  });
  const client = await issueCertificate({
    subject: 'CN=pkimm-client',
    key: { type: 'EC', curve: 'P-256' },
    issuer: { subject: ca.subject, keys: ca.keys },
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 86_400_000),
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.2'],
  });
  server = createServer({ cert: serverCert.pem, key: await privateKeyPem(serverCert.keys), ca: ca.pem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    seen.push({ path: url.pathname, query: url.searchParams });
    const socket = req.socket;
    const viaCertificate = socket instanceof TLSSocket && socket.authorized && socket.getPeerCertificate().subject?.CN === 'pkimm-client';
    const auth = req.headers.authorization;
    const result = viaCertificate || auth === `Bearer ${TOKEN}` || auth === `Bearer ${FILE_TOKEN}` ? route(url.pathname, url.searchParams) : { status: 401, body: { kind: 'Status', message: 'Unauthorized', code: 401 } };
    res.writeHead(result.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  await writeFile(join(dir, 'token'), `${FILE_TOKEN}\n`);
  await writeFile(join(dir, 'client.crt'), client.pem);
  await writeFile(join(dir, 'client.key'), await privateKeyPem(client.keys));
  const caData = Buffer.from(ca.pem).toString('base64');
  const cluster = (name: string, path = '') => ({ name, cluster: { server: `https://127.0.0.1:${port}${path}`, 'certificate-authority-data': caData } });
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'fake',
    clusters: [cluster('fake'), cluster('bare', '/bare'), cluster('nowhere', '/nowhere'), { name: 'untrusted', cluster: { server: `https://127.0.0.1:${port}` } }],
    users: [
      { name: 'token-user', user: { token: TOKEN } },
      { name: 'file-user', user: { tokenFile: 'token' } },
      { name: 'cert-user', user: { 'client-certificate': 'client.crt', 'client-key': 'client.key' } },
      { name: 'wrong-user', user: { token: 'wrong-token-5e4d3c2b1a' } },
      { name: 'eks-user', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: '/usr/local/bin/aws', args: ['eks', 'get-token'] } } },
    ],
    contexts: [
      { name: 'fake', context: { cluster: 'fake', user: 'token-user' } },
      { name: 'file', context: { cluster: 'fake', user: 'file-user' } },
      { name: 'cert', context: { cluster: 'fake', user: 'cert-user' } },
      { name: 'bare', context: { cluster: 'bare', user: 'token-user' } },
      { name: 'wrong', context: { cluster: 'fake', user: 'wrong-user' } },
      { name: 'eks', context: { cluster: 'fake', user: 'eks-user' } },
      { name: 'untrusted', context: { cluster: 'untrusted', user: 'token-user' } },
      { name: 'nowhere', context: { cluster: 'nowhere', user: 'token-user' } },
    ],
  };
  await writeFile(join(dir, 'kubeconfig'), stringify(kubeconfig));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function scan(cluster: Record<string, unknown>): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir: dir });
  await kubernetes.collect(kubernetes.config.parse({ cluster: { kubeconfig: 'kubeconfig', ...cluster } }), ctx);
  return ctx;
}

describe('kubernetes collector: live cluster', () => {
  it('reads TLS Secrets and cert-manager resources of the current context, page by page', async () => {
    seen.length = 0;
    const ctx = await scan({ pageSize: 2 });
    expect(ctx.problems).toEqual([]);
    const secretPages = seen.filter((s) => s.path === '/api/v1/secrets');
    expect(secretPages.map((s) => [s.query.get('limit'), s.query.get('continue')])).toEqual([
      ['2', null],
      ['2', '2'],
    ]);
    const subjects = ctx.ofKind('certificate').map((c) => `${c.sightings[0]!.target} ${c.sightings[0]!.location} ${c.subject}`);
    expect(subjects).toContain('secret apps/web-tls tls.crt CN=web.fixture.test');
    expect(ctx.emitted.filter((e) => e.kind === 'certificate').every((e) => e.target === 'context:fake')).toBe(true);
    expect(ctx.ofKind('certificate')[0]!.sightings[0]!.attributes?.source).toBe('context:fake');
    expect(ctx.ofKind('private-key').map((k) => k.location).sort()).toEqual(['secret apps/internal-ca#tls.key', 'secret apps/web-tls#tls.key', 'secret legacy/legacy-tls#tls.key']);
    const configs = new Map(ctx.ofKind('ca-config').map((c) => [c.name, c]));
    expect(configs.get('ClusterIssuer/letsencrypt-prod')?.details).toMatchObject({ issuerType: 'acme', certificates: 2, certificateRequests: 3 });
    expect(configs.get('Issuer/apps/internal-ca')?.ca?.subject).toBe('CN=Fixture Kubernetes Issuing CA, O=pkimm-scan fixtures');
    expect(configs.get('Issuer/apps/internal-ca')?.source).toEqual({ url: `https://127.0.0.1:${port}/apis/cert-manager.io/v1/namespaces/apps/issuers/internal-ca` });
    expect(ctx.emitted.find((e) => e.kind === 'ca-config')?.target).toMatch(/^context:fake#/);
  });

  it('reads only the configured namespaces, with a tokenFile or a client certificate', async () => {
    seen.length = 0;
    const ctx = await scan({ contexts: ['file', 'cert'], namespaces: ['legacy'] });
    expect(ctx.problems).toEqual([]);
    expect(seen.some((s) => s.path === '/api/v1/secrets')).toBe(false);
    expect(seen.filter((s) => s.path === '/api/v1/namespaces/legacy/secrets')).toHaveLength(2);
    expect(seen.filter((s) => s.path === '/apis/cert-manager.io/v1/clusterissuers')).toHaveLength(2);
    expect(new Set(ctx.ofKind('certificate').map((c) => c.subject))).toEqual(new Set(['CN=legacy.fixture.test']));
    expect(new Set(ctx.emitted.map((e) => e.target.split('#')[0]))).toEqual(new Set(['context:file', 'context:cert']));
  });

  it('reads Secrets only when cert-manager is not installed, under a server path prefix', async () => {
    const ctx = await scan({ contexts: ['bare'] });
    expect(ctx.problems).toEqual([]);
    expect(ctx.ofKind('ca-config')).toEqual([]);
    expect(ctx.ofKind('certificate').length).toBeGreaterThan(0);
  });

  it('reports refused credentials, exec plugins, untrusted servers, unknown contexts and non-API servers without leaking tokens', async () => {
    const ctx = await scan({ contexts: ['wrong', 'eks', 'untrusted', 'nope', 'nowhere'] });
    const byTarget = Object.fromEntries(ctx.problems.map((p) => [p.target, p]));
    expect(byTarget['context:wrong']).toEqual({ target: 'context:wrong', code: 'permission', message: '/api/v1/secrets: HTTP 401: Unauthorized' });
    expect(byTarget['context:eks']).toMatchObject({ code: 'other', message: 'context "eks": exec credential plugins (aws) are not supported; use a kubeconfig with a token (kubectl create token) or a client certificate' });
    expect(byTarget['context:untrusted']?.code).toBe('tls-handshake');
    expect(byTarget['context:nope']).toMatchObject({ code: 'not-found' });
    expect(byTarget['context:nowhere']).toEqual({ target: 'context:nowhere', code: 'http-status', message: `https://127.0.0.1:${port}/nowhere/api/v1/secrets: HTTP 404: not a Kubernetes API server (check the server URL)` });
    expect(ctx.emitted).toEqual([]);
    expect(JSON.stringify(ctx.problems)).not.toMatch(/fake-api-token|fake-file-token|wrong-token/);
  });

  it('reports a missing kubeconfig for every configured context', async () => {
    const ctx = fakeCollectorContext({ baseDir: dir });
    await kubernetes.collect(kubernetes.config.parse({ cluster: { kubeconfig: 'missing', contexts: ['a', 'b'] } }), ctx);
    expect(ctx.problems.map((p) => [p.target, p.code])).toEqual([
      ['context:a', 'not-found'],
      ['context:b', 'not-found'],
    ]);
  });
});
