import { addEntry, emptyDump, isObject, type VaultDump } from './dump.js';

/** One top-level HCL block found by the splitter. */
export interface HclBlock {
  /** 1-based line of the block's first token. */
  readonly line: number;
  /** "resource", "data", "variable", ... */
  readonly type: string;
  readonly labels: readonly string[];
  readonly text: string;
}

/** Thrown for HCL the splitter or the parser cannot read; the message starts with the line. */
export class HclError extends Error {
  override name = 'HclError';
}

/** Most top-level blocks read from one file. */
const MAX_BLOCKS = 20_000;

/**
 * Splits HCL text into its top-level blocks (`type "label" "label" { … }`), honouring strings, `${…}` templates,
 * heredocs and comments, in one bounded pass. Top-level attributes are skipped. Returns the blocks; throws HclError
 * naming the line of an unterminated string, heredoc, comment or block.
 */
export function splitHclBlocks(text: string): HclBlock[] {
  const blocks: HclBlock[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const fail = (message: string, at: number): never => {
    throw new HclError(`line ${at}: ${message}`);
  };
  /** Skips a quoted string starting at text[i] === '"' (templates may nest strings); returns the index after it. */
  const skipString = (start: number): number => {
    const startLine = line;
    let j = start + 1;
    const stack: number[] = []; // brace depth of each open ${ template
    while (j < n) {
      const c = text[j]!;
      if (c === '\n') {
        line++;
        if (stack.length === 0) fail('unterminated string', startLine);
      }
      if (stack.length === 0) {
        if (c === '\\') j += 2;
        else if (c === '"') return j + 1;
        else if ((c === '$' || c === '%') && text[j + 1] === '{' && text[j - 1] !== c) {
          stack.push(0);
          j += 2;
        } else j++;
      } else {
        if (c === '"') {
          j = skipString(j);
          continue;
        }
        if (c === '{') stack[stack.length - 1]!++;
        else if (c === '}') {
          if (stack[stack.length - 1] === 0) stack.pop();
          else stack[stack.length - 1]!--;
        }
        j++;
      }
    }
    return fail('unterminated string', startLine);
  };
  /** Skips trivia and non-structural text; returns the index of the next `{`/`}` or the end, counting lines. */
  const skipTo = (from: number, stopAtNewlineDepth0: boolean, depth: number): number => {
    let j = from;
    while (j < n) {
      const c = text[j]!;
      if (c === '\n') {
        line++;
        if (stopAtNewlineDepth0 && depth === 0) return j + 1;
        j++;
      } else if (c === '#' || (c === '/' && text[j + 1] === '/')) {
        while (j < n && text[j] !== '\n') j++;
      } else if (c === '/' && text[j + 1] === '*') {
        const startLine = line;
        const end = text.indexOf('*/', j + 2);
        if (end < 0) fail('unterminated /* comment', startLine);
        for (let k = j; k < end; k++) if (text[k] === '\n') line++;
        j = end + 2;
      } else if (c === '"') {
        j = skipString(j);
      } else if (c === '<' && text[j + 1] === '<') {
        const m = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(j, j + 200));
        if (!m) {
          j += 2;
          continue;
        }
        const startLine = line;
        j += m[0].length;
        line++;
        const terminator = new RegExp(`^[ \\t]*${m[1]!}[ \\t]*\\r?$`);
        let found = false;
        while (j < n) {
          const eol = text.indexOf('\n', j);
          const end = eol < 0 ? n : eol;
          const current = text.slice(j, end);
          j = eol < 0 ? n : eol + 1;
          if (terminator.test(current)) {
            found = true;
            if (eol >= 0) line++;
            break;
          }
          if (eol >= 0) line++;
        }
        if (!found) fail(`unterminated heredoc <<${m[1]!}`, startLine);
      } else if (c === '{' || c === '}' || c === '[' || c === ']' || c === '(' || c === ')') {
        return j;
      } else j++;
    }
    return j;
  };

  while (i < n) {
    // Skip blank lines and comments between blocks.
    while (i < n && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
    if (i >= n) break;
    if (text[i] === '#' || (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) {
      i = skipTo(i, true, 0);
      continue;
    }
    const startLine = line;
    const header = /^([A-Za-z_][\w-]*)((?:[ \t]+(?:"(?:[^"\\\n]|\\.)*"|[A-Za-z_][\w-]*))*)[ \t]*\{/.exec(text.slice(i, i + 4096));
    if (!header) {
      // A top-level attribute ("name = value"): skip it, brackets and all.
      let depth = 0;
      let j = i;
      for (;;) {
        j = skipTo(j, true, depth);
        if (j >= n || text[j - 1] === '\n') break;
        const c = text[j]!;
        depth += c === '{' || c === '[' || c === '(' ? 1 : -1;
        if (depth < 0) fail(`unexpected "${c}"`, line);
        j++;
      }
      i = j;
      continue;
    }
    const labels = [...header[2]!.matchAll(/"((?:[^"\\\n]|\\.)*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2]!);
    let depth = 1;
    let j = i + header[0].length;
    while (depth > 0) {
      j = skipTo(j, false, depth);
      if (j >= n) fail(`block ${header[1]!}${labels.map((l) => ` "${l}"`).join('')} is not closed (missing "}")`, startLine);
      const c = text[j]!;
      if (c === '{' || c === '[' || c === '(') depth++;
      else depth--;
      j++;
    }
    blocks.push({ line: startLine, type: header[1]!, labels, text: text.slice(i, j) });
    if (blocks.length > MAX_BLOCKS) fail(`more than ${MAX_BLOCKS} top-level blocks`, startLine);
    i = j;
  }
  return blocks;
}

interface HclModule {
  parseToString(input: string): unknown;
}

let hclModule: Promise<HclModule> | undefined;

/** Loads hcl2-parser (3.8 MB of GopherJS) once, on first use. */
function loadHcl(): Promise<HclModule> {
  hclModule ??= import('hcl2-parser').then((m) => {
    const mod = m as unknown as HclModule & { default?: HclModule };
    return typeof mod.parseToString === 'function' ? mod : mod.default!;
  });
  return hclModule;
}

/** Parses one block with hcl2-parser; returns its JSON form or undefined when the parser refuses it (it gives no reason). */
async function parseBlock(block: HclBlock): Promise<Record<string, unknown> | undefined> {
  const hcl = await loadHcl();
  const result = hcl.parseToString(block.text);
  const [json, error] = Array.isArray(result) ? (result as [unknown, unknown]) : [result, null];
  if ((error !== null && error !== undefined) || typeof json !== 'string' || json === '') return undefined;
  const value: unknown = JSON.parse(json);
  return isObject(value) ? value : undefined;
}

/** Resource types this reader maps, besides vault_mount. */
const PKI_RESOURCES = new Set([
  'vault_mount',
  'vault_pki_secret_backend_role',
  'vault_pki_secret_backend_config_urls',
  'vault_pki_secret_backend_crl_config',
  'vault_pki_secret_backend_config_auto_tidy',
  'vault_pki_secret_backend_config_acme',
  'vault_pki_secret_backend_root_cert',
  'vault_pki_secret_backend_intermediate_cert_request',
  'vault_pki_secret_backend_root_sign_intermediate',
  'vault_pki_secret_backend_config_ca',
  'vault_pki_secret_backend_key',
  'vault_managed_keys',
  'vault_audit',
]);

/** One Vault resource read from a Terraform file. */
export interface TerraformResource {
  readonly type: string;
  readonly name: string;
  readonly attrs: Record<string, unknown>;
  /** "main.tf: resource "type" "name" (line 12)". */
  readonly origin: string;
}

/** What one Terraform file yielded: its Vault resources, and the first problem (with its line) if a block was unreadable. */
export interface TerraformFile {
  readonly resources: TerraformResource[];
  readonly problem?: string;
}

/** The attribute object of a parsed resource block: {resource: {type: {name: [attrs]}}} → attrs. */
function attributesOf(json: Record<string, unknown>, type: string, name: string): Record<string, unknown> | undefined {
  const resource = json.resource;
  const byType = isObject(resource) ? resource[type] : undefined;
  const byName = isObject(byType) ? byType[name] : undefined;
  const first: unknown = Array.isArray(byName) ? byName[0] : byName;
  return isObject(first) ? first : undefined;
}

/**
 * Reads the Vault PKI resources of one Terraform file. Only blocks of the resource types this collector maps are
 * parsed (hcl2-parser costs about 15 ms per block); blocks it refuses are skipped and the first is reported with its
 * line. Throws HclError when the file's structure (strings, heredocs, braces) is broken.
 */
export async function readTerraformFile(text: string, file: string): Promise<TerraformFile> {
  const blocks = splitHclBlocks(text).filter((b) => b.type === 'resource' && b.labels.length === 2 && PKI_RESOURCES.has(b.labels[0]!));
  const resources: TerraformResource[] = [];
  let problem: string | undefined;
  let refused = 0;
  for (const block of blocks) {
    const [type, name] = block.labels as [string, string];
    const json = await parseBlock(block);
    const attrs = json ? attributesOf(json, type, name) : undefined;
    if (!attrs) {
      refused++;
      problem ??= `line ${block.line}: resource "${type}" "${name}" is not valid HCL`;
      continue;
    }
    resources.push({ type, name, attrs, origin: `${file}: resource "${type}" "${name}" (line ${block.line})` });
  }
  if (refused > 1) problem = `${problem!} (and ${refused - 1} more unreadable block${refused > 2 ? 's' : ''})`;
  return { resources, ...(problem === undefined ? {} : { problem }) };
}

/** "${vault_mount.pki.path}" → the path of that vault_mount resource, a literal → itself, other expressions → their text. */
function resolveBackend(value: unknown, mountPaths: ReadonlyMap<string, string>): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const ref = /^\$\{\s*vault_mount\.([\w-]+)\.(path|id)\s*\}$/.exec(value);
  if (ref) return mountPaths.get(ref[1]!) ?? `vault_mount.${ref[1]!}`;
  const expr = /^\$\{\s*(.+?)\s*\}$/.exec(value);
  return (expr ? expr[1]! : value).replace(/^\/+|\/+$/g, '');
}

