// Reading a live cluster through the official client, @kubernetes/client-node 1.4 (the 1.x line loads on Node 20; 2.x
// does not). This is the only file that touches the library: it loads kubeconfigs, resolves one context's credentials,
// and lists collections with `limit` / `continue` through CoreV1Api and CustomObjectsApi, handing the rest of the
// collector plain objects. Requests carry the library's authentication and TLS agents over a bounded transport (a
// deadline per request, a largest response) plugged in as the clients' HTTP library.
//
// The library is imported lazily, so scans of exported files never load it. Files a kubeconfig names (CA, client
// certificate and key, token files) are read here, size-bounded, through the collector's file system and passed to the
// library inline. Exec and auth-provider plugins (EKS, GKE, AKS, OIDC logins) run commands or call identity providers
// and are refused; the in-cluster service-account token file is read like any other token file.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, resolve } from 'node:path';
import type { Cluster, Context, KubeConfig, PromiseHttpLibrary, RequestContext, ResponseContext, User } from '@kubernetes/client-node';
import { defined } from '../../model/defined.js';
import { describeDocumentError, parseYamlDocuments, readConfigText, relativeError } from '../../src/ca-config/read-config-file.js';
import { redactText } from '../../src/ca-config/secrets.js';
import type { FileSystem } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { asArray, asObject, asString } from './resources.js';

/** Largest kubeconfig, CA, certificate, key or token file read. */
const MAX_CREDENTIAL_BYTES = 1_000_000;

/** The service-account token a pod sees (the library's in-cluster layout). */
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

type Library = typeof import('@kubernetes/client-node');
let loading: Promise<Library> | undefined;

function library(): Promise<Library> {
  loading ??= import('@kubernetes/client-node');
  return loading;
}

/** Where the kubeconfig comes from. */
export interface KubeconfigOptions {
  /** Absolute kubeconfig path from the scan configuration; without it: $KUBECONFIG, ~/.kube/config, then in-cluster. */
  readonly path?: string;
  /** How `path` is shown in messages (the configured, relative form). */
  readonly shown?: string;
  /** Prefix of the in-cluster service-account folder; empty in pods (tests point it into a temp folder). */
  readonly serviceAccountPrefix?: string;
}

/** A loaded kubeconfig: its contexts, and the library's config holding the credentials (never logged or reported). */
export interface LoadedKubeconfig {
  /** How the source is shown in messages: the configured path, "$KUBECONFIG", "~/.kube/config" or "in-cluster service account". */
  readonly shown: string;
  readonly currentContext?: string;
  readonly contexts: readonly string[];
  readonly config: KubeConfig;
  /** kubectl's `tokenFile` per user name (the library reads only `token-file`, relative to the working folder). */
  readonly tokenFiles: ReadonlyMap<string, string>;
}

async function exists(fs: FileSystem, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile;
  } catch {
    return false;
  }
}

/**
 * Loads the kubeconfig: the configured file; else every file of $KUBECONFIG merged (first definition of a name wins,
 * missing files skipped, as kubectl does); else ~/.kube/config; else the pod's service account (`loadFromCluster`,
 * which reads KUBERNETES_SERVICE_HOST/PORT). Throws CollectError ('not-found', 'parse', 'too-large', ...).
 */
export async function loadKubeconfig(fs: FileSystem, options: KubeconfigOptions): Promise<LoadedKubeconfig> {
  const k8s = await library();
  if (options.path !== undefined) return fromFiles(k8s, fs, [{ path: options.path, shown: options.shown ?? options.path }], options.shown ?? options.path);
  const listed = (process.env.KUBECONFIG ?? '').split(delimiter).filter((p) => p.length > 0);
  if (listed.length > 0) return fromFiles(k8s, fs, listed.map((path) => ({ path, shown: path })), '$KUBECONFIG');
  const home = resolve(homedir(), '.kube', 'config');
  if (await exists(fs, home)) return fromFiles(k8s, fs, [{ path: home, shown: '~/.kube/config' }], '~/.kube/config');
  const prefix = options.serviceAccountPrefix ?? '';
  if ((process.env.KUBERNETES_SERVICE_HOST ?? '') !== '' && (await exists(fs, `${prefix}${SERVICE_ACCOUNT_TOKEN}`))) {
    const config = new k8s.KubeConfig();
    config.loadFromCluster(prefix);
    return { shown: 'in-cluster service account', currentContext: config.getCurrentContext(), contexts: config.getContexts().map((c) => c.name), config, tokenFiles: new Map() };
  }
  throw new CollectError('not-found', 'no kubeconfig: set collectors.kubernetes.cluster.kubeconfig or $KUBECONFIG, create ~/.kube/config, or run in a pod with a service account');
}

