import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { severityRank, type Severity } from '../../../model/finding.js';
import { ScanConfig } from '../../config/scan-config.js';
import { displayPath, loadValidatedFile } from '../../config/load-file.js';
import type { Logger } from '../../engine/collector-context.js';
import { latestRecordedScan, type GivenReport } from '../../engine/previous-scan.js';
import { scan } from '../../engine/scan.js';
import { BUNDLE_VERSION, parseShard, type EvidenceBundle } from '../../engine/shard.js';
import { ConfigError } from '../../errors.js';
import { isSeverity } from '../../gate/gate.js';
import type { ScanReport } from '../../report/report.js';
import { reporters, type ReportFormat } from '../../report/render.js';
import { writeReports } from '../../report/write-reports.js';
import { TOOL_VERSION } from '../../version.js';
import { parseAge, parseFormats, parseMode } from '../options.js';
import { storeFromOptions } from './history.js';
import { colorEnabled, terminalSummary } from '../summary.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

interface ScanCliOptions {
  config?: string;
  demo?: boolean;
  outDir?: string;
  format?: string[];
  model?: string;
  answers?: string;
  mode?: string;
  extension?: string[];
  failOn?: string;
  cacheDir?: string;
  quiet?: boolean;
  history?: string | boolean;
  historyKeep?: string;
  shard?: string;
  bundle?: string;
  previous?: string;
}

/** Default retention applied after each recorded scan, so a nightly history never grows without bound. */
export const DEFAULT_HISTORY_KEEP = '400d';

/** Returns whether any failed check reaches the severity. */
export function hasFailureAtOrAbove(report: ScanReport, severity: Severity): boolean {
  return report.findings.some((f) => severityRank(f.severity) >= severityRank(severity));
}

/** A scan configuration as the command line amends it (--model, --answers, --mode, --extension). */
export interface CliScanConfig {
  readonly config: ScanConfig;
  readonly configPath: string;
  readonly baseDir: string;
  /** SHA-256 of the effective configuration: shards and their merge must agree on it. */
  readonly sha256: string;
}

/** Loads the scan configuration and applies the command-line overrides shared by `scan` and `merge`. */
export async function loadCliScanConfig(options: { config: string; model?: string; answers?: string; mode?: string; extension?: string[] }, io: CliIo): Promise<CliScanConfig> {
  const configPath = resolve(io.cwd, options.config);
  const config = await loadValidatedFile(ScanConfig, configPath, io.cwd, 'scan configuration');
  const baseDir = dirname(configPath);
  const mode = parseMode(options.mode);
  if (options.model !== undefined) config.model = /^\d+\.\d+\.\d+(-draft)?$/.test(options.model) || /^https?:/.test(options.model) ? options.model : resolve(io.cwd, options.model);
  if (options.answers !== undefined) config.answers = resolve(io.cwd, options.answers);
  if (mode !== undefined) config.scoring.mode = mode;
  if (options.extension !== undefined) config.extensions = options.extension.map((e) => resolve(io.cwd, e));
  return { config, configPath, baseDir, sha256: createHash('sha256').update(JSON.stringify(config.collectors)).update(JSON.stringify(config.network ?? null)).digest('hex') };
}

