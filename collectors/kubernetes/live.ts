// Reading a live cluster: a kubeconfig reader and a small, read-only Kubernetes API client (list with `limit` /
// `continue` pagination) over node:https. It supports what kubeconfigs hold for non-interactive access: bearer tokens
// (inline or tokenFile), client certificates, basic auth, a cluster CA, tls-server-name and insecure-skip-tls-verify.
//
// Why not @kubernetes/client-node: its 2.x line loads undici 8, which needs Node ≥ 22.19 and throws at import time on
// Node 20 (the project's floor), so the client cannot even be imported here. Exec and auth-provider credential plugins
// (EKS, GKE, AKS logins) run external commands and are reported as unsupported instead of being run.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { FileSystem } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { describeDocumentError, parseYamlDocuments, readConfigText } from '../../src/ca-config/read-config-file.js';
import { redactText } from '../../src/ca-config/secrets.js';
import { asArray, asObject, asString } from './resources.js';

/** Largest kubeconfig, CA, certificate, key or token file read. */
const MAX_CREDENTIAL_BYTES = 1_000_000;

/** A parsed kubeconfig: named contexts, clusters and users, and the folder relative paths resolve against. */
export interface Kubeconfig {
  readonly currentContext?: string;
  readonly contexts: ReadonlyMap<string, { readonly cluster: string; readonly user: string; readonly namespace?: string }>;
  readonly clusters: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly users: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly dir: string;
}

/** How to reach and authenticate to one context's API server. Holds credentials: never logged or reported. */
export interface KubeConnection {
  readonly context: string;
  readonly server: URL;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly token?: string;
  readonly basicAuth?: string;
  readonly insecure: boolean;
  readonly serverName?: string;
}

function named(list: unknown, field: string): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  for (const item of asArray(list)) {
    const entry = asObject(item);
    const name = asString(entry?.name);
    const body = asObject(entry?.[field]);
    if (name !== undefined && body) map.set(name, body);
  }
  return map;
}

/** Reads and parses a kubeconfig file through the collector's file system; throws CollectError naming `shown`. */
export async function readKubeconfig(fs: FileSystem, path: string, shown: string): Promise<Kubeconfig> {
  const { text } = await readConfigText(fs, path, MAX_CREDENTIAL_BYTES);
  const parsed = parseYamlDocuments(text);
  const first = parsed.errors[0];
  if (first) throw new CollectError('parse', `kubeconfig ${shown}: ${describeDocumentError(first, parsed.documents.length + parsed.errors.length)}`);
  const doc = asObject(parsed.documents[0]?.value);
  if (!doc) throw new CollectError('parse', `kubeconfig ${shown}: not a kubeconfig (no mapping)`);
  const contexts = new Map<string, { cluster: string; user: string; namespace?: string }>();
  for (const [name, body] of named(doc.contexts, 'context')) {
    const cluster = asString(body.cluster);
    const user = asString(body.user);
    const namespace = asString(body.namespace);
    if (cluster !== undefined) contexts.set(name, { cluster, user: user ?? '', ...(namespace !== undefined ? { namespace } : {}) });
  }
  const current = asString(doc['current-context']);
  return {
    ...(current !== undefined && current !== '' ? { currentContext: current } : {}),
    contexts,
    clusters: named(doc.clusters, 'cluster'),
    users: named(doc.users, 'user'),
    dir: dirname(path),
  };
}

/** Returns the default kubeconfig path: the first entry of $KUBECONFIG, else ~/.kube/config. */
export function defaultKubeconfigPath(env: NodeJS.ProcessEnv, home: string): string {
  const first = env.KUBECONFIG?.split(process.platform === 'win32' ? ';' : ':').find((p) => p.length > 0);
  return first ?? resolve(home, '.kube', 'config');
}

async function fileOrData(fs: FileSystem, dir: string, section: Readonly<Record<string, unknown>>, field: string, what: string, context: string): Promise<Buffer | undefined> {
  const data = asString(section[`${field}-data`]);
  if (data !== undefined) return Buffer.from(data, 'base64');
  const file = asString(section[field]);
  if (file === undefined) return undefined;
  try {
    return Buffer.from(await fs.readFile(isAbsolute(file) ? file : resolve(dir, file), MAX_CREDENTIAL_BYTES));
  } catch (error) {
    const code = error instanceof CollectError ? error.code : 'other';
    throw new CollectError(code, `context "${context}": cannot read the ${what} file ${basename(file)}`, { cause: error });
  }
}

