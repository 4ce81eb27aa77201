import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { Evidence, PlatformData, PlatformLifecycle, PlatformRole, PlatformSource } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { readConfigText, relativeError } from '../../src/ca-config/read-config-file.js';
import { DEFAULT_PRODUCTS, defaultEolCacheDir, PlatformConfig } from './config.js';
import { type EolTable, lifecycleOf, parseEolSource, parseStructured } from './eol-table.js';
import { type CapabilityRow, parseCapabilityTable, pqcOf } from './pqc-table.js';

const ID = 'platform';
/** Most evidence ids and paths kept per observed platform. */
const MAX_REFS = 50;

/** A platform before its lifecycle is looked up. */
interface Found {
  readonly target: string;
  readonly product: string;
  readonly version: string;
  readonly role: PlatformRole;
  readonly name?: string;
  readonly environment?: string;
  readonly source: PlatformSource;
}

/** Records declared and observed platform versions with their end-of-life cycle and PQC capability from configured tables. */
export default defineCollector({
  id: ID,
  title: 'Platform versions and end of life',
  description:
    'Records CA, RA, HSM, OS, library and client versions (declared in the configuration or recorded by other collectors of the scan) with the release cycle, end-of-life date and newer cycles an end-of-life table (endoflife.date format) gives, and PQC capability from a capability table.',
  config: PlatformConfig,
  produces: ['platform'],
  phase: 'enrich',
  countTargets: (config) => config.declared.length,
  async collect(config, ctx) {
    const platforms = [...declaredPlatforms(config), ...(config.fromEvidence ? observedPlatforms(ctx) : [])];
    ctx.reportTargets(platforms.length);
    if (platforms.length === 0) return;
    const readAt = ctx.now().toISOString();
    const tables = new Map<string, EolTable>();
    for (const file of config.eolData) {
      for (const table of await readEolFile(typeof file === 'string' ? { path: file } : file, config, ctx, readAt)) {
        if (!tables.has(table.product)) tables.set(table.product, table);
      }
    }
    const slugs = [...new Set(platforms.map((p) => slugOf(p.product, config)))].filter((slug) => !tables.has(slug)).sort();
    if (config.eolApi.enabled && slugs.length > 0) {
      const fetched = slugs.slice(0, config.eolApi.maxProducts);
      if (slugs.length > fetched.length) ctx.problem('platform:eolApi', new CollectError('too-large', `${slugs.length} products need end-of-life data; only the first ${config.eolApi.maxProducts} (eolApi.maxProducts) were fetched`));
      const results = await Promise.all(fetched.map((slug) => ctx.limit(() => fetchTable(slug, config, ctx, readAt))));
      for (const table of results) if (table !== undefined) tables.set(table.product, table);
    }
    const pqcRows = config.pqcCapability === undefined ? undefined : await readCapabilityFile(config.pqcCapability, config, ctx);
    for (const platform of platforms) {
      if (!ctx.ownsTarget(platform.target)) continue;
      const slug = slugOf(platform.product, config);
      const table = tables.get(slug);
      const aliases = config.products[platform.product]?.aliases ?? {};
      const lifecycle: PlatformLifecycle = table === undefined ? { status: 'no-data', tableProduct: slug } : lifecycleOf(table, platform.version, aliases);
      const pqc = pqcRows === undefined || config.pqcCapability === undefined ? undefined : pqcOf(pqcRows, platform.product, platform.version, config.pqcCapability);
      const { target, ...rest } = platform;
      const data: PlatformData = { ...rest, lifecycle, ...(pqc === undefined ? {} : { pqc }) };
      ctx.emit('platform', target, data);
    }
  },
});

/** The endoflife.date name of a product id: configured, else built in, else the id itself. */
function slugOf(product: string, config: PlatformConfig): string {
  return config.products[product]?.slug ?? DEFAULT_PRODUCTS[product]?.slug ?? product;
}

function roleOf(product: string, config: PlatformConfig): PlatformRole | undefined {
  return config.products[product]?.role ?? DEFAULT_PRODUCTS[product]?.role;
}

function declaredPlatforms(config: PlatformConfig): Found[] {
  const seen = new Map<string, number>();
  return config.declared.map((d, index) => {
    const key = `declared:${d.name ?? d.product}@${d.version}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return {
      target: count === 1 ? key : `${key}#${count}`,
      product: d.product,
      version: d.version,
      // The schema rejects declarations whose product has neither a role nor a default one.
      role: d.role ?? roleOf(d.product, config) ?? 'library',
      ...(d.name !== undefined ? { name: d.name } : {}),
      ...(d.environment !== undefined ? { environment: d.environment } : {}),
      source: { kind: 'declared', pointer: `collectors.platform.declared[${index}]` },
    };
  });
}

/** The detail key that holds a product's version: "<product in camelCase>Version" ("certbotVersion", "stepCaVersion"). */
function versionKey(product: string): string {
  return `${product.replace(/[-_.]([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Version`;
}

