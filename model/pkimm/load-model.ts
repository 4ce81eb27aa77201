// Loads a PKIMM model: an official YAML file (path, URL, or verified cache entry) or, offline, the structure that
// ships with the tool (ids, names and weights, no texts). Downloads happen only through `pullModel` or an explicit
// URL; resolving a version never touches the network.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, ModelError } from '../errors.js';
import type { Level } from '../statement.js';
import {
  formatFirstIssue,
  MAX_MODEL_BYTES,
  MAX_YAML_ALIASES,
  ModelFileSchemaV1,
  ModelFileSchemaV2,
  yamlErrorMap,
  type ModelFile,
} from './model-schema.js';
import { MODEL_PINS, type ModelPin } from './pins.js';
import { BUILTIN_STRUCTURES, DEFAULT_MODEL_VERSION } from './structure.js';
import type { ModelCategory, ModelLevel, ModelModule, ModelRequirement, ModelSource, ModuleId, PkimmModel } from './types.js';
import { DEPRECATED_IN_200, findCategory, findRequirement, schemeOf, type RefScheme } from './version-map.js';

/** Model versions the tool can load. */
export const SUPPORTED_MODEL_VERSIONS: readonly string[] = ['1.0.0', '1.1.0', '2.0.0'];

/** Downloads a URL and returns its bytes; injected so tests and mirrors need no internet. */
export type FetchBytes = (url: string) => Promise<Uint8Array>;

/** Options of `loadModel`. */
export interface LoadModelOptions {
  /** A file path, an http(s) URL, or a version ("1.0.0", "1.1.0", "2.0.0", "2.0.0-draft"). Default: 1.1.0. */
  readonly model?: string;
  /** Cache directory; default from `defaultCacheDir(env)`. */
  readonly cacheDir?: string;
  /** Directory that relative file paths resolve against (and that reported locations are relative to). */
  readonly baseDir?: string;
  /** Downloader for URL models; default uses global fetch with a timeout and a size cap. */
  readonly fetch?: FetchBytes;
  /** Receives one-line notes (cache entry ignored, falling back to the builtin structure, ...). */
  readonly log?: (msg: string) => void;
  /** Environment for the default cache directory; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Pins to verify cache entries against; default `MODEL_PINS`. */
  readonly pins?: Readonly<Record<string, ModelPin>>;
}

/** Options of `pullModel`. */
export interface PullModelOptions {
  readonly cacheDir?: string;
  readonly fetch?: FetchBytes;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Pins to download and verify; default `MODEL_PINS` (tests and mirrors pass their own). */
  readonly pins?: Readonly<Record<string, ModelPin>>;
}

/** Result of `pullModel`. */
export interface PulledModel {
  /** Absolute path of the cache file. */
  readonly path: string;
  readonly sha256: string;
  readonly url: string;
}

/** Download timeout of the default fetch. */
export const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * Returns the canonical model version for a version string ("2.0.0-draft" → "2.0.0"), or undefined when the
 * string is not a version at all. Does not check that the version is supported.
 */
export function normalizeModelVersion(text: string): string | undefined {
  const match = /^v?(\d+\.\d+\.\d+)(?:-draft)?$/i.exec(text.trim());
  return match?.[1];
}

const unsupported = (version: string): string =>
  `model version ${version} is not supported; supported: ${SUPPORTED_MODEL_VERSIONS.join(', ')}`;

/** Returns the default cache directory: $PKIMM_CACHE_DIR, else `${XDG_CACHE_HOME ?? ~/.cache}/pkimm-scan`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const explicit = env['PKIMM_CACHE_DIR'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const xdg = env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'pkimm-scan');
}

/** Returns the file name a model version is cached under: `pkimm-model-<version>.yaml`. */
export function cacheFileName(version: string): string {
  return `pkimm-model-${version}.yaml`;
}

/** Returns the lowercase hex SHA-256 of text (as UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const stripLevelPrefix = (name: string): string => name.replace(/^\s*\d+\s*-\s*/, '').trim();

const DEFAULT_LEVEL_NAMES = ['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized'] as const;

