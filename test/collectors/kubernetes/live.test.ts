// The live-cluster path (@kubernetes/client-node behind collectors/kubernetes/live.ts) against a fake Kubernetes API
// server: real HTTPS on 127.0.0.1 with a generated CA, a kubeconfig in a temp folder pointing at it, token, tokenFile
// and client-certificate authentication, limit/continue pagination, a namespace that answers 403, clusters without
// cert-manager or without one of its CRDs, a plain-HTTP `kubectl proxy`, $KUBECONFIG and the in-cluster service
// account. No mocks of the client library.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import kubernetes from '../../../collectors/kubernetes/index.js';
import { connect, loadKubeconfig } from '../../../collectors/kubernetes/live.js';
import { nodeFileSystem } from '../../../src/engine/file-system.js';
import { issueCertificate, privateKeyPem } from '../../../src/demo/pki.js';
import { fakeCollectorContext, type Emitted, type FakeCollectorContext } from '../../helpers/collector-context.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'ca-configs');
const TOKEN = 'fake-api-token-3f9c2a7d1b8e4f60';
const FILE_TOKEN = 'fake-file-token-8d1e6b2c9a4f7e35';
const POD_TOKEN = 'fake-pod-token-6a2b9c4d1e7f3a58';
const NOW = new Date('2026-11-22T00:00:00Z');

interface KubeObject {
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** An item of an API list: no kind of its own. */
type ListItem = Omit<KubeObject, 'kind'> & { type?: string };

const secrets = (JSON.parse(readFileSync(join(FIXTURES, 'kubernetes-api', 'secret-list.json'), 'utf8')) as { items: ListItem[] }).items;
// An Opaque Secret the field selector must keep out.
const opaque = { metadata: { name: 'db-password', namespace: 'apps' }, type: 'Opaque', data: { password: Buffer.from('opaque-db-password-not-evidence').toString('base64') } };
// Live mode reads the four cert-manager kinds; the fixture's ingress-shim Ingress is export-only.
const certManager = parseAllDocuments(readFileSync(join(FIXTURES, 'kubernetes', 'cert-manager.yaml'), 'utf8'))
  .map((d) => d.toJS() as KubeObject)
  .filter((r) => r.kind !== 'Ingress');
const PLURALS: Record<string, string> = { clusterissuers: 'ClusterIssuer', issuers: 'Issuer', certificates: 'Certificate', certificaterequests: 'CertificateRequest' };

interface Seen {
  readonly path: string;
  readonly query: URLSearchParams;
}

let server: Server;
let proxy: ReturnType<typeof createHttpServer>;
let port: number;
let dir: string;
let clientKeyPem: string;
const seen: Seen[] = [];

function page(items: readonly unknown[], query: URLSearchParams): unknown {
  const limit = Number(query.get('limit') ?? items.length);
  const start = Number(query.get('continue') ?? 0);
  const next = start + limit;
  return { kind: 'List', apiVersion: 'v1', metadata: next < items.length ? { continue: String(next) } : {}, items: items.slice(start, next) };
}

const status = (code: number, message: string): { status: number; body: unknown } => ({ status: code, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code } });

/**
 * The fake API. Server path prefixes select a cluster: none (everything), /bare (no cert-manager), /partial (no
 * CertificateRequest CRD), /nowhere (not an API server), /slow (never answers), /huge (an oversized answer),
 * /garbage (200 with a body that is not JSON).
 * Namespace "locked" answers 403 with a message that (badly) echoes the caller's token.
 */
