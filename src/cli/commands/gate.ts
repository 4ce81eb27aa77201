import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Severity } from '../../../model/finding.js';
import { ConfigError } from '../../errors.js';
import { githubAnnotations } from '../../gate/annotations.js';
import { evaluateGate, isSeverity, parsePairs, type GateConditions } from '../../gate/gate.js';
import { loadWaivers } from '../../policy/load-policy.js';
import { readReport } from '../../report/read-report.js';
import { renderJunit } from '../../report/reporters/junit.js';
import { parseNumber } from '../options.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

/** New findings listed under a failed --no-new-findings line; the rest are counted. */
const MAX_LISTED_FINDINGS = 20;

interface GateCliOptions {
  minOverall?: string;
  minCategory?: string[];
  minRequirement?: string[];
  maxFindings?: string[];
  noConflicts?: boolean;
  baseline?: string;
  noRegression?: boolean;
  noNewFindings?: string;
  waivers?: string;
  annotations?: string;
  junit?: string;
}

function levelValue(option: string, min = 0) {
  return (v: string): number => {
    const n = Number(v);
    if (v === '' || !Number.isFinite(n) || n < min || n > 5) throw new ConfigError(`${option} ${v}: expected a maturity value between ${min} and 5`, option);
    return n;
  };
}

function severityOption(value: string, option: string): Severity {
  if (!isSeverity(value)) throw new ConfigError(`${option} ${value}: unknown severity (info, low, medium, high, critical)`, option);
  return value;
}

/** Parses the options into conditions; reads the baseline and waivers files. Throws ConfigError on bad usage. */
async function conditionsOf(options: GateCliOptions, io: CliIo): Promise<GateConditions> {
  const conditions: { -readonly [K in keyof GateConditions]: GateConditions[K] } = {};
  if (options.minOverall !== undefined) conditions.minOverall = levelValue('--min-overall')(String(parseNumber(options.minOverall, '--min-overall')));
  if (options.minCategory) conditions.minCategory = parsePairs(options.minCategory, '--min-category', levelValue('--min-category'));
  if (options.minRequirement) conditions.minRequirement = parsePairs(options.minRequirement, '--min-requirement', levelValue('--min-requirement', 1));
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
  if (options.noRegression) conditions.noRegression = true;
  if (options.noNewFindings !== undefined) conditions.noNewFindings = severityOption(options.noNewFindings, '--no-new-findings');
  const needsBaseline = conditions.noRegression === true || conditions.noNewFindings !== undefined;
  if (needsBaseline && options.baseline === undefined) throw new ConfigError(`${conditions.noRegression ? '--no-regression' : '--no-new-findings'} compares with an earlier report: add --baseline OLD_REPORT.json`, '--baseline');
  if (!needsBaseline && options.baseline !== undefined) throw new ConfigError('--baseline: add --no-regression or --no-new-findings SEVERITY to say what to compare', '--baseline');
  if (Object.keys(conditions).length === 0) {
    throw new ConfigError('gate: give at least one condition (--min-overall, --min-category, --min-requirement, --max-findings, --no-conflicts, --no-regression, --no-new-findings)', 'gate');
  }
  if (options.annotations !== undefined && options.annotations !== 'github') throw new ConfigError(`--annotations ${options.annotations}: expected github`, '--annotations');
  if (options.baseline !== undefined) conditions.baseline = { report: await readReport(options.baseline, io.cwd), source: options.baseline };
  if (options.waivers !== undefined) conditions.waivers = { list: await loadWaivers(options.waivers, io.cwd), now: new Date() };
  return conditions;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}

async function run(path: string, options: GateCliOptions, io: CliIo): Promise<ExitCode> {
  const conditions = await conditionsOf(options, io);
  const report = await readReport(path, io.cwd);
  const result = evaluateGate(report, conditions);
  for (const note of result.notes) io.err(`pkimm: note: ${note}\n`);
  if (result.waived.length > 0) io.out(`gate: ${result.waived.length} failed check${result.waived.length === 1 ? ' is' : 's are'} waived by ${options.waivers ?? 'the waivers file'}\n`);
  if (options.junit !== undefined) await writeAtomically(resolve(io.cwd, options.junit), renderJunit(report, { gate: result.conditions }));
  if (result.passed) {
    io.out(`gate passed: ${result.checked} condition${result.checked === 1 ? '' : 's'} met\n`);
    return ExitCode.Ok;
  }
  for (const condition of result.conditions) {
    if (condition.passed) continue;
    for (const failure of condition.messages) io.out(`gate failed: ${failure}\n`);
    if (condition.id !== 'no-new-findings') continue;
    const listed = condition.findings ?? [];
    for (const f of listed.slice(0, MAX_LISTED_FINDINGS)) io.out(`  new ${f.severity} ${f.ruleId}${f.target === undefined ? '' : ` ${f.target}`}: ${f.message}\n`);
    if (listed.length > MAX_LISTED_FINDINGS) io.out(`  … and ${listed.length - MAX_LISTED_FINDINGS} more\n`);
  }
  if (options.annotations === 'github') for (const line of githubAnnotations(result, report)) io.out(`${line}\n`);
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
      .option('--min-requirement <ref=n...>', 'minimum level of a requirement, e.g. 7.4=3 (repeatable)')
      .option('--max-findings <severity=n...>', 'maximum failed checks at or above a severity, e.g. high=0 (repeatable)')
      .option('--no-conflicts', 'fail when answers and evidence conflict')
      .option('--baseline <report>', 'earlier JSON report to compare with (--no-regression, --no-new-findings)')
      .option('--no-regression', 'fail when a category level is lower than in the baseline')
      .option('--no-new-findings <severity>', 'fail on failed checks at or above a severity that the baseline did not have')
      .option('--waivers <file>', 'waivers file (waivers: [...]) applied to the report\'s findings before counting')
      .option('--annotations <kind>', 'also print annotations for the CI: github (workflow commands)')
      .option('--junit <file>', 'write the report as JUnit XML with a "gate" suite, one case per condition')
      .action(async (path: string, raw: Omit<GateCliOptions, 'noConflicts' | 'noRegression' | 'noNewFindings'> & { conflicts?: boolean; regression?: boolean; newFindings?: string | boolean }) => {
        const { conflicts, regression, newFindings, ...rest } = raw;
        const options: GateCliOptions = {
          ...rest,
          noConflicts: conflicts === false,
          noRegression: regression === false,
          ...(typeof newFindings === 'string' ? { noNewFindings: newFindings } : {}),
        };
        setExitCode(await run(path, options, io));
      });
  },
};
