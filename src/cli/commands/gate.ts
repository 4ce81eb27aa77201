import type { Command } from 'commander';
import type { Severity } from '../../../model/finding.js';
import { ConfigError } from '../../errors.js';
import { evaluateGate, isSeverity, parsePairs, type GateConditions } from '../../gate/gate.js';
import { readReport } from '../../report/read-report.js';
import { parseNumber } from '../options.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

interface GateCliOptions {
  minOverall?: string;
  minCategory?: string[];
  maxFindings?: string[];
  noConflicts?: boolean;
}

function levelValue(option: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v === '' || !Number.isFinite(n) || n < 0 || n > 5) throw new ConfigError(`${option} ${v}: expected a maturity value between 0 and 5`, option);
    return n;
  };
}

async function run(path: string, options: GateCliOptions, io: CliIo): Promise<ExitCode> {
  const conditions: { -readonly [K in keyof GateConditions]: GateConditions[K] } = {};
  if (options.minOverall !== undefined) conditions.minOverall = levelValue('--min-overall')(String(parseNumber(options.minOverall, '--min-overall')));
  if (options.minCategory) conditions.minCategory = parsePairs(options.minCategory, '--min-category', levelValue('--min-category'));
  if (options.maxFindings) {
    const pairs = parsePairs(options.maxFindings, '--max-findings', (v) => (/^\d+$/.test(v) ? Number(v) : undefined));
    const max: Partial<Record<Severity, number>> = {};
    for (const [severity, n] of Object.entries(pairs)) {
      if (!isSeverity(severity)) throw new ConfigError(`--max-findings ${severity}=${n}: unknown severity (info, low, medium, high, critical)`, '--max-findings');
      max[severity] = n;
    }
    conditions.maxFindings = max;
  }
  if (options.noConflicts) conditions.noConflicts = true;
  if (Object.keys(conditions).length === 0) throw new ConfigError('gate: give at least one condition (--min-overall, --min-category, --max-findings, --no-conflicts)', 'gate');
  const report = await readReport(path, io.cwd);
  const result = evaluateGate(report, conditions);
  if (result.passed) {
    io.out(`gate passed: ${result.checked} condition${result.checked === 1 ? '' : 's'} met\n`);
    return ExitCode.Ok;
  }
  for (const failure of result.failures) io.out(`gate failed: ${failure}\n`);
  return ExitCode.Findings;
}

/** `pkimm gate`: exit 1 when a report misses a threshold, with one line per failed condition. */
export const gateCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    program
      .command('gate')
      .description('Check a JSON report against thresholds: exit 1 with one line per failed condition')
      .argument('<report>', 'JSON report written by pkimm scan or pkimm score')
      .option('--min-overall <n>', 'minimum overall maturity (raw value, e.g. 2.5)')
      .option('--min-category <id=n...>', 'minimum maturity of a category, e.g. 7=3 (repeatable)')
      .option('--max-findings <severity=n...>', 'maximum failed checks at or above a severity, e.g. high=0 (repeatable)')
      .option('--no-conflicts', 'fail when answers and evidence conflict')
      .action(async (path: string, options: GateCliOptions & { conflicts?: boolean }) => {
        setExitCode(await run(path, { ...options, noConflicts: options.conflicts === false }, io));
      });
  },
};
