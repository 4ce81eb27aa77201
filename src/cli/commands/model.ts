import { resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultCacheDir, inspectCache, loadModel, normalizeModelVersion, pullModel, SUPPORTED_MODEL_VERSIONS } from '../../../model/pkimm/load-model.js';
import { MODEL_PINS } from '../../../model/pkimm/pins.js';
import { BUILTIN_STRUCTURES, DEFAULT_MODEL_VERSION } from '../../../model/pkimm/structure.js';
import type { ModelCategory, ModelRequirement, PkimmModel } from '../../../model/pkimm/types.js';
import {
  CATEGORY_MAP,
  findCategory,
  findRequirement,
  REQUIREMENT_MAP,
  type CategoryMapping,
  type RefScheme,
  type RequirementMapping,
} from '../../../model/pkimm/version-map.js';
import { ConfigError } from '../../errors.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

interface ModelCliOptions {
  model?: string;
  cacheDir?: string;
  json?: boolean;
}

/** Options of a subcommand merged with any global ones the main program defines (--json, --model, ...). */
const optionsOf = (command: Command): ModelCliOptions => command.optsWithGlobals<ModelCliOptions>();

const cacheDirOf = (options: ModelCliOptions, io: CliIo): string =>
  options.cacheDir === undefined ? defaultCacheDir(io.env) : resolve(io.cwd, options.cacheDir);

const printJson = (io: CliIo, value: unknown): void => io.out(`${JSON.stringify(value, null, 2)}\n`);

async function list(options: ModelCliOptions, io: CliIo): Promise<void> {
  const cacheDir = cacheDirOf(options, io);
  const versions = await Promise.all(
    SUPPORTED_MODEL_VERSIONS.map(async (version) => {
      const cache = await inspectCache(version, { cacheDir });
      const pin = MODEL_PINS[version];
      return {
        version,
        default: version === DEFAULT_MODEL_VERSION,
        draft: version.startsWith('2.'),
        builtin: BUILTIN_STRUCTURES[version] !== undefined,
        pinned: pin === undefined ? null : { url: pin.url, sha256: pin.sha256 },
        cached: cache.present ? { path: cache.path, verified: cache.verified } : null,
      };
    }),
  );
  if (options.json === true) {
    printJson(io, { default: DEFAULT_MODEL_VERSION, cacheDir, versions });
    return;
  }
  const lines = ['PKIMM model versions:'];
  for (const v of versions) {
    const cached = v.cached === null ? 'not cached' : v.cached.verified ? 'cached (SHA-256 verified)' : 'cached (SHA-256 does NOT match the pin; ignored)';
    const tags = [v.builtin ? 'builtin structure' : undefined, v.pinned === null ? undefined : 'pinned', cached].filter((t) => t !== undefined);
    lines.push(`  ${v.default ? '*' : ' '} ${(v.version + (v.draft ? ' (draft)' : '')).padEnd(14)} ${tags.join(', ')}`);
  }
  lines.push('', `* default model. Cache directory: ${cacheDir}`, 'Run "pkimm model pull <version>" to download the official file with its texts.');
  io.out(`${lines.join('\n')}\n`);
}

/** Resolves a ref written in any numbering (own, 1.1.0, 1.0.0, 2.0.0 slug, Excel, "M.7.4") to the model's item. */
function lookup(model: PkimmModel, raw: string): { requirement: ModelRequirement } | { category: ModelCategory } | undefined {
  const ref = raw.trim().replace(/^[GMOR]\./i, '');
  const own = model.requirement(ref);
  if (own !== undefined) return { requirement: own };
  const category = model.category(ref);
  if (category !== undefined) return { category };
  // 1.0.0 numbers are not tried: "7.2" would silently turn into another requirement. Use --model 1.0.0 for those.
  const schemes: readonly RefScheme[] = ['1.1.0', '2.0.0', 'excel'];
  for (const scheme of schemes) {
    const mapping = findRequirement(ref, scheme);
    const found = mapping === undefined ? undefined : model.requirements.find((r) => r.ref110 === mapping.ref110);
    if (found !== undefined) return { requirement: found };
  }
  for (const scheme of schemes) {
    const mapping = findCategory(ref, scheme);
    const found = mapping === undefined ? undefined : model.categories.find((c) => c.id110 === mapping.id110);
    if (found !== undefined) return { category: found };
  }
  return undefined;
}