async function fromFiles(k8s: Library, fs: FileSystem, files: readonly { path: string; shown: string }[], shown: string): Promise<LoadedKubeconfig> {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  const tokenFiles = new Map<string, string>();
  let currentContext: string | undefined;
  let loaded = 0;
  let firstError: CollectError | undefined;
  for (const file of files) {
    let one;
    try {
      one = await readOne(k8s, fs, file.path, file.shown);
    } catch (error) {
      // kubectl skips files of $KUBECONFIG that do not exist; a named file must.
      if (files.length > 1 && error instanceof CollectError && error.code === 'not-found') continue;
      firstError ??= relativeError(error, file.path, file.shown);
      continue;
    }
    loaded++;
    for (const c of one.config.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.config.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.config.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    for (const [user, path] of one.tokenFiles) if (!tokenFiles.has(user)) tokenFiles.set(user, path);
    const current = one.config.getCurrentContext() as string | undefined;
    if (currentContext === undefined && current !== undefined && current !== '') currentContext = current;
  }
  if (firstError !== undefined) throw firstError;
  if (loaded === 0) throw new CollectError('not-found', `${shown}: none of the files exists`);
  const config = new k8s.KubeConfig();
  config.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext });
  return defined<LoadedKubeconfig>({ shown, currentContext, contexts: [...contexts.keys()], config, tokenFiles });
}

/**
 * Reads one kubeconfig through `fs` (size-bounded, with the project's YAML limits against alias bombs and deep
 * nesting), takes kubectl's `tokenFile` / `token-file` out of each user (read later through `fs`, relative to the
 * kubeconfig's folder), and hands the rest to the library as JSON.
 */
