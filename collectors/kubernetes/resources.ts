// Kubernetes objects as the collector sees them, whether they come from `kubectl get -o yaml|json` exports, manifests
// or a live API server: List objects are flattened, and each object keeps where it came from for messages.

/** Where one object was read. */
export interface ResourceOrigin {
  /** The configured target: a path from `paths`, or "context:<name>" for a live cluster. */
  readonly target: string;
  /** File, relative to the scan's base directory (exports and manifests). */
  readonly file?: string;
  /** 1-based document number and the line where that document starts. */
  readonly document?: number;
  readonly line?: number;
  /** 1-based position inside a List document's `items`. */
  readonly item?: number;
  /** API URL of the object (live clusters). */
  readonly url?: string;
  /** Lines of the file that held only a documentation placeholder ("...") and were ignored. */
  readonly placeholderLines?: readonly number[];
}

/** One Kubernetes object with the fields every reader needs pulled out. */
export interface KubeResource {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** The object's namespace; "default" for a namespaced object that states none (kubectl's default). */
  readonly namespace?: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  readonly origin: ResourceOrigin;
}

/** Kinds that are not namespaced among those the collector reads. */
const CLUSTER_SCOPED = new Set(['ClusterIssuer', 'Namespace']);

/** Returns `value` when it is a plain object, else undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Returns `value` when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Returns `value` as an array (an empty one for anything else). */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Turns one parsed document into resources: a List (`kind: List`, `SecretList`, or any object with an `items` array
 * and no `kind` of its own) yields its items, with `defaultKind` for items that state none (API list responses omit
 * it). Objects without kind or name are skipped and counted. Returns the resources and the number skipped.
 */
export function toResources(value: unknown, origin: ResourceOrigin, defaultKind?: string): { resources: KubeResource[]; skipped: number } {
  const resources: KubeResource[] = [];
  let skipped = 0;
  const visit = (node: unknown, kindHint: string | undefined, depth: number, item?: number): void => {
    const object = asObject(node);
    if (!object) {
      skipped++;
      return;
    }
    const kind = asString(object.kind);
    const items = object.items;
    if (Array.isArray(items) && (kind === undefined || kind.endsWith('List')) && depth < 3) {
      const itemKind = kind !== undefined && kind !== 'List' ? kind.slice(0, -'List'.length) : kindHint;
      items.forEach((item, index) => visit(item, itemKind, depth + 1, index + 1));
      return;
    }
    const metadata = asObject(object.metadata);
    const name = asString(metadata?.name);
    const effectiveKind = kind ?? kindHint;
    if (effectiveKind === undefined || name === undefined) {
      skipped++;
      return;
    }
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(asObject(metadata?.annotations) ?? {})) if (typeof v === 'string') annotations[k] = v;
    const namespace = CLUSTER_SCOPED.has(effectiveKind) ? undefined : (asString(metadata?.namespace) ?? 'default');
    resources.push({
      kind: effectiveKind,
      apiVersion: asString(object.apiVersion) ?? '',
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      annotations,
      body: object,
      origin: item === undefined ? origin : { ...origin, item },
    });
  };
  visit(value, defaultKind, 0, undefined);
  return { resources, skipped };
}

/** "Issuer/sandbox/ca-issuer", "ClusterIssuer/letsencrypt", "Secret/default/web-tls": a resource's display name. */
export function resourceName(resource: Pick<KubeResource, 'kind' | 'name' | 'namespace'>): string {
  return resource.namespace === undefined ? `${resource.kind}/${resource.name}` : `${resource.kind}/${resource.namespace}/${resource.name}`;
}

/** "file.yaml document 2, line 14", "export.yaml item 4" or the API URL: where a resource was read, for messages and source pointers. */
export function describeOrigin(origin: ResourceOrigin): string {
  if (origin.url !== undefined) return origin.url;
  // A List item has no line of its own: name the document and the item instead.
  const where = [
    origin.document === undefined ? undefined : `document ${origin.document}`,
    origin.item === undefined ? (origin.line === undefined ? undefined : `line ${origin.line}`) : `item ${origin.item}`,
  ].filter(Boolean).join(', ');
  return where.length > 0 ? `${origin.file ?? origin.target} ${where}` : (origin.file ?? origin.target);
}