const sourceLine = (model: PkimmModel): string =>
  `PKIMM model ${model.version} (${model.source.location}${model.source.kind === 'builtin' ? ', structure only: no guidance or level texts' : ''})`;

const requirementMapping = (r: ModelRequirement): RequirementMapping | undefined => REQUIREMENT_MAP.find((m) => m.ref110 === r.ref110);
const categoryMapping = (c: ModelCategory): CategoryMapping | undefined => CATEGORY_MAP.find((m) => m.id110 === c.id110);

function showOverview(model: PkimmModel, options: ModelCliOptions, io: CliIo): void {
  if (options.json === true) {
    printJson(io, {
      version: model.version,
      source: model.source,
      levelNames: model.levelNames,
      modules: model.modules.map((m) => ({
        id: m.id,
        name: m.name,
        categories: m.categories.map((c) => ({ id: c.id, id110: c.id110, name: c.name, weight: c.weight, requirements: c.requirements.length })),
      })),
    });
    return;
  }
  const lines = [sourceLine(model), `levels: ${model.levelNames.map((n, i) => `${i + 1} ${n}`).join(', ')}`];
  for (const m of model.modules) {
    lines.push('', `${m.id} ${m.name}`);
    for (const c of m.categories) {
      const count = `${c.requirements.length} requirement${c.requirements.length === 1 ? '' : 's'}`;
      lines.push(`  ${c.id.padEnd(model.version.startsWith('2.') ? 30 : 3)} ${c.name.padEnd(31)} weight ${String(c.weight).padStart(2)}  ${count}`);
    }
  }
  const weight = model.categories.reduce((sum, c) => sum + c.weight, 0);
  lines.push('', `${model.categories.length} categories (Σ weight ${weight}), ${model.requirements.length} requirements`);
  io.out(`${lines.join('\n')}\n`);
}

function showCategory(model: PkimmModel, c: ModelCategory, options: ModelCliOptions, io: CliIo): void {
  const mapping = categoryMapping(c);
  if (options.json === true) {
    printJson(io, {
      version: model.version,
      source: model.source,
      category: {
        id: c.id,
        moduleId: c.moduleId,
        name: c.name,
        weight: c.weight,
        ids: { '1.0.0': mapping?.id100 ?? null, '1.1.0': c.id110, '2.0.0': mapping?.slug200 ?? null, excel: mapping?.excel ?? null },
        levels: c.levels,
        requirements: c.requirements.map((r) => ({ ref: r.ref, ref110: r.ref110, title: r.title, weight: r.weight, deprecated: r.deprecated === true })),
      },
    });
    return;
  }
  const lines = [sourceLine(model), '', `${model.version.startsWith('2.') ? '' : `${c.moduleId}.`}${c.id} ${c.name} (weight ${c.weight})`];
  if (c.id !== c.id110) lines.push(`  1.1.0 id: ${c.id110}`);
  for (const l of c.levels) lines.push(`  level ${l.number} ${l.name}`);
  lines.push('  requirements:');
  for (const r of c.requirements) {
    lines.push(`    ${r.ref.padEnd(model.version.startsWith('2.') ? 50 : 6)} weight ${r.weight}  ${r.title}${r.deprecated === true ? '  [deprecated: dropped in 2.0.0]' : ''}`);
  }
  io.out(`${lines.join('\n')}\n`);
}