/** What happens after a report exists, for `scan` and `merge`: write it, summarise it, record it, apply --fail-on. */
export async function finishReport(
  scanned: ScanReport,
  options: { formats: ReportFormat[]; outDir: string; severity: Severity | undefined; quiet?: boolean; history?: string | boolean; historyKeep?: string },
  io: CliIo,
): Promise<ExitCode> {
  let report = scanned;
  let recorded = '';
  if (options.history !== undefined && options.history !== false) {
    const keepMs = options.historyKeep === 'forever' ? undefined : parseAge(options.historyKeep ?? DEFAULT_HISTORY_KEEP, '--history-keep');
    const store = await storeFromOptions(typeof options.history === 'string' ? options.history : undefined, io);
    try {
      const id = await store.record(report);
      const pruned = keepMs === undefined ? 0 : await store.prune(new Date(Date.parse(report.scan?.finishedAt ?? report.generatedAt) - keepMs));
      // The written reports carry the history's trends (the HTML report charts them); the stored one does not need to.
      report = { ...report, trends: await store.trends() };
      recorded = `history: recorded scan ${id} in ${store.location}${pruned > 0 ? ` (pruned ${String(pruned)} older)` : ''}\n`;
    } finally {
      await store.close();
    }
  }
  const written = await writeReports(report, options.formats, options.outDir);
  if (!options.quiet) {
    io.out(terminalSummary(report, { color: colorEnabled(io.env, io.isTTY ?? false) }));
    io.out(`reports: ${written.map((p) => displayPath(p, io.cwd)).join(', ')}\n`);
    io.out(recorded);
  }
  if (options.severity !== undefined && hasFailureAtOrAbove(report, options.severity)) {
    io.err(`pkimm: failed checks reach severity ${options.severity} (--fail-on)\n`);
    return ExitCode.Findings;
  }
  return ExitCode.Ok;
}

/** Parses --fail-on. */
export function parseFailOn(value: string | undefined): Severity | undefined {
  if (value !== undefined && !isSeverity(value)) throw new ConfigError(`--fail-on ${value}: expected info, low, medium, high or critical`, '--fail-on');
  return value;
}

/** A log that reports progress on stderr unless quiet. */
export function cliLog(quiet: boolean | undefined, io: CliIo): Logger {
  return { debug: () => undefined, info: (m: string) => (quiet ? undefined : io.err(`${m}\n`)), warn: (m: string) => io.err(`warning: ${m}\n`) };
}

async function run(options: ScanCliOptions, io: CliIo): Promise<ExitCode> {
  if (options.demo && options.config) throw new ConfigError('scan: give either --config FILE or --demo, not both', '--demo');
  if (!options.demo && !options.config) throw new ConfigError('scan: give --config FILE, or --demo to try it on a generated PKI with no network', '--config');
  if (options.shard !== undefined && options.bundle === undefined) throw new ConfigError('scan --shard: a shard writes an evidence bundle; give --bundle FILE (then pkimm merge the bundles)', '--shard');
  if (options.bundle !== undefined && options.demo) throw new ConfigError('scan --bundle: needs --config FILE, not --demo', '--bundle');
  if (options.previous !== undefined && options.demo) throw new ConfigError('scan --previous: needs --config FILE, not --demo', '--previous');
  const failOn = parseFailOn(options.failOn);
  const log = cliLog(options.quiet, io);
  const cacheDir = options.cacheDir === undefined ? undefined : resolve(io.cwd, options.cacheDir);
  let formats = parseFormats(options.format, ['json', 'markdown']);
  let outDir = resolve(io.cwd, options.outDir ?? 'pkimm-report');
  let severity: Severity | undefined = failOn;
  let report: ScanReport;
  if (options.demo) {
    const mode = parseMode(options.mode);
    const { runDemo } = await import('../../demo/run-demo.js');
    report = await runDemo({
      log,
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(mode === undefined ? {} : { mode }),
      ...(cacheDir === undefined ? {} : { cacheDir }),
      cwd: io.cwd,
    });
  } else {
    const loaded = await loadCliScanConfig({ ...options, config: options.config! }, io);
    const { config, configPath, baseDir } = loaded;
    if (options.format === undefined) formats = config.output.formats;
    if (options.outDir === undefined) outDir = resolve(baseDir, config.output.dir);
    // The previous report (scan times, the evidence checks compare with) is read from where this one will be written.
    else config.output.dir = outDir;
    severity ??= config.failOn as Severity | undefined;
    const shard = options.shard === undefined ? undefined : parseShard(options.shard);
    const bundlePath = options.bundle === undefined ? undefined : resolve(io.cwd, options.bundle);
    // The scan to compare with: --previous, else the history store's latest scan, else (in scan()) the output directory's report.
    let previousReport: string | GivenReport | undefined = options.previous === undefined ? undefined : resolve(io.cwd, options.previous);
    if (previousReport === undefined && options.history !== undefined && options.history !== false) {
      const store = await storeFromOptions(typeof options.history === 'string' ? options.history : undefined, io);
      try {
        previousReport = await latestRecordedScan(store, log);
      } finally {
        await store.close();
      }
    }
    report = await scan({
      config,
      baseDir,
      configSource: `scan configuration ${displayPath(configPath, io.cwd)}`,
      log,
      ...(cacheDir === undefined ? {} : { cacheDir }),
      ...(shard === undefined ? {} : { shard }),
      ...(previousReport === undefined ? {} : { previousReport }),
      ...(bundlePath === undefined
        ? {}
        : {
            onCollected: async (collected, startedAt, finishedAt) => {
              const bundle: EvidenceBundle = {
                bundleVersion: BUNDLE_VERSION,
                tool: { name: 'pkimm-scan', version: TOOL_VERSION },
                shard: shard ?? { index: 0, count: 1 },
                configSha256: loaded.sha256,
                startedAt: startedAt.toISOString(),
                finishedAt: finishedAt.toISOString(),
                evidence: collected.evidence,
                problems: collected.problems,
                collectors: collected.collectors,
              };
              await mkdir(dirname(bundlePath), { recursive: true });
              await writeFile(bundlePath, `${JSON.stringify(bundle)}\n`);
              if (!options.quiet) io.out(`bundle: ${displayPath(bundlePath, io.cwd)} (shard ${String(bundle.shard.index)}/${String(bundle.shard.count)}: ${String(collected.evidence.length)} evidence items, ${String(collected.problems.length)} problems)\n`);
            },
          }),
    });
    // A shard's own report would judge a fraction of the estate: only the merged report counts.
    if (bundlePath !== undefined) return ExitCode.Ok;
  }
  return finishReport(report, { formats, outDir, severity, ...(options.quiet === undefined ? {} : { quiet: options.quiet }), ...(options.history === undefined ? {} : { history: options.history }), ...(options.historyKeep === undefined ? {} : { historyKeep: options.historyKeep }) }, io);
}

