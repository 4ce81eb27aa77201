import { extname, isAbsolute, resolve } from 'node:path';
import { defined } from '../../model/defined.js';
import type { CertificateFacts } from '../../model/evidence.js';
import { describeDocumentError, listConfigFiles, parseConfigDocuments, readConfigText, relativeError, relativePath } from '../../src/ca-config/read-config-file.js';
import { collectSecretValues, redactText, stripSecrets } from '../../src/ca-config/secrets.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { TOOL_VERSION } from '../../src/version.js';
import { certManagerConfigs } from './cert-manager.js';
import { type KubernetesClusterConfig, KubernetesConfig } from './config.js';
import { AccessDenied, apiPath, connect, type KubeClient, loadKubeconfig } from './live.js';
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
  let kubeconfig;
  try {
    const path = cluster.kubeconfig === undefined ? undefined : resolve(ctx.baseDir, cluster.kubeconfig);
    kubeconfig = await loadKubeconfig(ctx.fs, defined({ path, shown: cluster.kubeconfig }));
  } catch (error) {
    const targets = cluster.contexts.length > 0 ? cluster.contexts.map((c) => `context:${c}`) : ['context:current'];
    for (const t of targets) ctx.problem(t, error);
    return;
  }
  const contexts = cluster.contexts.length > 0 ? cluster.contexts : kubeconfig.currentContext === undefined ? [] : [kubeconfig.currentContext];
  if (contexts.length === 0) {
    ctx.problem('context:current', new CollectError('not-found', `kubeconfig ${kubeconfig.shown} has no current-context; name contexts in collectors.kubernetes.cluster.contexts`));
    return;
  }
  await Promise.all(
    contexts.map(async (name) => {
      const target = `context:${name}`;
      try {
        const client = await connect(kubeconfig, name, ctx.fs, { timeoutMs: cluster.timeoutMs, maxResponseBytes: cluster.maxResponseBytes, userAgent: `pkimm-scan/${TOOL_VERSION}` });
        const secrets = new Set<string>(client.secrets);
        const resources = await readCluster(client, target, cluster, config, ctx, secrets);
        processScope(resources, config, ctx, secrets);
      } catch (error) {
        ctx.problem(target, error);
      }
    }),
  );
}

/**
 * Lists one collection in one namespace (or across all) and turns its items into resources, reporting truncation.
 * A 403 becomes a problem naming the collection and namespace and yields no items; other failures end the context.
 * Returns undefined when the collection is not served (404).
 */
async function readCollection(
  client: KubeClient,
  collection: { readonly group: string; readonly plural: string; readonly kind: string; readonly namespaced: boolean },
  namespace: string | undefined,
  target: string,
  cluster: KubernetesClusterConfig,
  ctx: CollectorContext,
  secrets: Set<string>,
): Promise<KubeResource[] | undefined> {
  const limits = { pageSize: cluster.pageSize, maxItems: cluster.maxItems };
  let list;
  try {
    list = await ctx.limit(() => (collection.group === '' ? client.listTlsSecrets(namespace, limits) : client.listCertManager(collection.plural, namespace, limits)));
  } catch (error) {
    if (!(error instanceof AccessDenied)) throw error;
    ctx.problem(target, error);
    return [];
  }
  if (!list) return undefined;
  if (list.truncated) ctx.problem(target, new CollectError('too-large', `${apiPath(collection.group, collection.plural, namespace)}: more than ${cluster.maxItems} ${collection.plural}; the rest were not read`));
  const out: KubeResource[] = [];
  for (const item of list.items) {
    collectSecretValues(collection.kind === 'Secret' ? { ...(item as object), kind: 'Secret' } : item, secrets);
    const { resources } = toResources(item, { target }, collection.kind);
    for (const r of resources) {
      const itemPath = apiPath(collection.group, collection.plural, collection.namespaced ? r.namespace : undefined, r.name);
      out.push({ ...r, kind: collection.kind, origin: { target, url: client.urlOf(itemPath) } });
    }
  }
  return out;
}

/** Reads a context: TLS Secrets, then the cert-manager kinds; one problem per refused or missing collection. */
async function readCluster(client: KubeClient, target: string, cluster: KubernetesClusterConfig, config: KubernetesConfig, ctx: CollectorContext, secrets: Set<string>): Promise<KubeResource[]> {
  const resources: KubeResource[] = [];
  const namespaces = cluster.namespaces.length > 0 ? cluster.namespaces : [undefined];
  if (config.secrets || config.certManager) {
    const secretCollection = { group: '', plural: 'secrets', kind: 'Secret', namespaced: true };
    for (const namespace of namespaces) resources.push(...((await readCollection(client, secretCollection, namespace, target, cluster, ctx, secrets)) ?? []));
  }
  if (!config.certManager) return resources;
  for (const c of CERT_MANAGER_COLLECTIONS) {
    const collection = { group: 'cert-manager.io', ...c };
    for (const namespace of c.namespaced ? namespaces : [undefined]) {
      const listed = await readCollection(client, collection, namespace, target, cluster, ctx, secrets);
      if (listed !== undefined) {
        resources.push(...listed);
        continue;
      }
      if (c.plural === 'clusterissuers') {
        ctx.problem(target, new CollectError('not-found', `${client.urlOf(apiPath('cert-manager.io', c.plural))}: HTTP 404: cert-manager.io/v1 is not served (cert-manager is not installed); only TLS Secrets were read (set certManager: false to skip it)`));
        return resources;
      }
      ctx.problem(target, new CollectError('not-found', `${client.urlOf(apiPath('cert-manager.io', c.plural, namespace))}: HTTP 404: the ${c.kind} CRD of cert-manager.io/v1 is not installed`));
      break;
    }
  }
  return resources;
}