function showRequirement(model: PkimmModel, r: ModelRequirement, options: ModelCliOptions, io: CliIo): void {
  const mapping = requirementMapping(r);
  const category = model.category(r.categoryId);
  const ids = { '1.0.0': mapping?.ref100 ?? null, '1.1.0': r.ref110, '2.0.0': mapping?.slug200 ?? null, excel: mapping?.excel ?? null };
  const hasTexts = model.source.kind !== 'builtin';
  if (options.json === true) {
    printJson(io, {
      version: model.version,
      source: model.source,
      requirement: {
        ref: r.ref,
        moduleId: r.moduleId,
        categoryId: r.categoryId,
        title: r.title,
        weight: r.weight,
        deprecated: r.deprecated === true,
        ids,
        ...(hasTexts && r.guidance !== undefined ? { guidance: r.guidance } : {}),
        ...(hasTexts && r.assessment !== undefined ? { assessment: r.assessment } : {}),
      },
    });
    return;
  }
  const lines = [
    sourceLine(model),
    '',
    `${model.version.startsWith('2.') ? '' : `${r.moduleId}.`}${r.ref} ${r.title}`,
    `  category:   ${r.categoryId}${category === undefined ? '' : ` ${category.name}`}`,
    `  weight:     ${r.weight}`,
    `  1.0.0:      ${ids['1.0.0'] ?? '— (not in 1.0.0)'}`,
    `  1.1.0:      ${ids['1.1.0']}`,
    `  2.0.0:      ${ids['2.0.0'] ?? '— (dropped in the 2.0.0 draft)'}`,
    `  Excel:      ${ids.excel ?? '— (not in the assessment workbook)'}`,
    `  deprecated: ${r.deprecated === true ? 'yes (dropped in the 2.0.0 draft; its content moved to Cryptography)' : 'no'}`,
  ];
  if (hasTexts) {
    if (r.guidance !== undefined && r.guidance !== '') lines.push('', 'Guidance:', indent(r.guidance));
    if (r.assessment !== undefined && r.assessment !== '') lines.push('', 'Assessment:', indent(r.assessment));
  } else {
    lines.push('', `Guidance and assessment texts come with the official file: run "pkimm model pull ${model.version}".`);
  }
  io.out(`${lines.join('\n')}\n`);
}

const indent = (text: string): string =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');

async function show(ref: string | undefined, options: ModelCliOptions, io: CliIo): Promise<void> {
  const model = await loadModel({
    ...(options.model === undefined ? {} : { model: options.model }),
    baseDir: io.cwd,
    cacheDir: cacheDirOf(options, io),
    env: io.env,
  });
  if (ref === undefined || ref.trim() === '') {
    showOverview(model, options, io);
    return;
  }
  const found = lookup(model, ref);
  if (found === undefined) throw new ConfigError(`model show: model ${model.version} has no requirement or category "${ref}"`, ref);
  if ('requirement' in found) showRequirement(model, found.requirement, options, io);
  else showCategory(model, found.category, options, io);
}

async function pull(version: string | undefined, options: ModelCliOptions, io: CliIo): Promise<void> {
  const wanted = version ?? DEFAULT_MODEL_VERSION;
  const canonical = normalizeModelVersion(wanted);
  if (canonical === undefined) throw new ConfigError(`model pull: "${wanted}" is not a model version; pinned: ${Object.keys(MODEL_PINS).join(', ')}`, wanted);
  const result = await pullModel(canonical, { cacheDir: cacheDirOf(options, io), env: io.env });
  if (options.json === true) printJson(io, { version: canonical, ...result });
  else io.out(`pulled PKIMM model ${canonical} from ${result.url}\n  path:    ${result.path}\n  SHA-256: ${result.sha256} (verified)\n`);
}

/** `pkimm model list|show|pull`: inspect the model versions, browse a model, download the official files. */
export const modelCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    const model = program.command('model').description('List, show and download PKIMM model versions');
    model
      .command('list')
      .description('List the model versions the tool knows (builtin, pinned, cached) and the default')
      .option('--cache-dir <dir>', 'model cache directory')
      .option('--json', 'print JSON')
      .action(async (_options: ModelCliOptions, command: Command) => {
        await list(optionsOf(command), io);
        setExitCode(ExitCode.Ok);
      });
    model
      .command('show')
      .description('Show the modules and categories, one category, or one requirement (any version\'s id)')
      .argument('[ref]', 'category id or requirement ref: 7, 7.4, M.7.4, certificate-management/cert-inventory, 2.2.4.')
      .option('--model <file|url|version>', `model to show (default ${DEFAULT_MODEL_VERSION})`)
      .option('--cache-dir <dir>', 'model cache directory')
      .option('--json', 'print JSON')
      .action(async (ref: string | undefined, _options: ModelCliOptions, command: Command) => {
        await show(ref, optionsOf(command), io);
        setExitCode(ExitCode.Ok);
      });
    model
      .command('pull')
      .description('Download the pinned official model file into the cache and verify its SHA-256')
      .argument('[version]', `model version (default ${DEFAULT_MODEL_VERSION})`)
      .option('--cache-dir <dir>', 'model cache directory')
      .option('--json', 'print JSON')
      .action(async (version: string | undefined, _options: ModelCliOptions, command: Command) => {
        await pull(version, optionsOf(command), io);
        setExitCode(ExitCode.Ok);
      });
  },
};
