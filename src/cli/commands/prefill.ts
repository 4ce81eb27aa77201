import { readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../config/load-file.js';
import { ConfigError } from '../../errors.js';
import { answersFromReport } from '../../prefill/answers-out.js';
import { prefillWorkbook } from '../../prefill/prefill.js';
import { toPrefillReport } from '../../prefill/prefill-report.js';
import { webSelfAssessmentFromReport } from '../../prefill/web-self-assessment.js';
import { WORKBOOK_ZIP_LIMITS } from '../../prefill/zip.js';
import { readReport } from '../../report/read-report.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

interface PrefillCliOptions {
  report: string;
  workbook?: string;
  out?: string;
  repairNaWiring?: boolean;
  useCase?: string;
  answersOut?: string;
  webSelfAssessment?: string;
}

/** Reads a workbook file after checking it is a regular file within the archive size limit. */
async function readWorkbook(path: string, cwd: string): Promise<Uint8Array> {
  const shown = displayPath(path, cwd);
  try {
    const info = await stat(resolve(cwd, path));
    if (!info.isFile()) throw new ConfigError(`workbook ${shown}: not a file`, shown);
    if (info.size > WORKBOOK_ZIP_LIMITS.maxArchiveBytes) throw new ConfigError(`workbook ${shown}: larger than ${WORKBOOK_ZIP_LIMITS.maxArchiveBytes} bytes`, shown);
    return new Uint8Array(await readFile(resolve(cwd, path)));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`workbook ${shown}: ${code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`, shown, { cause: error });
  }
}

/** The real path of a file, or its resolved path when it does not exist yet (so two names of one file compare equal). */
async function identity(path: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, path);
  try {
    return await realpath(absolute);
  } catch {
    return absolute;
  }
}

/** Refuses outputs that would overwrite an input or each other. */
async function checkOutputs(options: PrefillCliOptions, cwd: string): Promise<void> {
  const inputs: [string, string][] = [['--report', options.report], ...(options.workbook === undefined ? [] : [['--workbook', options.workbook] as [string, string]])];
  const outputs: [string, string][] = [
    ...(options.out === undefined ? [] : [['--out', options.out] as [string, string]]),
    ...(options.answersOut === undefined ? [] : [['--answers-out', options.answersOut] as [string, string]]),
    ...(options.webSelfAssessment === undefined ? [] : [['--web-self-assessment', options.webSelfAssessment] as [string, string]]),
  ];
  const seen = new Map<string, string>();
  for (const [option, path] of inputs) seen.set(await identity(path, cwd), option);
  for (const [option, path] of outputs) {
    const id = await identity(path, cwd);
    const clash = seen.get(id);
    if (clash !== undefined) throw new ConfigError(`${option} ${path}: must differ from ${clash} (the prefill never overwrites its inputs or another output)`, option);
    seen.set(id, option);
  }
}

async function run(options: PrefillCliOptions, io: CliIo): Promise<ExitCode> {
  if (options.workbook === undefined && options.answersOut === undefined && options.webSelfAssessment === undefined) {
    throw new ConfigError('prefill: give --workbook FILE --out FILE, --answers-out FILE, --web-self-assessment FILE, or several', '--workbook');
  }
  if ((options.workbook === undefined) !== (options.out === undefined)) throw new ConfigError('prefill: --workbook and --out go together', options.workbook === undefined ? '--out' : '--workbook');
  await checkOutputs(options, io.cwd);
  const shownReport = displayPath(options.report, io.cwd);
  const report = toPrefillReport(await readReport(options.report, io.cwd), shownReport);

  if (options.workbook !== undefined && options.out !== undefined) {
    const source = displayPath(options.workbook, io.cwd);
    const result = prefillWorkbook(await readWorkbook(options.workbook, io.cwd), source, report, {
      ...(options.repairNaWiring === true ? { repairNaWiring: true } : {}),
      ...(options.useCase === undefined ? {} : { useCase: options.useCase }),
    });
    await writeFile(resolve(io.cwd, options.out), result.bytes);
    io.out(`${result.lines.join('\n')}\n`);
    for (const warning of result.warnings) io.out(`warning: ${warning}\n`);
    io.out(`wrote ${displayPath(options.out, io.cwd)} (parts changed: ${result.editedParts.join(', ')}; every other part copied unchanged)\n`);
  }
  if (options.answersOut !== undefined) {
    const answers = answersFromReport(report);
    await writeFile(resolve(io.cwd, options.answersOut), answers.yaml, 'utf8');
    io.out(`${answers.lines.join('\n')}\nwrote ${displayPath(options.answersOut, io.cwd)}\n`);
  }
  if (options.webSelfAssessment !== undefined) {
    const web = webSelfAssessmentFromReport(report, shownReport);
    await writeFile(resolve(io.cwd, options.webSelfAssessment), web.yaml, 'utf8');
    io.out(`${web.lines.join('\n')}\nwrote ${displayPath(options.webSelfAssessment, io.cwd)} (import it on the Assessments tab of the web self-assessment)\n`);
  }
  return ExitCode.Ok;
}

/** `pkimm prefill`: fill the official workbooks, an answers file or the web self-assessment import from a report. */
export const prefillCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    program
      .command('prefill')
      .description('Pre-fill the official PKIMM workbooks, an answers file or the web self-assessment from a report')
      .requiredOption('-r, --report <file>', 'JSON report of pkimm scan or pkimm score')
      .option('-w, --workbook <xlsx>', 'official PKI_Maturity_Assessment_Tool_v240318.xlsx or PKI_Maturity_Self_Assessment_Tool_v231220.xlsx (read only)')
      .option('-o, --out <xlsx>', 'where to write the filled workbook (must differ from --workbook)')
      .option('--repair-na-wiring', 'assessment workbook: rewrite the Assessment!F formulas that read the wrong Scoping cell (quirk Q21)')
      .option('--use-case <name>', 'use-case name for the workbook (Overview!D5, Tool!E3)')
      .option('--answers-out <yaml>', 'write an answers file for pkimm score from the report')
      .option('--web-self-assessment <yaml>', 'write a file for the Assessments tab of the PKI Consortium web self-assessment')
      .action(async (options: PrefillCliOptions) => {
        setExitCode(await run(options, io));
      });
  },
};
