import { homedir } from 'node:os';
import { extname, isAbsolute, resolve } from 'node:path';
import type { CertificateFacts } from '../../model/evidence.js';
import { describeDocumentError, listConfigFiles, parseConfigDocuments, readConfigText, relativeError, relativePath } from '../../src/ca-config/read-config-file.js';
import { collectSecretValues, redactText, stripSecrets } from '../../src/ca-config/secrets.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { TOOL_VERSION } from '../../src/version.js';
import { certManagerConfigs } from './cert-manager.js';
import { type KubernetesClusterConfig, KubernetesConfig } from './config.js';
import { connectionFor, defaultKubeconfigPath, KubeApi, readKubeconfig } from './live.js';
import { describeOrigin, type KubeResource, type ResourceOrigin, toResources } from './resources.js';
import { isTlsSecret, readTlsSecret, secretTarget, type TlsSecretFindings } from './tls-secrets.js';

const ID = 'kubernetes';

/** Kinds the collector keeps; everything else in an export is ignored. */
const KINDS = new Set(['Secret', 'Issuer', 'ClusterIssuer', 'Certificate', 'CertificateRequest', 'Ingress']);

/** cert-manager collections read from a live cluster: plural → kind, and whether the kind is namespaced. */
const CERT_MANAGER_COLLECTIONS = [
  { plural: 'clusterissuers', kind: 'ClusterIssuer', namespaced: false },
  { plural: 'issuers', kind: 'Issuer', namespaced: true },
  { plural: 'certificates', kind: 'Certificate', namespaced: true },
  { plural: 'certificaterequests', kind: 'CertificateRequest', namespaced: true },
] as const;

/**
 * Reads Kubernetes TLS Secrets (certificates, private-key metadata) and cert-manager resources (issuers as `ca-config`
 * evidence, Certificates as their profiles) from `kubectl get -o yaml|json` exports, manifests and live clusters.
 */
export default defineCollector({
  id: ID,
  title: 'Kubernetes TLS Secrets and cert-manager',
  description: 'Reads TLS Secrets (certificates, private-key metadata) and cert-manager issuers, Certificates and CertificateRequests from kubectl exports, manifests or a live cluster.',
  config: KubernetesConfig,
  produces: ['certificate', 'private-key', 'ca-config'],
  countTargets: (config) => config.paths.length + (config.cluster ? Math.max(1, config.cluster.contexts.length) : 0),
  async collect(config, ctx) {
    const resources: KubeResource[] = [];
    const secrets = new Set<string>();
    await Promise.all(config.paths.map((path) => collectPath(path, config, ctx, resources, secrets)));
    // Files are read concurrently; sort so which file "comes first" (and so every target and source) is stable.
    const position = (r: KubeResource): [string, number, number] => [r.origin.file ?? '', r.origin.document ?? 0, r.origin.item ?? 0];
    resources.sort((a, b) => {
      const [fa, da, ia] = position(a);
      const [fb, db, ib] = position(b);
      return fa < fb ? -1 : fa > fb ? 1 : da - db || ia - ib;
    });
    processScope(resources, config, ctx, secrets);
    if (config.cluster) await collectCluster(config.cluster, config, ctx);
  },
});

async function collectPath(target: string, config: KubernetesConfig, ctx: CollectorContext, out: KubeResource[], secrets: Set<string>): Promise<void> {
  const root = isAbsolute(target) ? target : resolve(ctx.baseDir, target);
  let listed;
  try {
    listed = await listConfigFiles(ctx.fs, root, { recursive: config.recursive, extensions: config.extensions, maxFiles: config.maxFiles });
  } catch (error) {
    ctx.problem(target, relativeError(error, root, target));
    return;
  }
  for (const { path, error } of listed.errors) ctx.problem(target, relativeError(error, path, relativePath(ctx.baseDir, path)));
  if (listed.truncated) ctx.problem(target, new CollectError('too-large', `${target}: more than ${config.maxFiles} files; the rest were not read`));
  const named = listed.files.length === 1 && listed.files[0] === root;
  await Promise.all(listed.files.map((file) => ctx.limit(() => collectFile(file, target, named, config, ctx, out, secrets))));
}