/** Versions CA-configuration collectors recorded in the setup's or a profile's details, grouped by product and version. */
function observedPlatforms(ctx: CollectorContext): Found[] {
  const groups = new Map<string, { product: string; version: string; role: PlatformRole; field: string; ids: Set<string>; paths: Set<string> }>();
  const record = (item: Evidence<'ca-config'>, field: string, value: string | number | boolean | undefined): void => {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const version = String(value).trim();
    if (version === '' || version.length > 100 || /[\p{Cc}]/u.test(version)) return;
    const product = item.data.product;
    const key = `${product}@${version}`;
    const group = groups.get(key) ?? { product, version, role: item.data.role, field, ids: new Set<string>(), paths: new Set<string>() };
    group.ids.add(item.id);
    if (item.data.source.path !== undefined) group.paths.add(item.data.source.path);
    groups.set(key, group);
  };
  for (const item of ctx.collected('ca-config')) {
    const key = versionKey(item.data.product);
    record(item, `ca-config details.${key}`, item.data.details?.[key]);
    for (const profile of item.data.profiles) record(item, `ca-config profiles[].details.${key}`, profile.details?.[key]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => ({
      target: `evidence:${key}`,
      product: g.product,
      version: g.version,
      role: g.role,
      source: {
        kind: 'evidence',
        field: g.field,
        evidenceIds: [...g.ids].sort().slice(0, MAX_REFS),
        ...(g.paths.size > 0 ? { paths: [...g.paths].sort().slice(0, MAX_REFS) } : {}),
      },
    }));
}

/** Reads a configuration file relative to the base directory; reports a problem and returns undefined when it cannot. */
async function readText(file: string, config: PlatformConfig, ctx: CollectorContext): Promise<string | undefined> {
  const abs = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
  try {
    return (await readConfigText(ctx.fs, abs, config.maxFileBytes)).text;
  } catch (error) {
    ctx.problem(file, relativeError(error, abs, file));
    return undefined;
  }
}

const problemText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);

async function readEolFile(file: { path: string; product?: string | undefined }, config: PlatformConfig, ctx: CollectorContext, readAt: string): Promise<readonly EolTable[]> {
  const text = await readText(file.path, config, ctx);
  if (text === undefined) return [];
  try {
    const product = file.product ?? basename(file.path, extname(file.path)).toLowerCase();
    const parsed = parseEolSource(parseStructured(text, file.path), product, file.path, readAt);
    if (parsed.skippedRows > 0) ctx.problem(file.path, new CollectError('parse', `${file.path}: ${parsed.skippedRows} release cycle row(s) are not in the endoflife.date format and were skipped`));
    return parsed.tables;
  } catch (error) {
    ctx.problem(file.path, new CollectError('parse', `${file.path}: not an end-of-life table: ${problemText(error)}`, { cause: error }));
    return [];
  }
}

async function readCapabilityFile(file: string, config: PlatformConfig, ctx: CollectorContext): Promise<readonly CapabilityRow[] | undefined> {
  const text = await readText(file, config, ctx);
  if (text === undefined) return undefined;
  try {
    const parsed = parseCapabilityTable(parseStructured(text, file));
    if (parsed.skippedRows > 0) ctx.problem(file, new CollectError('parse', `${file}: ${parsed.skippedRows} row(s) lack product, minVersion, capabilities or source and were skipped`));
    return parsed.rows;
  } catch (error) {
    ctx.problem(file, new CollectError('parse', `${file}: not a PQC capability table: ${problemText(error)}`, { cause: error }));
    return undefined;
  }
}

/** Fetches one product's cycles from the API; a 404 means the API does not track the product (no data, no problem). */
async function fetchTable(slug: string, config: PlatformConfig, ctx: CollectorContext, readAt: string): Promise<EolTable | undefined> {
  const api = config.eolApi;
  const url = `${api.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(slug)}.json`;
  try {
    const options = { timeoutMs: api.timeoutMs, maxBytes: api.maxBytes, headers: { Accept: 'application/json' } };
    let body: Uint8Array;
    if (api.cache.enabled) {
      const dir = api.cache.dir === undefined ? defaultEolCacheDir() : isAbsolute(api.cache.dir) ? api.cache.dir : resolve(ctx.baseDir, api.cache.dir);
      try {
        body = (await ctx.http.getConditional(url, { ...options, cache: { dir, maxEntries: api.cache.maxEntries, maxTotalBytes: api.cache.maxBytes } })).body;
      } catch (error) {
        if (error instanceof CollectError && error.code === 'http-status' && / HTTP 404$/.test(error.message)) return undefined;
        throw error;
      }
    } else {
      const response = await ctx.http.request(url, options);
      if (response.status === 404) return undefined;
      if (response.status < 200 || response.status > 299) throw new CollectError('http-status', `${url}: HTTP ${response.status}`);
      body = response.body;
    }
    const parsed = parseEolSource(parseStructured(new TextDecoder().decode(body), url), slug, url, readAt);
    if (parsed.skippedRows > 0) ctx.problem(url, new CollectError('parse', `${url}: ${parsed.skippedRows} release cycle row(s) are not in the endoflife.date format and were skipped`));
    return parsed.tables.find((t) => t.product === slug);
  } catch (error) {
    const code = error instanceof CollectError ? error.code : 'parse';
    ctx.problem(url, new CollectError(code, `${url}: ${problemText(error).replace(`${url}: `, '')}`, { cause: error }));
    return undefined;
  }
}