const isDeprecated = (version: string, ref110: string): boolean => version !== '2.0.0' && DEPRECATED_IN_200.includes(ref110);

interface Lookup {
  readonly requirements: readonly ModelRequirement[];
  readonly categories: readonly ModelCategory[];
}

/** Assembles a PkimmModel with lookups by own ref/id first, then by 1.1.0 ref/id. */
function assemble(
  version: string,
  schemaVersion: string,
  source: ModelSource,
  modules: readonly ModelModule[],
  levelNames: readonly [string, string, string, string, string],
): PkimmModel {
  const categories = modules.flatMap((m) => m.categories);
  const requirements = categories.flatMap((c) => c.requirements);
  const lookup: Lookup = { requirements, categories };
  const reqByRef = new Map<string, ModelRequirement>();
  for (const r of lookup.requirements) if (!reqByRef.has(r.ref110)) reqByRef.set(r.ref110, r);
  for (const r of lookup.requirements) reqByRef.set(r.ref, r); // the model's own numbering wins (1.0.0 "6.4")
  const catById = new Map<string, ModelCategory>();
  for (const c of lookup.categories) if (!catById.has(c.id110)) catById.set(c.id110, c);
  for (const c of lookup.categories) catById.set(c.id, c);
  return {
    version,
    schemaVersion,
    source,
    modules,
    levelNames,
    categories,
    requirements,
    requirement: (ref: string) => reqByRef.get(ref),
    category: (id: string) => catById.get(id),
  };
}

/**
 * Returns the structure of a model version as shipped with the tool (ids, names, weights; titles are the project's
 * short labels; no guidance, assessment or level texts). Default version 1.1.0; "2.0.0-draft" means 2.0.0.
 * Throws ModelError for an unsupported version.
 */
export function builtinModel(version: string = DEFAULT_MODEL_VERSION): PkimmModel {
  const canonical = normalizeModelVersion(version) ?? version;
  const structure = BUILTIN_STRUCTURES[canonical];
  const scheme = schemeOf(canonical);
  if (structure === undefined || scheme === undefined) throw new ModelError(unsupported(version), `builtin:${version}`);
  const modules: ModelModule[] = structure.modules.map((m) => ({
    id: m.id,
    name: m.name,
    categories: m.categories.map((c): ModelCategory => {
      const catMap = findCategory(c.id, scheme);
      if (catMap === undefined) throw new ModelError(`builtin model ${canonical}: category ${c.id} is missing from the version map`);
      return {
        id: c.id,
        id110: catMap.id110,
        moduleId: m.id,
        name: c.name,
        weight: c.weight,
        levels: [],
        requirements: c.requirements.map((r): ModelRequirement => {
          const ref = ownRef(scheme, c.id, r.id);
          const map = findRequirement(ref, scheme);
          if (map === undefined) throw new ModelError(`builtin model ${canonical}: requirement ${ref} is missing from the version map`);
          return {
            id: r.id,
            ref,
            ref110: map.ref110,
            categoryId: c.id,
            moduleId: m.id,
            weight: r.weight,
            title: map.label,
            ...(isDeprecated(canonical, map.ref110) ? { deprecated: true } : {}),
          };
        }),
      };
    }),
  }));
  const names = structure.levelNames.map(stripLevelPrefix);
  const levelNames: [string, string, string, string, string] = [names[0] ?? 'Initial', names[1] ?? 'Basic', names[2] ?? 'Advanced', names[3] ?? 'Managed', names[4] ?? 'Optimized'];
  return assemble(canonical, structure.schemaVersion, { kind: 'builtin', location: `builtin:${canonical}` }, modules, levelNames);
}

const ownRef = (scheme: RefScheme, categoryId: string, requirementId: string): string =>
  scheme === '2.0.0' ? `${categoryId}/${requirementId}` : `${categoryId}.${requirementId}`;

const describeSource = (source: ModelSource): string => {
  switch (source.kind) {
    case 'file':
      return `model file ${source.location}`;
    case 'url':
      return `model URL ${source.location}`;
    case 'cache':
      return `cached model ${source.location}`;
    case 'builtin':
      return `model ${source.location}`;
  }
};