/**
 * Turns the Vault resources of a set of Terraform files (references resolve across files) into a dump: roles,
 * URL/CRL/auto-tidy/ACME configs, mounts with their lease TTLs, root/intermediate generation, keys, managed keys and
 * audit devices. `pem_bundle` and every other attribute not listed here are never copied.
 */
export function terraformToDump(resources: readonly TerraformResource[], dump: VaultDump = emptyDump()): VaultDump {
  const mountPaths = new Map<string, string>();
  const mounts: Record<string, unknown> = {};
  const audit: Record<string, unknown> = {};
  let mountsOrigin: string | undefined;
  for (const { type, name, attrs, origin } of resources) {
    if (type !== 'vault_mount') continue;
    const path = typeof attrs.path === 'string' ? attrs.path.replace(/^\/+|\/+$/g, '') : undefined;
    if (path === undefined) continue;
    mountPaths.set(name, path);
    if (attrs.type === 'pki') {
      mounts[`${path}/`] = { type: 'pki', config: { max_lease_ttl: attrs.max_lease_ttl_seconds, default_lease_ttl: attrs.default_lease_ttl_seconds } };
      mountsOrigin ??= origin;
    }
  }
  if (Object.keys(mounts).length > 0) addEntry(dump, 'sys/mounts', mounts, mountsOrigin!);

  for (const { type, name, attrs, origin } of resources) {
    const mount = resolveBackend(attrs.backend, mountPaths);
    const address = `${type}.${name}`;
    switch (type) {
      case 'vault_pki_secret_backend_role':
        if (mount !== undefined) addEntry(dump, `${mount}/roles/${typeof attrs.name === 'string' ? attrs.name : name}`, attrs, origin);
        break;
      case 'vault_pki_secret_backend_config_urls':
        if (mount !== undefined) addEntry(dump, `${mount}/config/urls`, attrs, origin);
        break;
      case 'vault_pki_secret_backend_crl_config':
        if (mount !== undefined) addEntry(dump, `${mount}/config/crl`, attrs, origin);
        break;
      case 'vault_pki_secret_backend_config_auto_tidy':
        if (mount !== undefined) addEntry(dump, `${mount}/config/auto-tidy`, attrs, origin);
        break;
      case 'vault_pki_secret_backend_config_acme':
        if (mount !== undefined) addEntry(dump, `${mount}/config/acme`, attrs, origin);
        break;
      case 'vault_pki_secret_backend_root_cert':
      case 'vault_pki_secret_backend_intermediate_cert_request':
      case 'vault_pki_secret_backend_root_sign_intermediate': {
        if (mount === undefined) break;
        const { ttl, key_type, key_bits, common_name, type: genType, managed_key_name, managed_key_id } = attrs;
        addEntry(
          dump,
          `${mount}/terraform/${address}`,
          { kind: type === 'vault_pki_secret_backend_root_cert' ? 'root' : 'intermediate', ttl, key_type, key_bits, common_name, type: genType, managed_key_name, managed_key_id, issues: type !== 'vault_pki_secret_backend_intermediate_cert_request' },
          origin,
        );
        break;
      }
      case 'vault_pki_secret_backend_config_ca':
        // pem_bundle holds the CA's private key: only the fact that a key was imported is kept.
        if (mount !== undefined) addEntry(dump, `${mount}/terraform/${address}`, { kind: 'import', type: 'imported' }, origin);
        break;
      case 'vault_pki_secret_backend_key':
        if (mount !== undefined) {
          const { key_type, key_bits, type: keyType, managed_key_name, managed_key_id } = attrs;
          addEntry(dump, `${mount}/key/${address}`, { key_id: address, key_type, key_bits, type: keyType, managed_key_name, managed_key_id }, origin);
        }
        break;
      case 'vault_managed_keys':
        for (const [blockName, kind] of [['pkcs', 'pkcs11'], ['aws', 'awskms'], ['azure', 'azurekeyvault'], ['gcp', 'gcpckms']] as const) {
          const entries: unknown[] = Array.isArray(attrs[blockName]) ? (attrs[blockName] as unknown[]) : [];
          for (const entry of entries) {
            if (isObject(entry) && typeof entry.name === 'string') addEntry(dump, `sys/managed-keys/${kind}/${entry.name}`, { type: kind }, origin);
          }
        }
        break;
      case 'vault_audit':
        audit[`${typeof attrs.path === 'string' ? attrs.path : name}/`] = { type: attrs.type };
        break;
    }
  }
  if (Object.keys(audit).length > 0) addEntry(dump, 'sys/audit', audit, 'terraform: resource "vault_audit"');
  return dump;
}
