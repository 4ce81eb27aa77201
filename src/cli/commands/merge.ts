import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath, formatZodError, readBoundedText } from '../../config/load-file.js';
import { scan } from '../../engine/scan.js';
import { EvidenceBundleSchema, mergeBundles, type EvidenceBundle } from '../../engine/shard.js';
import { ConfigError } from '../../errors.js';
import { reporters } from '../../report/render.js';
import type { Severity } from '../../../model/finding.js';
import { parseFormats } from '../options.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';
import { cliLog, finishReport, loadCliScanConfig, parseFailOn } from './scan.js';

const MAX_BUNDLE_BYTES = 2_000_000_000;

interface MergeCliOptions {
  config: string;
  outDir?: string;
  format?: string[];
  model?: string;
  answers?: string;
  mode?: string;
  extension?: string[];
  failOn?: string;
  cacheDir?: string;
  history?: string | boolean;
  historyKeep?: string;
  quiet?: boolean;
}

async function readBundle(path: string, io: CliIo): Promise<EvidenceBundle> {
  const shown = displayPath(path, io.cwd);
  const text = await readBoundedText(path, io.cwd, 'evidence bundle', MAX_BUNDLE_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`evidence bundle ${shown}: not valid JSON: ${(error as Error).message}`, shown);
  }
  const parsed = EvidenceBundleSchema.safeParse(data);
  if (!parsed.success) throw new ConfigError(formatZodError(parsed.error, `evidence bundle ${shown}`), shown);
  return data as EvidenceBundle;
}

async function run(paths: readonly string[], options: MergeCliOptions, io: CliIo): Promise<ExitCode> {
  const severity: Severity | undefined = parseFailOn(options.failOn);
  const loaded = await loadCliScanConfig(options, io);
  const bundles: EvidenceBundle[] = [];
  for (const path of paths) {
    const bundle = await readBundle(resolve(io.cwd, path), io);
    if (bundle.configSha256 !== loaded.sha256) {
      throw new ConfigError(`evidence bundle ${path}: produced with other collector settings than ${displayPath(loaded.configPath, io.cwd)}; merge with the configuration the shards ran with`, path);
    }
    bundles.push(bundle);
  }
  const collected = mergeBundles(bundles);
  const cacheDir = options.cacheDir === undefined ? undefined : resolve(io.cwd, options.cacheDir);
  const report = await scan({
    config: loaded.config,
    baseDir: loaded.baseDir,
    configSource: `scan configuration ${displayPath(loaded.configPath, io.cwd)}`,
    log: cliLog(options.quiet, io),
    collected,
    ...(cacheDir === undefined ? {} : { cacheDir }),
  });
  const formats = options.format === undefined ? loaded.config.output.formats : parseFormats(options.format, ['json', 'markdown']);
  const outDir = options.outDir === undefined ? resolve(loaded.baseDir, loaded.config.output.dir) : resolve(io.cwd, options.outDir);
  if (!options.quiet) io.out(`merged ${String(bundles.length)} bundle${bundles.length === 1 ? '' : 's'}: ${String(collected.evidence.length)} evidence items, ${String(collected.problems.length)} problems\n`);
  return finishReport(
    report,
    {
      formats,
      outDir,
      severity: severity ?? (loaded.config.failOn as Severity | undefined),
      ...(options.quiet === undefined ? {} : { quiet: options.quiet }),
      ...(options.history === undefined ? {} : { history: options.history }),
      ...(options.historyKeep === undefined ? {} : { historyKeep: options.historyKeep }),
    },
    io,
  );
}

/** `pkimm merge`: combine the evidence bundles of a sharded scan into one report, as one unsharded scan would have. */
export const mergeCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    program
      .command('merge')
      .description('Combine the evidence bundles of a sharded scan (scan --shard i/n --bundle) into one report')
      .argument('<bundles...>', 'evidence bundles, one per shard')
      .requiredOption('-c, --config <file>', 'the scan configuration the shards ran with')
      .option('-o, --out-dir <dir>', 'report directory (default: output.dir of the configuration)')
      .option('-f, --format <format...>', `report formats: ${Object.keys(reporters).join(', ')}`)
      .option('--model <file|url|version>', 'PKIMM model to score against (default 1.1.0)')
      .option('--answers <file>', 'answers file to merge with the evidence')
      .option('--mode <mode>', 'scoring mode: methodology (default) or excel')
      .option('--extension <file...>', 'PKIMM extension files to score')
      .option('--fail-on <severity>', 'exit 1 if a failed check has at least this severity')
      .option('--cache-dir <dir>', 'model cache directory')
      .option('--history [location]', 'record the merged scan in a history store (SQLite path or postgres://...; default PKIMM_HISTORY)')
      .option('--history-keep <age>', 'retention applied after recording, e.g. 90d, or "forever"')
      .option('-q, --quiet', 'print nothing but errors')
      .action(async (paths: string[], options: MergeCliOptions) => {
        setExitCode(await run(paths, options, io));
      });
  },
};