function route(path: string, query: URLSearchParams, token: string): { status: number; body: unknown } | undefined {
  const prefix = /^\/(bare|partial|nowhere|slow|huge|garbage)(?=\/)/.exec(path)?.[1];
  const api = prefix === undefined ? path : path.slice(prefix.length + 1);
  if (prefix === 'slow') return undefined;
  if (prefix === 'huge') return { status: 200, body: { kind: 'List', items: [], padding: 'x'.repeat(200_000) } };
  if (prefix === 'garbage') return { status: 200, body: undefined };
  let m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/secrets$/.exec(api);
  if (m && prefix !== 'nowhere') {
    if (query.get('fieldSelector') !== 'type=kubernetes.io/tls') return status(400, 'expected the TLS field selector');
    const namespace = m[1];
    if (namespace === 'locked') return status(403, `secrets is forbidden: User "token ${token}" cannot list resource "secrets" in API group "" in the namespace "locked"`);
    const all = [...secrets, opaque].filter((s) => s.type === 'kubernetes.io/tls');
    return { status: 200, body: page(all.filter((s) => namespace === undefined || s.metadata.namespace === namespace), query) };
  }
  m = /^\/apis\/cert-manager\.io\/v1(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(api);
  const kind = m ? PLURALS[m[2]!] : undefined;
  const served = prefix === undefined || (prefix === 'partial' && kind !== 'CertificateRequest');
  if (m && kind !== undefined && served) {
    const namespace = m[1];
    if (namespace === 'locked') return status(403, `${m[2]!}.cert-manager.io is forbidden: cannot list in the namespace "locked"`);
    const items = certManager.filter((r) => r.kind === kind && (namespace === undefined || (r.metadata.namespace ?? 'default') === namespace));
    return { status: 200, body: page(items, query) };
  }
  return status(404, 'the server could not find the requested resource');
}

function handler(authenticate: (req: IncomingMessage) => string | undefined) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    seen.push({ path: url.pathname, query: url.searchParams });
    const token = authenticate(req);
    const result = token === undefined ? status(401, 'Unauthorized') : route(url.pathname, url.searchParams, token);
    if (result === undefined) return; // /slow: never answer
    res.writeHead(result.status, { 'content-type': 'application/json' });
    res.end(result.body === undefined ? '<html>proxy login</html>' : JSON.stringify(result.body));
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-k8s-live-'));
  const day = 86_400_000;
  const now = new Date();
  const validity = { notBefore: new Date(now.getTime() - day), notAfter: new Date(now.getTime() + day) };
  const ca = await issueCertificate({ subject: 'CN=Fake Kubernetes CA', key: { type: 'EC', curve: 'P-256' }, ...validity, ca: true });
  const issuer = { subject: ca.subject, keys: ca.keys };
  const serverCert = await issueCertificate({ subject: 'CN=kube-apiserver', key: { type: 'EC', curve: 'P-256' }, issuer, ...validity, ipAddresses: ['127.0.0.1'], extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'] });
  const client = await issueCertificate({ subject: 'CN=pkimm-client', key: { type: 'EC', curve: 'P-256' }, issuer, ...validity, extendedKeyUsage: ['1.3.6.1.5.5.7.3.2'] });
  const tokens = new Map([
    [`Bearer ${TOKEN}`, TOKEN],
    [`Bearer ${FILE_TOKEN}`, FILE_TOKEN],
    [`Bearer ${POD_TOKEN}`, POD_TOKEN],
  ]);
  server = createServer(
    { cert: serverCert.pem, key: await privateKeyPem(serverCert.keys), ca: ca.pem, requestCert: true, rejectUnauthorized: false },
    handler((req) => {
      const socket = req.socket;
      if (socket instanceof TLSSocket && socket.authorized && socket.getPeerCertificate().subject?.CN === 'pkimm-client') return 'client-certificate';
      return tokens.get(req.headers.authorization ?? '');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // `kubectl proxy`: plain HTTP on loopback, authenticating on the caller's behalf.
  proxy = createHttpServer(handler(() => 'proxy'));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyPort = (proxy.address() as AddressInfo).port;

  await writeFile(join(dir, 'token'), `${FILE_TOKEN}\n`);
  await writeFile(join(dir, 'ca.crt'), ca.pem);
  await writeFile(join(dir, 'client.crt'), client.pem);
  clientKeyPem = await privateKeyPem(client.keys);
  await writeFile(join(dir, 'client.key'), clientKeyPem);
  const caData = Buffer.from(ca.pem).toString('base64');
  const cluster = (name: string, path = '') => ({ name, cluster: { server: `https://127.0.0.1:${port}${path}`, 'certificate-authority-data': caData } });
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'fake',
    clusters: [
      cluster('fake'),
      ...['bare', 'partial', 'nowhere', 'slow', 'huge', 'garbage'].map((p) => cluster(p, `/${p}`)),
      { name: 'ca-file', cluster: { server: `https://127.0.0.1:${port}`, 'certificate-authority': 'ca.crt' } },
      { name: 'untrusted', cluster: { server: `https://127.0.0.1:${port}` } },
      { name: 'proxy', cluster: { server: `http://127.0.0.1:${proxyPort}` } },
    ],
    users: [
      { name: 'token-user', user: { token: TOKEN } },
      { name: 'file-user', user: { tokenFile: 'token' } },
      { name: 'cert-user', user: { 'client-certificate': 'client.crt', 'client-key': 'client.key' } },
      { name: 'wrong-user', user: { token: 'wrong-token-5e4d3c2b1a' } },
      { name: 'eks-user', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: '/usr/local/bin/aws', args: ['eks', 'get-token'] } } },
      { name: 'gcp-user', user: { 'auth-provider': { name: 'gcp', config: { 'cmd-path': '/usr/bin/gcloud' } } } },
      { name: 'anonymous', user: {} },
    ],
    contexts: [
      { name: 'fake', context: { cluster: 'fake', user: 'token-user' } },
      { name: 'file', context: { cluster: 'ca-file', user: 'file-user' } },
      { name: 'cert', context: { cluster: 'fake', user: 'cert-user' } },
      ...['bare', 'partial', 'nowhere', 'slow', 'huge', 'garbage'].map((p) => ({ name: p, context: { cluster: p, user: 'token-user' } })),
      { name: 'wrong', context: { cluster: 'fake', user: 'wrong-user' } },
      { name: 'eks', context: { cluster: 'fake', user: 'eks-user' } },
      { name: 'gke', context: { cluster: 'fake', user: 'gcp-user' } },
      { name: 'untrusted', context: { cluster: 'untrusted', user: 'token-user' } },
      { name: 'proxy', context: { cluster: 'proxy', user: 'anonymous' } },
    ],
  };
  await writeFile(join(dir, 'kubeconfig'), stringify(kubeconfig));
  // The same objects as an export (`kubectl get secrets,clusterissuers,... -A -o json`), for the equality check.
  const exported = { apiVersion: 'v1', kind: 'List', items: [...secrets.map((s) => ({ apiVersion: 'v1', kind: 'Secret', ...s })), ...certManager] };
  await writeFile(join(dir, 'export.json'), JSON.stringify(exported));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

interface Scanned extends FakeCollectorContext {
  readonly logged: string[];
}

async function scan(config: Record<string, unknown>): Promise<Scanned> {
  const logged: string[] = [];
  const record = (line: string): void => void logged.push(line);
  const ctx = { ...fakeCollectorContext({ baseDir: dir, now: NOW }), log: { debug: record, info: record, warn: record }, logged };
  await kubernetes.collect(kubernetes.config.parse(config), ctx);
  return ctx;
}

const live = (cluster: Record<string, unknown>): Promise<Scanned> => scan({ cluster: { kubeconfig: 'kubeconfig', ...cluster } });

/** Emitted evidence with where it was read replaced by a placeholder, sorted: comparable across exports and clusters. */
function comparable(emitted: readonly Emitted[], origin: string): string[] {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'source' ? '<source>' : strip(v)]));
  };
  return emitted.map((e) => JSON.stringify({ kind: e.kind, target: e.target.replace(origin, '<origin>'), data: strip(e.data) })).sort();
}