async function readOne(k8s: Library, fs: FileSystem, path: string, shown: string): Promise<{ config: KubeConfig; tokenFiles: Map<string, string> }> {
  const { text } = await readConfigText(fs, path, MAX_CREDENTIAL_BYTES);
  const parsed = parseYamlDocuments(text);
  const first = parsed.errors[0];
  if (first) throw new CollectError('parse', `kubeconfig ${shown}: ${describeDocumentError(first, parsed.documents.length + parsed.errors.length)}`);
  const doc = asObject(parsed.documents[0]?.value);
  if (!doc) throw new CollectError('parse', `kubeconfig ${shown}: not a kubeconfig (no mapping)`);
  const dir = dirname(path);
  const tokenFiles = new Map<string, string>();
  const users = asArray(doc.users).map((entry) => {
    const named = asObject(entry);
    const user = asObject(named?.user);
    const name = asString(named?.name);
    if (!named || !user) return entry;
    const file = asString(user.tokenFile) ?? asString(user['token-file']);
    if (file !== undefined && name !== undefined) tokenFiles.set(name, isAbsolute(file) ? file : resolve(dir, file));
    return { ...named, user: Object.fromEntries(Object.entries(user).filter(([key]) => key !== 'tokenFile' && key !== 'token-file')) };
  });
  const config = new k8s.KubeConfig();
  try {
    config.loadFromString(JSON.stringify({ ...doc, users }), { onInvalidEntry: 'filter' });
  } catch (error) {
    throw new CollectError('parse', `kubeconfig ${shown}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  config.makePathsAbsolute(dir);
  return { config, tokenFiles };
}

/** Limits of one context's client. */
export interface KubeApiOptions {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly userAgent: string;
}

/** Paging limits of one list. */
export interface ListLimits {
  readonly pageSize: number;
  readonly maxItems: number;
}

/** One list's outcome: the items as plain JSON objects, and whether `maxItems` cut it short. */
export interface KubeList {
  readonly items: unknown[];
  readonly truncated: boolean;
}

/** API path of a collection or one object: `/api/v1/...` for the core group, `/apis/<group>/v1/...` otherwise. */
export function apiPath(group: string, plural: string, namespace?: string, name?: string): string {
  const prefix = group === '' ? '/api/v1' : `/apis/${group}/v1`;
  const scope = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${prefix}${scope}/${plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

/** A read-only client for one context. */
export interface KubeClient {
  /** Credentials of the context (token, password), for scrubbing messages. */
  readonly secrets: readonly string[];
  /** The API server URL of a path (under the server URL's own path, as proxies like Rancher need), for source pointers. */
  urlOf(path: string): string;
  /** Lists Secrets of type kubernetes.io/tls in one namespace or all; throws CollectError (404 included), AccessDenied for 403. */
  listTlsSecrets(namespace: string | undefined, limits: ListLimits): Promise<KubeList>;
  /** Lists a cert-manager.io/v1 collection in one namespace or cluster-wide; undefined when it is not served (404). Throws like listTlsSecrets. */
  listCertManager(plural: string, namespace: string | undefined, limits: ListLimits): Promise<KubeList | undefined>;
}

async function fileOrData(fs: FileSystem, file: string | null | undefined, data: string | null | undefined, what: string, context: string): Promise<string | undefined> {
  if (file === undefined || file === null || file === '') return data ?? undefined;
  try {
    return Buffer.from(await fs.readFile(file, MAX_CREDENTIAL_BYTES)).toString('base64');
  } catch (error) {
    const code = error instanceof CollectError ? error.code : 'other';
    throw new CollectError(code, `context "${context}": cannot read the ${what} file ${basename(file)}`, { cause: error });
  }
}

/**
 * Resolves a context into a client: checks the server URL, refuses exec and auth-provider plugins, reads the CA,
 * client certificate, key and token files through `fs`, and builds CoreV1Api and CustomObjectsApi clients for it.
 * Throws CollectError for an unknown context or cluster, a bad server URL, plugins and unreadable files.
 */
export async function connect(loaded: LoadedKubeconfig, name: string, fs: FileSystem, options: KubeApiOptions): Promise<KubeClient> {
  const k8s = await library();
  const context = loaded.config.getContextObject(name);
  if (!context) throw new CollectError('not-found', `context "${name}" is not in the kubeconfig (known: ${[...loaded.contexts].sort().join(', ') || 'none'})`);
  const cluster = loaded.config.getCluster(context.cluster);
  if (!cluster) throw new CollectError('not-found', `context "${name}": cluster "${context.cluster}" is not in the kubeconfig (or has no server)`);
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    throw new CollectError('parse', `context "${name}": cluster "${context.cluster}" has no valid server URL`);
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') throw new CollectError('parse', `context "${name}": unsupported server URL scheme ${server.protocol}`);
  // Context.user is typed as a string, but the library leaves it undefined for a context without a user.
  const userName = context.user as string | undefined;
  const user = userName === undefined ? null : loaded.config.getUser(userName);
  if (user?.exec) {
    const command = basename(asString(asObject(user.exec)?.command) ?? 'a command');
    throw new CollectError('other', `context "${name}": exec credential plugins (${command}) are not supported; use a kubeconfig with a token (kubectl create token) or a client certificate`);
  }
  const provider = asObject(user?.authProvider);
  // loadFromCluster describes the pod's token as an auth-provider "tokenFile"; that one only names a file.
  if (provider && provider.name !== 'tokenFile') throw new CollectError('other', `context "${name}": auth-provider plugins are not supported; use a kubeconfig with a token or a client certificate`);
  const caData = await fileOrData(fs, cluster.caFile, cluster.caData, 'certificate-authority', name);
  const certData = await fileOrData(fs, user?.certFile, user?.certData, 'client-certificate', name);
  const keyData = await fileOrData(fs, user?.keyFile, user?.keyData, 'client-key', name);
  let token = user?.token ?? undefined;
  const tokenFile = (user ? loaded.tokenFiles.get(user.name) : undefined) ?? asString(asObject(provider?.config)?.tokenFile);
  if ((token === undefined || token === '') && tokenFile !== undefined) {
    try {
      token = Buffer.from(await fs.readFile(tokenFile, MAX_CREDENTIAL_BYTES)).toString('utf8').trim();
    } catch (error) {
      throw new CollectError(error instanceof CollectError ? error.code : 'other', `context "${name}": cannot read the tokenFile ${basename(tokenFile)}`, { cause: error });
    }
  }
  const username = user?.username ?? undefined;
  const password = user?.password ?? undefined;
  const single = new k8s.KubeConfig();
  single.loadFromOptions({
    // The library builds a plain-HTTP agent only with skipTLSVerify (which means nothing without TLS): `kubectl proxy`.
    clusters: [defined<Cluster>({ name: cluster.name, server: cluster.server, skipTLSVerify: cluster.skipTLSVerify || server.protocol === 'http:', caData, tlsServerName: cluster.tlsServerName ?? undefined, proxyUrl: cluster.proxyUrl ?? undefined })],
    users: [defined<User>({ name: user?.name ?? '', certData, keyData, token: token === '' ? undefined : token, username, password, impersonateUser: user?.impersonateUser ?? undefined })],
    contexts: [{ name, cluster: cluster.name, user: user?.name ?? '' }],
    currentContext: name,
  });
  const secrets = [token, password, username !== undefined && password !== undefined ? Buffer.from(`${username}:${password}`).toString('base64') : undefined].filter((s): s is string => s !== undefined && s !== '');
  const configuration = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(cluster.server, {}),
    authMethods: { default: single },
    httpApi: k8s.wrapHttpLibrary(boundedTransport(k8s, options)),
  });
  const core = new k8s.CoreV1Api(configuration);
  const custom = new k8s.CustomObjectsApi(configuration);
  const urlOf = (path: string): string => new URL(`${server.pathname.replace(/\/+$/, '')}${path}`, server).toString();
  const call = async <T>(path: string, request: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await request();
    } catch (error) {
      if (error instanceof k8s.ApiException && error.code === 404) return undefined;
      throw toCollectError(error, path, options.timeoutMs, secrets, k8s);
    }
  };
  return {
    secrets,
    urlOf,
    async listTlsSecrets(namespace, limits) {
      const path = apiPath('', 'secrets', namespace);
      const list = await paginate(limits, async (limit, next) => {
        const query = { fieldSelector: 'type=kubernetes.io/tls', limit, ...defined({ _continue: next }) };
        const page = await call(path, () => (namespace === undefined ? core.listSecretForAllNamespaces(query) : core.listNamespacedSecret({ namespace, ...query })));
        // The typed list carries Date objects; the rest of the collector reads JSON as an export holds it.
        return page === undefined ? undefined : { items: page.items.map((item) => JSON.parse(JSON.stringify(item)) as unknown), next: page.metadata?._continue };
      });
      // The core API always serves Secrets: a 404 means the server URL is not a Kubernetes API server.
      if (list === undefined) throw new CollectError('http-status', `${urlOf('/api/v1/secrets')}: HTTP 404: not a Kubernetes API server (check the server URL)`);
      return list;
    },
    listCertManager(plural, namespace, limits) {
      const path = apiPath('cert-manager.io', plural, namespace);
      return paginate(limits, async (limit, next) => {
        const query = { group: 'cert-manager.io', version: 'v1', plural, limit, ...defined({ _continue: next }) };
        const page = asObject(await call(path, () => (namespace === undefined ? custom.listClusterCustomObject(query) : custom.listNamespacedCustomObject({ namespace, ...query }))));
        return page === undefined ? undefined : { items: [...asArray(page.items)], next: asString(asObject(page.metadata)?.continue) };
      });
    },
  };
}

/** Follows `continue` tokens with `limit` = pageSize up to maxItems; undefined when the first page is a 404. */
async function paginate(limits: ListLimits, fetchPage: (limit: number, next: string | undefined) => Promise<{ items: unknown[]; next: string | undefined } | undefined>): Promise<KubeList | undefined> {
  const items: unknown[] = [];
  let next: string | undefined;
  for (;;) {
    const page = await fetchPage(Math.min(limits.pageSize, limits.maxItems - items.length), next);
    if (page === undefined) return items.length === 0 ? undefined : { items, truncated: false };
    for (const item of page.items) {
      if (items.length >= limits.maxItems) return { items, truncated: true };
      items.push(item);
    }
    next = page.next;
    if (next === undefined || next === '') return { items, truncated: false };
    if (items.length >= limits.maxItems) return { items, truncated: true };
  }
}

/**
 * The clients' HTTP library: one GET over node:http(s) with the agent the library built (CA, client certificate,
 * server name, proxy), a deadline for the whole exchange and a bound on the body. Errors are CollectErrors without
 * the path; the caller adds it.
 */
function boundedTransport(k8s: Library, options: KubeApiOptions): PromiseHttpLibrary {
  return {
    send: (request: RequestContext) =>
      new Promise<ResponseContext>((resolvePromise, reject) => {
        const url = new URL(request.getUrl());
        const agent = request.getAgent();
        const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
        const headers = { ...request.getHeaders(), 'User-Agent': options.userAgent };
        // `timer` is set below, before any of these callbacks can run (they all fire on later turns).
        const fail = (error: unknown): void => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        };
        const onResponse = (res: IncomingMessage): void => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxResponseBytes) {
              res.destroy();
              fail(new CollectError('too-large', `response larger than ${options.maxResponseBytes} bytes (lower pageSize)`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', fail);
          res.on('end', () => {
            clearTimeout(timer);
            const body = Buffer.concat(chunks);
            const responseHeaders: Record<string, string> = {};
            for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) responseHeaders[key] = Array.isArray(value) ? value.join(', ') : value;
            resolvePromise(new k8s.ResponseContext(res.statusCode ?? 0, responseHeaders, { text: () => Promise.resolve(body.toString('utf8')), binary: () => Promise.resolve(body) }));
          });
        };
        const req = send(url, { method: request.getHttpMethod(), headers, ...(agent ? { agent } : {}) }, onResponse);
        const timer = setTimeout(() => req.destroy(new CollectError('timeout', `no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
        req.on('error', fail);
        req.end();
      }),
  };
}

