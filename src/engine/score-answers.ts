import type { AnswersFile } from '../../model/answers.js';
import type { ScoringMode } from '../../model/assessment.js';
import type { PkimmExtension, PkimmModel } from '../../model/pkimm/types.js';
import type { Statement } from '../../model/statement.js';
import { answersSummary, buildReport } from '../report/build-report.js';
import type { ScanReport } from '../report/report.js';
import { normalizeAnswers } from '../score/normalize-answers.js';
import { score } from '../score/score.js';
import { coverageOf } from './evaluate.js';

/** Input of a scoring run without collection: answers alone, or merged with a previous scan's statements. */
export interface ScoreAnswersOptions {
  readonly model: PkimmModel;
  readonly answers?: { readonly file: AnswersFile; readonly source: string };
  /** A previous scan report whose assessor statements are merged with the answers. */
  readonly evidenceReport?: ScanReport;
  readonly mode?: ScoringMode;
  readonly extensions?: readonly PkimmExtension[];
  readonly now?: () => Date;
}

/** Scores answers (and, optionally, a previous scan's evidence statements) into a report. */
export function scoreAnswers(options: ScoreAnswersOptions): ScanReport {
  const { model, answers, evidenceReport } = options;
  const normalized = answers ? normalizeAnswers(answers.file, model, answers.source) : undefined;
  const statements: readonly Statement[] = evidenceReport?.statements ?? [];
  const assessment = score({
    model,
    ...(normalized === undefined ? {} : { answers: normalized }),
    statements,
    mode: options.mode ?? 'methodology',
    ...(options.extensions === undefined ? {} : { extensions: options.extensions }),
    coverage: coverageOf(evidenceReport?.assessors ?? []),
  });
  return buildReport({
    model,
    assessment,
    generatedAt: (options.now ?? (() => new Date()))(),
    statements,
    ...(evidenceReport === undefined
      ? {}
      : {
          results: evidenceReport.results,
          evidence: evidenceReport.evidence,
          problems: evidenceReport.problems,
          ruleInfos: evidenceReport.rules,
          assessorInfos: evidenceReport.assessors,
          ...(evidenceReport.scan === undefined ? {} : { scan: evidenceReport.scan }),
        }),
    ...(answers === undefined || normalized === undefined ? {} : { answers: answersSummary(answers, normalized) }),
  });
}
