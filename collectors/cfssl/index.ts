import type { CollectorContext } from '../../src/engine/collector-context.js';
import { defineCollector } from '../../src/engine/define-collector.js';
import { type ConfigFile, emitSetup, fileProblem, listConfigFiles, parseJsonText, readConfigFileText } from '../../src/ca-config/config-files.js';
import { CfsslConfig } from './config.js';
import { type CfsslResult, parseCfsslJson, parseCfsslMultiroot } from './parse.js';

/** Reads cfssl signing configurations, CSR requests and multiroot files and emits one ca-config evidence item per file (per root for multiroot). */
export default defineCollector({
  id: 'cfssl',
  title: 'cfssl configurations',
  description:
    'Reads cfssl signing configurations (signing.default and profiles: expiry, usages, CA constraint, auth key presence, CRL/OCSP URLs, backdate), CSR requests (key algorithm and size) and multiroot files (where each root key lives).',
  config: CfsslConfig,
  produces: ['ca-config'],
  countTargets: (config) => config.paths.length,
  async collect(config, ctx) {
    await Promise.all(config.paths.map((target) => collectPath(target, config, ctx)));
  },
});

/** Whether text starts like an INI file ("[ section ]" on its own line) rather than JSON. */
function looksIni(text: string): boolean {
  return /^\s*\[\s*[\w.-][^\]"{}[]*\]\s*$/m.test(text.trimStart().split(/\r?\n/, 1)[0] ?? '');
}

function parseFile(text: string, file: ConfigFile): CfsslResult {
  const json = /\.json$/i.test(file.name) || (!/\.(ini|conf)$/i.test(file.name) && /^\s*[[{]/.test(text) && !looksIni(text));
  if (!json) return parseCfsslMultiroot(text, file.rel);
  const parsed = parseJsonText(text);
  return 'problem' in parsed ? { kind: 'problem', message: parsed.problem } : parseCfsslJson(parsed.value, file.rel);
}

async function collectPath(target: string, config: CfsslConfig, ctx: CollectorContext): Promise<void> {
  const files = await listConfigFiles(target, config, ctx);
  await Promise.all(
    files.map((file) =>
      ctx.limit(async () => {
        const text = await readConfigFileText(file, target, config, ctx);
        if (text === undefined) return;
        const result = parseFile(text, file);
        if (result.kind === 'problem') fileProblem(ctx, target, file.rel, 'parse', result.message);
        else if (result.kind === 'other') fileProblem(ctx, target, file.rel, 'parse', 'neither a cfssl signing configuration ({"signing": …}), a CSR request ({"CN", "key"}) nor a multiroot file');
        else for (const setup of result.configs) emitSetup(ctx, target, setup);
      }),
    ),
  );
}