/**
 * Resolves a context into a connection: server URL, CA, and credentials (reading referenced files through `fs`).
 * Throws CollectError for an unknown context, a missing server, or credential plugins (exec, auth-provider).
 */
export async function connectionFor(config: Kubeconfig, context: string, fs: FileSystem): Promise<KubeConnection> {
  const ctx = config.contexts.get(context);
  if (!ctx) throw new CollectError('not-found', `context "${context}" is not in the kubeconfig (known: ${[...config.contexts.keys()].sort().join(', ') || 'none'})`);
  const cluster = config.clusters.get(ctx.cluster);
  if (!cluster) throw new CollectError('not-found', `context "${context}": cluster "${ctx.cluster}" is not in the kubeconfig`);
  const serverText = asString(cluster.server);
  let server: URL;
  try {
    server = new URL(serverText ?? '');
  } catch {
    throw new CollectError('parse', `context "${context}": cluster "${ctx.cluster}" has no valid server URL`);
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') throw new CollectError('parse', `context "${context}": unsupported server URL scheme ${server.protocol}`);
  if (asString(cluster['proxy-url']) !== undefined) throw new CollectError('other', `context "${context}": proxy-url is not supported; run the scan where the API server is reachable directly`);
  const user = config.users.get(ctx.user) ?? {};
  const exec = asObject(user.exec);
  if (exec) {
    const command = basename(asString(exec.command) ?? 'a command');
    throw new CollectError('other', `context "${context}": exec credential plugins (${command}) are not supported; use a kubeconfig with a token (kubectl create token) or a client certificate`);
  }
  if (asObject(user['auth-provider'])) throw new CollectError('other', `context "${context}": auth-provider plugins are not supported; use a kubeconfig with a token or a client certificate`);
  const ca = await fileOrData(fs, config.dir, cluster, 'certificate-authority', 'certificate-authority', context);
  const cert = await fileOrData(fs, config.dir, user, 'client-certificate', 'client-certificate', context);
  const key = await fileOrData(fs, config.dir, user, 'client-key', 'client-key', context);
  let token = asString(user.token);
  const tokenFile = asString(user.tokenFile);
  if (token === undefined && tokenFile !== undefined) {
    try {
      token = Buffer.from(await fs.readFile(isAbsolute(tokenFile) ? tokenFile : resolve(config.dir, tokenFile), MAX_CREDENTIAL_BYTES)).toString('utf8').trim();
    } catch (error) {
      throw new CollectError(error instanceof CollectError ? error.code : 'other', `context "${context}": cannot read the tokenFile ${basename(tokenFile)}`, { cause: error });
    }
  }
  const username = asString(user.username);
  const password = asString(user.password);
  const serverName = asString(cluster['tls-server-name']);
  return {
    context,
    server,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(token !== undefined && token !== '' ? { token } : {}),
    ...(username !== undefined && password !== undefined ? { basicAuth: Buffer.from(`${username}:${password}`).toString('base64') } : {}),
    insecure: cluster['insecure-skip-tls-verify'] === true,
    ...(serverName !== undefined ? { serverName } : {}),
  };
}

/** Limits of one client. */
export interface KubeApiOptions {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly userAgent: string;
}

/** One list call's outcome: the items (each as the API returned it) and whether `maxItems` cut it short. */
export interface KubeList {
  readonly items: unknown[];
  readonly truncated: boolean;
}

/** A read-only Kubernetes API client for one connection. */
export class KubeApi {
  constructor(
    private readonly connection: KubeConnection,
    private readonly options: KubeApiOptions,
  ) {}

  /** The API server URL of a path (kept under the server URL's own path, as proxies like Rancher need), for source pointers. */
  urlOf(path: string): string {
    const { server } = this.connection;
    return new URL(`${server.pathname.replace(/\/+$/, '')}${path}`, server).toString();
  }

  /**
   * Lists a collection, following `continue` tokens with `limit` = pageSize, up to maxItems items.
   * Returns undefined when the collection does not exist (404: the CRD is not installed); throws CollectError for
   * authentication/authorisation failures ('permission'), other statuses ('http-status'), timeouts and network errors.
   */
  async list(path: string, query: Readonly<Record<string, string>>, pageSize: number, maxItems: number): Promise<KubeList | undefined> {
    const items: unknown[] = [];
    let continueToken: string | undefined;
    for (;;) {
      const params = new URLSearchParams({ ...query, limit: String(Math.min(pageSize, maxItems - items.length)) });
      if (continueToken !== undefined) params.set('continue', continueToken);
      const response = await this.get(`${path}?${params.toString()}`);
      if (response.status === 404) return undefined;
      const body = asObject(response.body);
      for (const item of asArray(body?.items)) {
        if (items.length >= maxItems) return { items, truncated: true };
        items.push(item);
      }
      continueToken = asString(asObject(body?.metadata)?.continue);
      if (continueToken === undefined || continueToken === '') return { items, truncated: false };
      if (items.length >= maxItems) return { items, truncated: true };
    }
  }

  private get(pathAndQuery: string): Promise<{ status: number; body: unknown }> {
    const { connection, options } = this;
    const url = new URL(this.urlOf(pathAndQuery));
    const shownPath = pathAndQuery.split('?')[0] ?? pathAndQuery;
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': options.userAgent };
    if (connection.token !== undefined) headers.Authorization = `Bearer ${connection.token}`;
    else if (connection.basicAuth !== undefined) headers.Authorization = `Basic ${connection.basicAuth}`;
    const secrets = [connection.token, connection.basicAuth].filter((s): s is string => s !== undefined);
    return new Promise((resolvePromise, reject) => {
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxResponseBytes) {
            res.destroy();
            reject(new CollectError('too-large', `${shownPath}: response larger than ${options.maxResponseBytes} bytes (lower pageSize)`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (error) => reject(toCollectError(error, shownPath, options.timeoutMs, secrets)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          if (status === 404 || (status >= 200 && status < 300 && body !== undefined)) {
            resolvePromise({ status, body });
            return;
          }
          const reason = redactText(asString(asObject(body)?.message)?.replace(/\s+/g, ' ').slice(0, 200) ?? res.statusMessage ?? '', secrets);
          const code = status === 401 || status === 403 ? 'permission' : 'http-status';
          const what = status >= 200 && status < 300 ? 'response is not JSON' : `HTTP ${status}${reason ? `: ${reason}` : ''}`;
          reject(new CollectError(code, `${shownPath}: ${what}`));
        });
      };
      const common = { method: 'GET', headers, timeout: options.timeoutMs };
      const req =
        url.protocol === 'https:'
          ? httpsRequest(url, {
              ...common,
              ...(connection.ca ? { ca: connection.ca } : {}),
              ...(connection.cert ? { cert: connection.cert } : {}),
              ...(connection.key ? { key: connection.key } : {}),
              rejectUnauthorized: !connection.insecure,
              ...(connection.serverName !== undefined ? { servername: connection.serverName } : {}),
            }, onResponse)
          : httpRequest(url, common, onResponse);
      req.on('timeout', () => req.destroy(new CollectError('timeout', `${shownPath}: no answer within ${options.timeoutMs} ms`)));
      req.on('error', (error) => reject(toCollectError(error, shownPath, options.timeoutMs, secrets)));
      req.end();
    });
  }
}

function toCollectError(error: unknown, path: string, timeoutMs: number, secrets: readonly string[]): CollectError {
  if (error instanceof CollectError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const message = redactText(error instanceof Error ? error.message : String(error), secrets);
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new CollectError('connect', `${path}: ${message}`, { cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CollectError('dns', `${path}: ${message}`, { cause: error });
  if (code === 'ETIMEDOUT') return new CollectError('timeout', `${path}: no answer within ${timeoutMs} ms`, { cause: error });
  if (/CERT|SSL|TLS|self.signed|unable to verify|altnames/i.test(`${code} ${message}`)) return new CollectError('tls-handshake', `${path}: ${message}`, { cause: error });
  return new CollectError('other', `${path}: ${message}`, { cause: error });
}