async function collectFile(file: string, target: string, named: boolean, config: KubernetesConfig, ctx: CollectorContext, out: KubeResource[], secrets: Set<string>): Promise<void> {
  const relFile = relativePath(ctx.baseDir, file);
  let parsed;
  try {
    const { text } = await readConfigText(ctx.fs, file, config.maxFileBytes);
    parsed = parseConfigDocuments(text, extname(file).toLowerCase() === '.json' ? 'auto' : 'yaml', { allowPlaceholders: true });
  } catch (error) {
    ctx.problem(target, relativeError(error, file, relFile));
    return;
  }
  let kept = 0;
  let objects = 0;
  for (const doc of parsed.documents) {
    collectSecretValues(doc.value, secrets);
    const origin: ResourceOrigin = {
      target,
      file: relFile,
      ...(parsed.documents.length + parsed.errors.length > 1 ? { document: doc.index + 1 } : {}),
      line: doc.line,
      ...(parsed.placeholderLines.length > 0 ? { placeholderLines: parsed.placeholderLines } : {}),
    };
    const { resources } = toResources(doc.value, origin);
    objects += resources.length;
    for (const r of resources) {
      if (!KINDS.has(r.kind)) continue;
      out.push(r);
      kept++;
    }
  }
  const total = parsed.documents.length + parsed.errors.length;
  if (parsed.errors.length > 0) {
    const shown = parsed.errors.slice(0, 3).map((e) => describeDocumentError(e, total));
    const more = parsed.errors.length > 3 ? ` (and ${parsed.errors.length - 3} more)` : '';
    ctx.problem(target, new CollectError('parse', `${relFile}: ${redactText(shown.join('; '), secrets)}${more}`));
  } else if (named && objects === 0) {
    ctx.problem(target, new CollectError('parse', `${relFile}: no Kubernetes object (kind and metadata.name) found`));
  }
  ctx.log.debug(`${ID}: ${relFile}: ${kept} of ${objects} objects kept`);
}

/** Emits the evidence of one scope (all files, or one cluster context): TLS Secrets first, then cert-manager setups. */
function processScope(resources: readonly KubeResource[], config: KubernetesConfig, ctx: CollectorContext, secrets: ReadonlySet<string>): void {
  const findings = new Map<string, TlsSecretFindings>();
  const cache = new Map<string, CertificateFacts>();
  for (const r of resources) {
    if (!isTlsSecret(r)) continue;
    const source = r.origin.file ?? r.origin.target;
    const found = readTlsSecret(r, ID, source, { privateKeys: config.privateKeys, cache });
    findings.set(`${r.namespace ?? 'default'}/${r.name}`, found);
    if (!config.secrets) continue;
    for (const certificate of found.certificates) ctx.emit('certificate', r.origin.target, certificate);
    for (const key of found.privateKeys) ctx.emit('private-key', `${r.origin.target}#${key.location}`, key);
    if (found.problems.length > 0) {
      ctx.problem(r.origin.target, new CollectError('parse', `${describeOrigin(r.origin)}: ${secretTarget(r)}: ${redactText(found.problems.join('; '), secrets)}`));
    }
  }
  if (!config.certManager) return;
  for (const { target, data } of certManagerConfigs(resources, findings)) ctx.emit('ca-config', target, stripSecrets(data, secrets));
}