const fail = (source: ModelSource, message: string, cause?: unknown): never => {
  throw new ModelError(`${describeSource(source)}: ${message}`, source.location, cause === undefined ? undefined : { cause });
};

/** Parses bounded YAML into plain data; throws ModelError (one line, with line and column) on bad YAML. */
export function parseBoundedYaml(text: string, what: string, source: string): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MODEL_BYTES) throw new ModelError(`${what}: file is ${bytes} bytes, more than the ${MAX_MODEL_BYTES}-byte limit`, source);
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = first.linePos?.[0];
    const where = pos === undefined ? '' : ` at line ${pos.line}, column ${pos.col}`;
    const reason = (first.message.split('\n')[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, '');
    throw new ModelError(`${what}: invalid YAML${where}: ${reason}`, source, { cause: first });
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new ModelError(`${what}: invalid YAML: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`, source, { cause: error });
  }
}

/**
 * Parses and validates an official model file. Every requirement gets its own ref and its 1.1.0 ref; categories
 * get their 1.1.0 id. Throws ModelError with one line naming the source and the field path, or saying that the
 * version is not supported.
 */
export function modelFromYaml(text: string, source: ModelSource): PkimmModel {
  const src: ModelSource = source.sha256 === undefined ? { ...source, sha256: sha256Hex(text) } : source;
  const data = parseBoundedYaml(text, describeSource(src), src.location);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail(src, 'expected a mapping with schemaVersion, version and modules');
  const record = data as Record<string, unknown>;
  const rawVersion = record['version'];
  if (typeof rawVersion === 'string' && /^\d+\.\d+\.\d+$/.test(rawVersion) && !SUPPORTED_MODEL_VERSIONS.includes(rawVersion)) {
    return fail(src, unsupported(rawVersion));
  }
  const schema = rawVersion === '2.0.0' ? ModelFileSchemaV2 : ModelFileSchemaV1;
  const parsed = schema.safeParse(data, { error: yamlErrorMap });
  if (!parsed.success) return fail(src, formatFirstIssue(parsed.error));
  return buildModel(parsed.data, src);
}

function buildModel(file: ModelFile, source: ModelSource): PkimmModel {
  const version = file.version;
  const scheme = schemeOf(version);
  if (scheme === undefined) return fail(source, unsupported(version));
  const seenModules = new Set<string>();
  const seenCategories = new Set<string>();
  let levelNames: [string, string, string, string, string] | undefined;
  const modules: ModelModule[] = file.modules.map((m, mi): ModelModule => {
    if (seenModules.has(m.id)) fail(source, `modules[${mi}].id: module ${m.id} appears twice`);
    seenModules.add(m.id);
    const moduleId = m.id as ModuleId;
    const categories = m.categories.map((c, ci): ModelCategory => {
      const at = `modules[${mi}].categories[${ci}]`;
      if (seenCategories.has(c.id)) fail(source, `${at}.id: category ${c.id} appears twice`);
      seenCategories.add(c.id);
      const catMap = findCategory(c.id, scheme);
      if (catMap === undefined) return fail(source, `${at}.id: model ${version} has no category "${c.id}"`);
      const levels = (c.levels ?? []).map((l, li): ModelLevel => {
        if (l.number !== li + 1) fail(source, `${at}.levels[${li}].number: expected ${li + 1}, got ${l.number}`);
        return { number: l.number as Level, name: stripLevelPrefix(l.name), description: l.description.trimEnd() };
      });
      if (levelNames === undefined && levels.length === 5) {
        levelNames = [levels[0]!.name, levels[1]!.name, levels[2]!.name, levels[3]!.name, levels[4]!.name];
      }
      const seenReqs = new Set<string>();
      const requirements = (c.requirements ?? []).map((r, ri): ModelRequirement => {
        const rat = `${at}.requirements[${ri}]`;
        if (seenReqs.has(r.id)) fail(source, `${rat}.id: requirement ${r.id} appears twice in category ${c.id}`);
        seenReqs.add(r.id);
        const ref = ownRef(scheme, c.id, r.id);
        const map = findRequirement(ref, scheme);
        if (map === undefined) return fail(source, `${rat}.id: model ${version} has no requirement ${ref}`);
        const title = r.description.trim();
        return {
          id: r.id,
          ref,
          ref110: map.ref110,
          categoryId: c.id,
          moduleId,
          weight: r.weight,
          title: title === '' ? map.label : title,
          guidance: r.guidance.trimEnd(),
          assessment: r.assessment.trimEnd(),
          ...(isDeprecated(version, map.ref110) ? { deprecated: true } : {}),
        };
      });
      return { id: c.id, id110: catMap.id110, moduleId, name: c.name, weight: c.weight, levels, requirements };
    });
    return { id: moduleId, name: m.name, categories };
  });
  const fallback = BUILTIN_STRUCTURES[version]?.levelNames.map(stripLevelPrefix);
  const names = levelNames ?? [
    fallback?.[0] ?? DEFAULT_LEVEL_NAMES[0],
    fallback?.[1] ?? DEFAULT_LEVEL_NAMES[1],
    fallback?.[2] ?? DEFAULT_LEVEL_NAMES[2],
    fallback?.[3] ?? DEFAULT_LEVEL_NAMES[3],
    fallback?.[4] ?? DEFAULT_LEVEL_NAMES[4],
  ];
  return assemble(version, file.schemaVersion, source, modules, names);
}