/** `pkimm scan`: collect evidence, evaluate checks and assessors, merge answers, score and write reports. */
export const scanCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    program
      .command('scan')
      .description('Collect evidence, evaluate checks and assessors, merge answers, score and write reports')
      .option('-c, --config <file>', 'scan configuration (YAML or JSON)')
      .option('--demo', 'build a small PKI in a temporary folder, serve it on loopback TLS ports and scan it (no network needed)')
      .option('-o, --out-dir <dir>', 'report directory (default: pkimm-report, or output.dir of the configuration)')
      .option('-f, --format <format...>', `report formats: ${Object.keys(reporters).join(', ')}`)
      .option('--model <file|url|version>', 'PKIMM model to score against (default 1.1.0)')
      .option('--answers <file>', 'answers file to merge with the evidence')
      .option('--mode <mode>', 'scoring mode: methodology (default) or excel')
      .option('--extension <file...>', 'PKIMM extension files to score (e.g. the PQC extension)')
      .option('--fail-on <severity>', 'exit 1 if a failed check has at least this severity')
      .option('--cache-dir <dir>', 'model cache directory')
      .option('--history [location]', 'record the scan in a history store (SQLite path or postgres://...; default PKIMM_HISTORY)')
      .option('--history-keep <age>', `retention applied after recording, e.g. 90d, or "forever" (default ${DEFAULT_HISTORY_KEEP})`)
      .option('--shard <i/n>', 'observe only shard i of n (0-based, stable per target) and write an evidence bundle (needs --bundle)')
      .option('--bundle <file>', 'write the collected evidence as a bundle for pkimm merge instead of reports')
      .option('--previous <report.json>', 'the earlier report checks compare with (CRL numbers, CA-configuration drift); default: the latest scan of the history store with --history, else report.json in the output directory')
      .option('-q, --quiet', 'print nothing but errors')
      .action(async (options: ScanCliOptions) => {
        setExitCode(await run(options, io));
      });
  },
};