describe('kubernetes collector: live cluster through @kubernetes/client-node', () => {
  it('gives the same evidence as an export of the same objects, following limit/continue pages', async () => {
    seen.length = 0;
    const ctx = await live({ pageSize: 2 });
    expect(ctx.problems).toEqual([]);
    const secretPages = seen.filter((s) => s.path === '/api/v1/secrets');
    expect(secretPages.map((s) => [s.query.get('limit'), s.query.get('continue'), s.query.get('fieldSelector')])).toEqual([
      ['2', null, 'type=kubernetes.io/tls'],
      ['2', '2', 'type=kubernetes.io/tls'],
    ]);
    // 6 Certificates: three pages of two, the last one without a continue token.
    expect(seen.filter((s) => s.path === '/apis/cert-manager.io/v1/certificates').map((s) => s.query.get('continue'))).toEqual([null, '2', '4']);
    const exported = await scan({ paths: ['export.json'] });
    expect(exported.problems).toEqual([]);
    expect(comparable(ctx.emitted, 'context:fake')).toEqual(comparable(exported.emitted, 'export.json'));
    expect(ctx.ofKind('certificate').length).toBeGreaterThan(3);
    expect(ctx.ofKind('private-key')).toHaveLength(3);
    expect(ctx.ofKind('ca-config').length).toBeGreaterThan(5);
    // Where each item came from: the API URL of the object, and the context as the sighting source.
    expect(ctx.ofKind('certificate')[0]!.sightings[0]!.attributes?.source).toBe('context:fake');
    const internal = ctx.ofKind('ca-config').find((c) => c.name === 'Issuer/apps/internal-ca');
    expect(internal?.source).toEqual({ url: `https://127.0.0.1:${port}/apis/cert-manager.io/v1/namespaces/apps/issuers/internal-ca` });
    expect(internal?.ca?.subject).toBe('CN=Fixture Kubernetes Issuing CA, O=pkimm-scan fixtures');
  });

  it('reads listed namespaces, reports a 403 namespace once per refused collection, and keeps the rest', async () => {
    seen.length = 0;
    const ctx = await live({ namespaces: ['legacy', 'locked', 'apps'] });
    expect(seen.some((s) => s.path === '/api/v1/secrets')).toBe(false);
    expect(ctx.problems).toEqual([
      { target: 'context:fake', code: 'permission', message: '/api/v1/namespaces/locked/secrets: HTTP 403: secrets is forbidden: User "token [redacted]" cannot list resource "secrets" in API group "" in the namespace "locked"' },
      ...['issuers', 'certificates', 'certificaterequests'].map((plural) => ({
        target: 'context:fake',
        code: 'permission',
        message: `/apis/cert-manager.io/v1/namespaces/locked/${plural}: HTTP 403: ${plural}.cert-manager.io is forbidden: cannot list in the namespace "locked"`,
      })),
    ]);
    expect(new Set(ctx.ofKind('certificate').map((c) => c.sightings[0]!.target))).toEqual(new Set(['secret legacy/legacy-tls', 'secret apps/web-tls', 'secret apps/internal-ca']));
    expect(ctx.ofKind('ca-config').map((c) => c.name)).toContain('Issuer/apps/internal-ca');
    expect(JSON.stringify([ctx.problems, ctx.emitted, ctx.logged])).not.toContain(TOKEN);
  });

  it('authenticates with a tokenFile and a CA file, or with a client certificate', async () => {
    const ctx = await live({ contexts: ['file', 'cert'], namespaces: ['legacy'] });
    expect(ctx.problems).toEqual([]);
    expect(new Set(ctx.ofKind('certificate').map((c) => c.subject))).toEqual(new Set(['CN=legacy.fixture.test']));
    expect(new Set(ctx.emitted.map((e) => e.target.split('#')[0]))).toEqual(new Set(['context:file', 'context:cert']));
    const output = JSON.stringify([ctx.problems, ctx.emitted, ctx.logged]);
    expect(output).not.toContain(FILE_TOKEN);
    expect(output).not.toContain(clientKeyPem.split('\n')[1]);
  });

  it('reads Secrets when cert-manager is absent (one problem) or one of its CRDs is (one problem), under a server path prefix', async () => {
    const ctx = await live({ contexts: ['bare', 'partial'] });
    // Contexts are read concurrently: order the problems by target.
    expect([...ctx.problems].sort((a, b) => a.target.localeCompare(b.target))).toEqual([
      {
        target: 'context:bare',
        code: 'not-found',
        message: `https://127.0.0.1:${port}/bare/apis/cert-manager.io/v1/clusterissuers: HTTP 404: cert-manager.io/v1 is not served (cert-manager is not installed); only TLS Secrets were read (set certManager: false to skip it)`,
      },
      { target: 'context:partial', code: 'not-found', message: `https://127.0.0.1:${port}/partial/apis/cert-manager.io/v1/certificaterequests: HTTP 404: the CertificateRequest CRD of cert-manager.io/v1 is not installed` },
    ]);
    expect(ctx.emitted.filter((e) => e.kind === 'ca-config' && e.target.startsWith('context:bare'))).toEqual([]);
    expect(ctx.emitted.filter((e) => e.kind === 'certificate' && e.target === 'context:bare').length).toBeGreaterThan(0);
    const partial = ctx.emitted.filter((e) => e.kind === 'ca-config' && e.target.startsWith('context:partial')).map((e) => e.data as { name: string; details?: Record<string, unknown> });
    expect(partial.find((c) => c.name === 'ClusterIssuer/letsencrypt-prod')?.details).toMatchObject({ issuerType: 'acme', certificates: 2 });
  });

  it('reads through a plain-HTTP kubectl proxy without credentials', async () => {
    const ctx = await live({ contexts: ['proxy'] });
    expect(ctx.problems).toEqual([]);
    expect(ctx.ofKind('private-key')).toHaveLength(3);
  });

  it('reports refused credentials, plugins, untrusted servers, unknown contexts and non-API servers once each, without tokens', async () => {
    const ctx = await live({ contexts: ['wrong', 'eks', 'gke', 'untrusted', 'nope', 'nowhere'] });
    const byTarget = Object.fromEntries(ctx.problems.map((p) => [p.target, p]));
    expect(ctx.problems).toHaveLength(6);
    expect(byTarget['context:wrong']).toEqual({ target: 'context:wrong', code: 'permission', message: '/api/v1/secrets: HTTP 401: Unauthorized' });
    expect(byTarget['context:eks']).toMatchObject({ code: 'other', message: 'context "eks": exec credential plugins (aws) are not supported; use a kubeconfig with a token (kubectl create token) or a client certificate' });
    expect(byTarget['context:gke']).toMatchObject({ code: 'other', message: 'context "gke": auth-provider plugins are not supported; use a kubeconfig with a token or a client certificate' });
    expect(byTarget['context:untrusted']?.code).toBe('tls-handshake');
    expect(byTarget['context:nope']).toMatchObject({ code: 'not-found', message: expect.stringMatching(/^context "nope" is not in the kubeconfig \(known: bare, cert, eks, fake, /) as string });
    expect(byTarget['context:nowhere']).toEqual({ target: 'context:nowhere', code: 'http-status', message: `https://127.0.0.1:${port}/nowhere/api/v1/secrets: HTTP 404: not a Kubernetes API server (check the server URL)` });
    expect(ctx.emitted).toEqual([]);
    expect(JSON.stringify([ctx.problems, ctx.logged])).not.toMatch(/fake-api-token|fake-file-token|wrong-token/);
  });

  it('bounds each request in time and size (human forms accepted), and reports answers that are not JSON', async () => {
    const slow = await live({ contexts: ['slow'], timeoutMs: '300ms' });
    expect(slow.problems).toEqual([{ target: 'context:slow', code: 'timeout', message: '/api/v1/secrets: no answer within 300 ms' }]);
    const huge = await live({ contexts: ['huge'], maxResponseBytes: '100KB' });
    expect(huge.problems).toEqual([{ target: 'context:huge', code: 'too-large', message: '/api/v1/secrets: response larger than 100000 bytes (lower pageSize)' }]);
    const garbage = await live({ contexts: ['garbage'] });
    expect(garbage.problems).toEqual([{ target: 'context:garbage', code: 'http-status', message: '/api/v1/secrets: response is not JSON' }]);
  });

  it('stops at maxItems with one too-large problem per collection', async () => {
    const ctx = await live({ pageSize: 1, maxItems: 2 });
    const messages = ctx.problems.map((p) => `${p.code} ${p.message}`);
    expect(messages).toContain('too-large /api/v1/secrets: more than 2 secrets; the rest were not read');
    expect(messages).toContain('too-large /apis/cert-manager.io/v1/certificates: more than 2 certificates; the rest were not read');
    expect(ctx.ofKind('private-key')).toHaveLength(2);
  });

  it('reports a missing kubeconfig for every configured context', async () => {
    const ctx = await scan({ cluster: { kubeconfig: 'missing', contexts: ['a', 'b'] } });
    expect(ctx.problems.map((p) => [p.target, p.code, p.message.startsWith('missing')])).toEqual([
      ['context:a', 'not-found', true],
      ['context:b', 'not-found', true],
    ]);
  });

  it('finds the kubeconfig through $KUBECONFIG, skipping files that do not exist', async () => {
    vi.stubEnv('KUBECONFIG', [join(dir, 'absent'), join(dir, 'kubeconfig')].join(':'));
    const ctx = await scan({ cluster: { namespaces: ['legacy'] } });
    expect(ctx.problems).toEqual([]);
    expect(ctx.ofKind('certificate').map((c) => c.subject)).toEqual(['CN=legacy.fixture.test']);
  });

  it('uses the pod service account (token file and CA) when there is no kubeconfig', async () => {
    const prefix = join(dir, 'pod');
    const account = join(prefix, 'var/run/secrets/kubernetes.io/serviceaccount');
    await mkdir(account, { recursive: true });
    await writeFile(join(account, 'token'), POD_TOKEN);
    await writeFile(join(account, 'ca.crt'), readFileSync(join(dir, 'ca.crt')));
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('HOME', join(dir, 'no-home'));
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '127.0.0.1');
    vi.stubEnv('KUBERNETES_SERVICE_PORT', String(port));
    const loaded = await loadKubeconfig(nodeFileSystem, { serviceAccountPrefix: prefix });
    expect(loaded).toMatchObject({ shown: 'in-cluster service account', contexts: ['inClusterContext'], currentContext: 'inClusterContext' });
    const client = await connect(loaded, 'inClusterContext', nodeFileSystem, { timeoutMs: 5_000, maxResponseBytes: 1_000_000, userAgent: 'pkimm-scan-test' });
    expect(client.secrets).toEqual([POD_TOKEN]);
    const list = await client.listTlsSecrets('apps', { pageSize: 10, maxItems: 10 });
    expect(list.items.map((s) => (s as ListItem).metadata.name)).toEqual(['web-tls', 'internal-ca']);
    await expect(loadKubeconfig(nodeFileSystem, { serviceAccountPrefix: join(dir, 'not-a-pod') })).rejects.toThrow(/^no kubeconfig: /);
  });
});
