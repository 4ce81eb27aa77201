import type { CollectorContext } from '../../src/engine/collector-context.js';
import { defineCollector } from '../../src/engine/define-collector.js';
import { emitSetup, fileProblem, listConfigFiles, readConfigFileText } from '../../src/ca-config/config-files.js';
import { AdcsConfig } from './config.js';
import { parseAdcsExport } from './parse.js';

/** Reads Microsoft AD CS template and CA exports and emits one ca-config evidence item per template set or CA. */
export default defineCollector({
  id: 'adcs',
  title: 'Microsoft AD CS exports',
  description:
    'Reads AD CS certificate template exports (Get-ADObject/PSPKI/Certipy JSON, certutil -v -template) and CA registry dumps (certutil -getreg), and records validity, key, EKU, subject, approval, CRL and audit settings and the ESC1/2/3/6/8 patterns they show.',
  config: AdcsConfig,
  produces: ['ca-config'],
  countTargets: (config) => config.paths.length,
  async collect(config, ctx) {
    await Promise.all(config.paths.map((target) => collectPath(target, config, ctx)));
  },
});

async function collectPath(target: string, config: AdcsConfig, ctx: CollectorContext): Promise<void> {
  const files = await listConfigFiles(target, config, ctx);
  await Promise.all(
    files.map((file) =>
      ctx.limit(async () => {
        const text = await readConfigFileText(file, target, config, ctx);
        if (text === undefined) return;
        const result = parseAdcsExport(text, file.rel);
        if ('problem' in result) fileProblem(ctx, target, file.rel, 'parse', result.problem);
        else for (const setup of result.configs) emitSetup(ctx, target, setup);
      }),
    ),
  );
}
