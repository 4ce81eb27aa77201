import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { severityRank, type Severity } from '../../../model/finding.js';
import { ScanConfig } from '../../config/scan-config.js';
import { displayPath, loadValidatedFile } from '../../config/load-file.js';
import { scan } from '../../engine/scan.js';
import { ConfigError } from '../../errors.js';
import { isSeverity } from '../../gate/gate.js';
import type { ScanReport } from '../../report/report.js';
import { writeReports } from '../../report/write-reports.js';
import { parseAge, parseFormats, parseMode } from '../options.js';
import { storeFromOptions } from './history.js';
import { terminalSummary } from '../summary.js';
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
}

/** Default retention applied after each recorded scan, so a nightly history never grows without bound. */
export const DEFAULT_HISTORY_KEEP = '400d';

/** Returns whether any failed check reaches the severity. */
export function hasFailureAtOrAbove(report: ScanReport, severity: Severity): boolean {
  return report.findings.some((f) => severityRank(f.severity) >= severityRank(severity));
}

async function run(options: ScanCliOptions, io: CliIo): Promise<ExitCode> {
  if (options.demo && options.config) throw new ConfigError('scan: give either --config FILE or --demo, not both', '--demo');
  if (!options.demo && !options.config) throw new ConfigError('scan: give --config FILE, or --demo to try it on a generated PKI with no network', '--config');
  const failOn = options.failOn;
  if (failOn !== undefined && !isSeverity(failOn)) throw new ConfigError(`--fail-on ${failOn}: expected info, low, medium, high or critical`, '--fail-on');
  const mode = parseMode(options.mode);
  const log = { debug: () => undefined, info: (m: string) => (options.quiet ? undefined : io.err(`${m}\n`)), warn: (m: string) => io.err(`warning: ${m}\n`) };

  let report: ScanReport;
  let formats = parseFormats(options.format, ['json', 'markdown']);
  let outDir = resolve(io.cwd, options.outDir ?? 'pkimm-report');
  let severity: Severity | undefined = failOn;
  const cacheDir = options.cacheDir === undefined ? undefined : resolve(io.cwd, options.cacheDir);
  if (options.demo) {
    const { runDemo } = await import('../../demo/run-demo.js');
    report = await runDemo({
      log,
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(mode === undefined ? {} : { mode }),
      ...(cacheDir === undefined ? {} : { cacheDir }),
      cwd: io.cwd,
    });
  } else {
    const configPath = resolve(io.cwd, options.config!);
    const config = await loadValidatedFile(ScanConfig, configPath, io.cwd, 'scan configuration');
    const baseDir = dirname(configPath);
    if (options.model !== undefined) config.model = /^\d+\.\d+\.\d+(-draft)?$/.test(options.model) || /^https?:/.test(options.model) ? options.model : resolve(io.cwd, options.model);
    if (options.answers !== undefined) config.answers = resolve(io.cwd, options.answers);
    if (mode !== undefined) config.scoring.mode = mode;
    if (options.extension !== undefined) config.extensions = options.extension.map((e) => resolve(io.cwd, e));
    if (options.format === undefined) formats = config.output.formats;
    if (options.outDir === undefined) outDir = resolve(baseDir, config.output.dir);
    severity ??= config.failOn as Severity | undefined;
    report = await scan({ config, baseDir, configSource: `scan configuration ${displayPath(configPath, io.cwd)}`, log, ...(cacheDir === undefined ? {} : { cacheDir }) });
  }
  const written = await writeReports(report, formats, outDir);
  if (!options.quiet) {
    io.out(terminalSummary(report));
    io.out(`reports: ${written.map((p) => displayPath(p, io.cwd)).join(', ')}\n`);
  }
  if (options.history !== undefined && options.history !== false) {
    const keepMs = options.historyKeep === 'forever' ? undefined : parseAge(options.historyKeep ?? DEFAULT_HISTORY_KEEP, '--history-keep');
    const store = await storeFromOptions(typeof options.history === 'string' ? options.history : undefined, io);
    try {
      const id = await store.record(report);
      const pruned = keepMs === undefined ? 0 : await store.prune(new Date(Date.parse(report.scan?.finishedAt ?? report.generatedAt) - keepMs));
      if (!options.quiet) io.out(`history: recorded scan ${id} in ${store.location}${pruned > 0 ? ` (pruned ${String(pruned)} older)` : ''}\n`);
    } finally {
      await store.close();
    }
  }
  if (severity !== undefined && hasFailureAtOrAbove(report, severity)) {
    io.err(`pkimm: failed checks reach severity ${severity} (--fail-on)\n`);
    return ExitCode.Findings;
  }
  return ExitCode.Ok;
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
      .option('-f, --format <format...>', 'report formats: json, markdown')
      .option('--model <file|url|version>', 'PKIMM model to score against (default 1.1.0)')
      .option('--answers <file>', 'answers file to merge with the evidence')
      .option('--mode <mode>', 'scoring mode: methodology (default) or excel')
      .option('--extension <file...>', 'PKIMM extension files to score (e.g. the PQC extension)')
      .option('--fail-on <severity>', 'exit 1 if a failed check has at least this severity')
      .option('--cache-dir <dir>', 'model cache directory')
      .option('--history [location]', 'record the scan in a history store (SQLite path or postgres://...; default PKIMM_HISTORY)')
      .option('--history-keep <age>', `retention applied after recording, e.g. 90d, or "forever" (default ${DEFAULT_HISTORY_KEEP})`)
      .option('-q, --quiet', 'print nothing but errors')
      .action(async (options: ScanCliOptions) => {
        setExitCode(await run(options, io));
      });
  },
};