/** A 403 on one collection: the context's other collections and namespaces are still read. */
export class AccessDenied extends CollectError {
  override name = 'AccessDenied';
}

/** The API's own reason of a refused request (a Status object's message), scrubbed and shortened. */
function apiReason(body: unknown, code: number, secrets: readonly string[]): string {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  const message = asString(asObject(parsed)?.message)?.replace(/\s+/g, ' ').slice(0, 200);
  return redactText(message ?? (code === 401 ? 'Unauthorized' : code === 403 ? 'Forbidden' : ''), secrets);
}

function toCollectError(error: unknown, path: string, timeoutMs: number, secrets: readonly string[], k8s: Library): CollectError {
  if (error instanceof k8s.ApiException) {
    const status = error.code;
    const reason = apiReason(error.body, status, secrets);
    const message = `${path}: HTTP ${status}${reason ? `: ${reason}` : ''}`;
    if (status === 403) return new AccessDenied('permission', message);
    return new CollectError(status === 401 ? 'permission' : 'http-status', message);
  }
  if (error instanceof CollectError) return new CollectError(error.code, `${path}: ${error.message}`, { cause: error });
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const message = redactText(error instanceof Error ? error.message : String(error), secrets);
  // A 2xx answer the library cannot read: JSON.parse failed, or the content type is not JSON.
  if (error instanceof SyntaxError || /Content-Type|mediaType/.test(message)) return new CollectError('http-status', `${path}: response is not JSON`, { cause: error });
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new CollectError('connect', `${path}: ${message}`, { cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CollectError('dns', `${path}: ${message}`, { cause: error });
  if (code === 'ETIMEDOUT') return new CollectError('timeout', `${path}: no answer within ${timeoutMs} ms`, { cause: error });
  if (/CERT|SSL|TLS|self.signed|unable to verify|altnames/i.test(`${code} ${message}`)) return new CollectError('tls-handshake', `${path}: ${message}`, { cause: error });
  return new CollectError('other', `${path}: ${message}`, { cause: error });
}