/** Returns a location safe for reports: relative to baseDir when inside it, else the bare file name. */
export function reportLocation(path: string, baseDir: string): string {
  const rel = relative(baseDir, path);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return basename(path);
}

const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
};

/** Downloads a URL with global fetch, a timeout and a size cap; throws on HTTP errors and oversize bodies. */
export const defaultFetchBytes: FetchBytes = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_MODEL_BYTES) throw new Error(`response is ${declared} bytes, more than the ${MAX_MODEL_BYTES}-byte limit`);
  if (response.body === null) return new Uint8Array();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_MODEL_BYTES) {
      await reader.cancel();
      throw new Error(`response is more than the ${MAX_MODEL_BYTES}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
};

async function download(url: string, fetchBytes: FetchBytes, what: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await fetchBytes(url);
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
    throw new ModelError(`${what}: download failed: ${reason.replace(/\s+/g, ' ')}`, redactUrl(url), { cause: error });
  }
  if (bytes.byteLength > MAX_MODEL_BYTES) {
    throw new ModelError(`${what}: download is ${bytes.byteLength} bytes, more than the ${MAX_MODEL_BYTES}-byte limit`, redactUrl(url));
  }
  return bytes;
}

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

/** Returns how `loadModel` reads a --model value. */
export function classifyModelSpec(spec: string): { kind: 'version'; version: string } | { kind: 'url'; url: string } | { kind: 'file'; path: string } {
  if (/^https?:\/\//i.test(spec)) return { kind: 'url', url: spec };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new ConfigError(`--model ${spec}: only http(s) URLs, file paths and versions are supported`, '--model');
  const version = normalizeModelVersion(spec);
  if (version !== undefined) return { kind: 'version', version };
  return { kind: 'file', path: spec };
}

/**
 * Loads the model named by `options.model` (file path, http(s) URL or version; default 1.1.0). A version resolves to
 * its cache entry when the entry's SHA-256 equals the pin, else to the builtin structure: never to the network.
 * Throws ModelError when a file or URL cannot be read or is not a valid model, ConfigError for an unusable option.
 */
export async function loadModel(options: LoadModelOptions = {}): Promise<PkimmModel> {
  const spec = options.model ?? DEFAULT_MODEL_VERSION;
  const target = classifyModelSpec(spec);
  const baseDir = resolve(options.baseDir ?? process.cwd());
  switch (target.kind) {
    case 'file': {
      const path = resolve(baseDir, target.path);
      const location = reportLocation(path, baseDir);
      const source: ModelSource = { kind: 'file', location };
      let size: number;
      try {
        size = (await stat(path)).size;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return fail(source, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'error'})`, error);
      }
      if (size > MAX_MODEL_BYTES) return fail(source, `file is ${size} bytes, more than the ${MAX_MODEL_BYTES}-byte limit`);
      const text = await readFile(path, 'utf8');
      return modelFromYaml(text, { ...source, sha256: sha256Hex(text) });
    }
    case 'url': {
      const location = redactUrl(target.url);
      const bytes = await download(target.url, options.fetch ?? defaultFetchBytes, `model URL ${location}`);
      return modelFromYaml(decode(bytes), { kind: 'url', location, sha256: sha256Hex(bytes) });
    }
    case 'version': {
      const version = target.version;
      if (!SUPPORTED_MODEL_VERSIONS.includes(version)) throw new ModelError(unsupported(spec), '--model');
      const pin = (options.pins ?? MODEL_PINS)[version];
      const cacheDir = options.cacheDir ?? defaultCacheDir(options.env);
      const name = cacheFileName(version);
      if (pin !== undefined) {
        const cached = await readCacheEntry(join(cacheDir, name));
        if (cached !== undefined) {
          const sha256 = sha256Hex(cached);
          if (sha256 === pin.sha256) return modelFromYaml(decode(cached), { kind: 'cache', location: `cache:${name}`, sha256 });
          options.log?.(`cached ${name} has SHA-256 ${sha256}, expected ${pin.sha256}; ignoring it (run "pkimm model pull ${version}" to refresh)`);
        }
      }
      options.log?.(`using the builtin structure of model ${version} (no texts); run "pkimm model pull ${version}" for guidance and level texts`);
      return builtinModel(version);
    }
  }
}

