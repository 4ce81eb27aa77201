import type { AnswersFile } from '../../model/answers.js';
import type { ScoringMode } from '../../model/assessment.js';
import type { RuleResult } from '../../model/finding.js';
import type { PkimmExtension, PkimmModel } from '../../model/pkimm/types.js';
import type { Statement } from '../../model/statement.js';
import { expiredWaiverMessage, isWaiverActive, resultKey, type ExpiredWaiver, type WaivedResult, type WaiverInfo, type WaiverOutcome } from '../policy/waivers.js';
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

/**
 * The earlier report's waivers, judged again at `now`: a waived failure stays waived while its waiver is in force; once
 * the waiver has expired the failure counts again and the waiver is listed as expired. Undefined when the report was
 * built without waivers.
 */
export function carriedWaivers(report: ScanReport, now: Date): WaiverOutcome | undefined {
  if (report.waived === undefined && report.waivers === undefined) return undefined;
  const results = new Map(report.results.map((r) => [resultKey(r), r]));
  const waived: WaivedResult[] = [];
  const lapsed = new Map<string, { waiver: WaiverInfo; matching: number }>();
  for (const finding of report.waived ?? []) {
    const result: RuleResult = results.get(resultKey(finding)) ?? {
      ruleId: finding.ruleId,
      ...(finding.evidenceId === undefined ? {} : { evidenceId: finding.evidenceId }),
      status: 'fail',
      severity: finding.severity,
      message: finding.message,
    };
    if (isWaiverActive(finding.waiver, now)) {
      waived.push({ result, waiver: finding.waiver });
      continue;
    }
    const entry = lapsed.get(finding.waiver.label) ?? { waiver: finding.waiver, matching: 0 };
    entry.matching++;
    lapsed.set(finding.waiver.label, entry);
  }
  const unused = report.waivers?.unused ?? [];
  for (const waiver of unused) if (!isWaiverActive(waiver, now) && !lapsed.has(waiver.label)) lapsed.set(waiver.label, { waiver, matching: 0 });
  const expired: ExpiredWaiver[] = [
    ...(report.waivers?.expired ?? []),
    ...[...lapsed.values()].map(({ waiver, matching }) => ({ waiver, matching, message: expiredWaiverMessage(waiver, matching) })),
  ];
  return { waived, expired, unused: unused.filter((w) => isWaiverActive(w, now)) };
}

/** Scores answers (and, optionally, a previous scan's evidence statements) into a report. */
export function scoreAnswers(options: ScoreAnswersOptions): ScanReport {
  const { model, answers, evidenceReport } = options;
  const now = (options.now ?? (() => new Date()))();
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
  const waivers = evidenceReport === undefined ? undefined : carriedWaivers(evidenceReport, now);
  return buildReport({
    model,
    assessment,
    generatedAt: now,
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
          ...(waivers === undefined ? {} : { waivers }),
          ...(evidenceReport.policy === undefined ? {} : { policy: evidenceReport.policy }),
          ...(evidenceReport.inventory === undefined ? {} : { inventory: evidenceReport.inventory }),
        }),
    ...(answers === undefined || normalized === undefined ? {} : { answers: answersSummary(answers, normalized) }),
  });
}