async function collectCluster(cluster: KubernetesClusterConfig, config: KubernetesConfig, ctx: CollectorContext): Promise<void> {
  const path = cluster.kubeconfig === undefined ? defaultKubeconfigPath(process.env, homedir()) : resolve(ctx.baseDir, cluster.kubeconfig);
  const shown = cluster.kubeconfig ?? 'default kubeconfig';
  let kubeconfig;
  try {
    kubeconfig = await readKubeconfig(ctx.fs, path, shown);
  } catch (error) {
    const target = cluster.contexts.length > 0 ? cluster.contexts.map((c) => `context:${c}`) : ['context:current'];
    for (const t of target) ctx.problem(t, relativeError(error, path, shown));
    return;
  }
  const contexts = cluster.contexts.length > 0 ? cluster.contexts : kubeconfig.currentContext === undefined ? [] : [kubeconfig.currentContext];
  if (contexts.length === 0) {
    ctx.problem('context:current', new CollectError('not-found', `kubeconfig ${shown} has no current-context; name contexts in collectors.kubernetes.cluster.contexts`));
    return;
  }
  await Promise.all(
    contexts.map(async (name) => {
      const target = `context:${name}`;
      try {
        const connection = await connectionFor(kubeconfig, name, ctx.fs);
        const api = new KubeApi(connection, { timeoutMs: cluster.timeoutMs, maxResponseBytes: cluster.maxResponseBytes, userAgent: `pkimm-scan/${TOOL_VERSION}` });
        const secrets = new Set<string>([...(connection.token ? [connection.token] : []), ...(connection.basicAuth ? [connection.basicAuth] : [])]);
        const resources = await readCluster(api, target, cluster, config, ctx, secrets);
        processScope(resources, config, ctx, secrets);
      } catch (error) {
        ctx.problem(target, error);
      }
    }),
  );
}

/** Lists one collection in every configured namespace (or across all); returns resources, reporting truncation. */
async function listCollection(
  api: KubeApi,
  collection: { readonly group: string; readonly plural: string; readonly kind: string; readonly namespaced: boolean; readonly query?: Readonly<Record<string, string>> },
  target: string,
  cluster: KubernetesClusterConfig,
  ctx: CollectorContext,
  secrets: Set<string>,
): Promise<KubeResource[] | undefined> {
  const prefix = collection.group === '' ? '/api/v1' : `/apis/${collection.group}/v1`;
  const namespaces = collection.namespaced && cluster.namespaces.length > 0 ? cluster.namespaces : [undefined];
  const out: KubeResource[] = [];
  let found = false;
  for (const namespace of namespaces) {
    const path = namespace === undefined ? `${prefix}/${collection.plural}` : `${prefix}/namespaces/${encodeURIComponent(namespace)}/${collection.plural}`;
    const list = await ctx.limit(() => api.list(path, collection.query ?? {}, cluster.pageSize, cluster.maxItems));
    if (!list) continue;
    found = true;
    if (list.truncated) ctx.problem(target, new CollectError('too-large', `${path}: more than ${cluster.maxItems} ${collection.plural}; the rest were not read`));
    for (const item of list.items) {
      collectSecretValues(collection.kind === 'Secret' ? { ...(item as object), kind: 'Secret' } : item, secrets);
      const { resources } = toResources(item, { target }, collection.kind);
      for (const r of resources) {
        const itemPath = r.namespace === undefined || !collection.namespaced ? `${prefix}/${collection.plural}/${r.name}` : `${prefix}/namespaces/${r.namespace}/${collection.plural}/${r.name}`;
        out.push({ ...r, kind: collection.kind, origin: { target, url: api.urlOf(itemPath) } });
      }
    }
  }
  return found ? out : undefined;
}

async function readCluster(api: KubeApi, target: string, cluster: KubernetesClusterConfig, config: KubernetesConfig, ctx: CollectorContext, secrets: Set<string>): Promise<KubeResource[]> {
  const resources: KubeResource[] = [];
  if (config.secrets || config.certManager) {
    const tls = await listCollection(api, { group: '', plural: 'secrets', kind: 'Secret', namespaced: true, query: { fieldSelector: 'type=kubernetes.io/tls' } }, target, cluster, ctx, secrets);
    // The core API always serves Secrets: a 404 means the server URL is not a Kubernetes API server.
    if (tls === undefined) throw new CollectError('http-status', `${api.urlOf('/api/v1/secrets')}: HTTP 404: not a Kubernetes API server (check the server URL)`);
    resources.push(...tls);
  }
  if (config.certManager) {
    for (const c of CERT_MANAGER_COLLECTIONS) {
      const listed = await listCollection(api, { group: 'cert-manager.io', ...c }, target, cluster, ctx, secrets);
      if (listed === undefined && c.plural === 'clusterissuers') {
        ctx.log.info(`${ID}: ${target}: cert-manager.io/v1 is not served (cert-manager not installed)`);
        break;
      }
      resources.push(...(listed ?? []));
    }
  }
  return resources;
}