async function readCacheEntry(path: string): Promise<Uint8Array | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_MODEL_BYTES) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** Describes the cache entry of a version: whether it exists and whether its SHA-256 equals the pin. */
export async function inspectCache(
  version: string,
  options: { readonly cacheDir?: string; readonly env?: Readonly<Record<string, string | undefined>>; readonly pins?: Readonly<Record<string, ModelPin>> } = {},
): Promise<{ path: string; present: boolean; verified: boolean; sha256?: string }> {
  const path = join(options.cacheDir ?? defaultCacheDir(options.env), cacheFileName(version));
  const bytes = await readCacheEntry(path);
  if (bytes === undefined) return { path, present: false, verified: false };
  const sha256 = sha256Hex(bytes);
  const pin = (options.pins ?? MODEL_PINS)[version];
  return { path, present: true, verified: pin !== undefined && pin.sha256 === sha256, sha256 };
}

/**
 * Downloads the pinned official file of a model version, checks its SHA-256 and writes it atomically into the cache.
 * Returns the cache path, hash and URL. Throws ModelError on an unknown version, a failed download or a hash mismatch
 * (then nothing is written).
 */
export async function pullModel(version: string = DEFAULT_MODEL_VERSION, options: PullModelOptions = {}): Promise<PulledModel> {
  const canonical = normalizeModelVersion(version);
  const pins = options.pins ?? MODEL_PINS;
  const pin = canonical === undefined ? undefined : pins[canonical];
  if (canonical === undefined || pin === undefined) {
    throw new ModelError(`model version ${version} has no pinned official file; pinned: ${Object.keys(pins).join(', ')}`, version);
  }
  const what = `model ${canonical} from ${redactUrl(pin.url)}`;
  const bytes = await download(pin.url, options.fetch ?? defaultFetchBytes, what);
  const sha256 = sha256Hex(bytes);
  if (sha256 !== pin.sha256) throw new ModelError(`${what}: downloaded file has SHA-256 ${sha256}, expected ${pin.sha256}`, redactUrl(pin.url));
  const name = cacheFileName(canonical);
  modelFromYaml(decode(bytes), { kind: 'cache', location: `cache:${name}`, sha256 }); // refuse to cache an unusable file
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir(options.env));
  const path = join(cacheDir, name);
  const temp = join(cacheDir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(temp, bytes, { mode: 0o644 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ModelError(`cannot write the model cache in ${cacheDir} (${code})`, cacheDir, { cause: error });
  }
  return { path, sha256, url: pin.url };
}
