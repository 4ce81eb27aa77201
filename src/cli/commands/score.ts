import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadModel } from '../../../model/pkimm/load-model.js';
import { displayPath } from '../../config/load-file.js';
import { scoreAnswers } from '../../engine/score-answers.js';
import { ConfigError } from '../../errors.js';
import { readReport } from '../../report/read-report.js';
import { writeReports } from '../../report/write-reports.js';
import { loadAnswersFile } from '../../score/load-answers.js';
import { parseFormats, parseMode } from '../options.js';
import { terminalSummary } from '../summary.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

interface ScoreCliOptions {
  answers?: string;
  evidence?: string;
  mode?: string;
  extension?: string[];
  model?: string;
  outDir?: string;
  format?: string[];
  json?: boolean;
  cacheDir?: string;
}

async function run(options: ScoreCliOptions, io: CliIo): Promise<ExitCode> {
  if (!options.answers && !options.evidence) throw new ConfigError('score: give --answers FILE, --evidence REPORT.json, or both', '--answers');
  const mode = parseMode(options.mode) ?? 'methodology';
  const formats = parseFormats(options.format, ['json', 'markdown']);
  const answersFile = options.answers === undefined ? undefined : await loadAnswersFile(options.answers, io.cwd);
  const evidenceReport = options.evidence === undefined ? undefined : await readReport(options.evidence, io.cwd);
  // The model: --model, else the version the answers are written for, else the evidence report's model.
  const modelRef = options.model ?? answersFile?.model ?? evidenceReport?.model.version;
  const model = await loadModel({
    ...(modelRef === undefined ? {} : { model: modelRef }),
    baseDir: io.cwd,
    ...(options.cacheDir === undefined ? {} : { cacheDir: resolve(io.cwd, options.cacheDir) }),
  });
  let extensions;
  if (options.extension && options.extension.length > 0) {
    const { loadExtension } = await import('../../../model/pkimm/extension.js');
    extensions = await Promise.all(options.extension.map((e) => loadExtension(resolve(io.cwd, e))));
  }
  const report = scoreAnswers({
    model,
    ...(answersFile === undefined ? {} : { answers: { file: answersFile, source: displayPath(options.answers!, io.cwd) } }),
    ...(evidenceReport === undefined ? {} : { evidenceReport }),
    mode,
    ...(extensions === undefined ? {} : { extensions }),
  });
  if (options.json) io.out(`${JSON.stringify(report.assessment, null, 2)}\n`);
  else io.out(terminalSummary(report));
  if (options.outDir !== undefined) {
    const written = await writeReports(report, formats, resolve(io.cwd, options.outDir));
    if (!options.json) io.out(`reports: ${written.map((p) => displayPath(p, io.cwd)).join(', ')}\n`);
  }
  return ExitCode.Ok;
}

/** `pkimm score`: score an answers file, alone or merged with a previous scan's evidence. */
export const scoreCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    program
      .command('score')
      .description("Score an answers file, alone or merged with a previous scan's evidence")
      .option('-a, --answers <file>', 'answers file (YAML or JSON)')
      .option('-e, --evidence <report>', 'JSON report of an earlier scan whose evidence statements are merged')
      .option('--mode <mode>', 'scoring mode: methodology (default) or excel')
      .option('--extension <file...>', 'PKIMM extension files to score')
      .option('--model <file|url|version>', 'model to score against (default: the answers file\'s model version)')
      .option('-o, --out-dir <dir>', 'also write reports into this directory')
      .option('-f, --format <format...>', 'report formats with --out-dir: json, markdown')
      .option('--json', 'print the assessment as JSON instead of a summary')
      .option('--cache-dir <dir>', 'model cache directory')
      .action(async (options: ScoreCliOptions) => {
        setExitCode(await run(options, io));
      });
  },
};
