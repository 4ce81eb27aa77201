import type { AnswersFile } from '../../model/answers.js';
import type { Assessment } from '../../model/assessment.js';
import type { NormalizedAnswers } from '../score/normalize-answers.js';
import type { AnyEvidence, CollectionProblem } from '../../model/evidence.js';
import { SEVERITIES, severityRank, type RuleResult, type Severity } from '../../model/finding.js';
import type { PkimmModel } from '../../model/pkimm/types.js';
import type { Statement } from '../../model/statement.js';
import type { AnyRule } from '../engine/define-rule.js';
import type { Assessor } from '../engine/define-assessor.js';
import { TOOL_VERSION } from '../version.js';
import { resultKey, type WaiverOutcome } from '../policy/waivers.js';
import { REPORT_SCHEMA_VERSION, type AssessorInfo, type Finding, type RequirementCoverage, type RuleInfo, type ScanReport, type WaivedFinding } from './report.js';

/** Everything a report is built from. */
export interface ReportParts {
  readonly model: PkimmModel;
  readonly assessment: Assessment;
  readonly generatedAt: Date;
  readonly results?: readonly RuleResult[];
  readonly statements?: readonly Statement[];
  readonly evidence?: readonly AnyEvidence[];
  readonly problems?: readonly CollectionProblem[];
  readonly rules?: readonly AnyRule[];
  readonly assessors?: readonly Assessor[];
  /** Catalogue entries carried over from an earlier report (when `rules`/`assessors` are not given). */
  readonly ruleInfos?: readonly RuleInfo[];
  readonly assessorInfos?: readonly AssessorInfo[];
  readonly scan?: ScanReport['scan'];
  readonly answers?: ScanReport['answers'];
  /** Waivers applied to the results: covered failures leave `findings` for `waived`. */
  readonly waivers?: WaiverOutcome;
  /** The policy profile the checks used. */
  readonly policy?: ScanReport['policy'];
  /** The certificate inventory's counts (scan only). */
  readonly inventory?: ScanReport['inventory'];
}

/** Per requirement of the assessment: its coverage and the checks and assessors that name it (by 1.1.0 ref). */
function coverageList(assessment: Assessment, rules: readonly Pick<RuleInfo, 'id' | 'pkimm'>[], assessors: readonly Pick<AssessorInfo, 'id' | 'pkimm'>[]): RequirementCoverage[] {
  return Object.values(assessment.requirements).map((r) => ({
    ref: r.ref,
    ref110: r.ref110,
    coverage: r.coverage,
    assessors: assessors.filter((a) => a.pkimm === r.ref110).map((a) => a.id).sort(),
    checks: rules.filter((rule) => rule.pkimm.includes(r.ref110)).map((rule) => rule.id).sort(),
  }));
}

/** Assembles the JSON report: sorted, stamped with tool, model, mode and merge policy. */
export function buildReport(parts: ReportParts): ScanReport {
  const evidence = [...(parts.evidence ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const results = [...(parts.results ?? [])].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || (a.evidenceId ?? '').localeCompare(b.evidenceId ?? ''));
  const waiverOf = new Map((parts.waivers?.waived ?? []).map((w) => [resultKey(w.result), w.waiver]));
  const toFinding = (r: RuleResult): Finding => {
    const target = r.evidenceId === undefined ? undefined : byId.get(r.evidenceId)?.target;
    return {
      ruleId: r.ruleId,
      severity: r.severity,
      ...(r.evidenceId === undefined ? {} : { evidenceId: r.evidenceId }),
      ...(target === undefined ? {} : { target }),
      message: r.message ?? r.ruleId,
    };
  };
  const waived: WaivedFinding[] = results.flatMap((r) => {
    const waiver = r.status === 'fail' ? waiverOf.get(resultKey(r)) : undefined;
    return waiver === undefined ? [] : [{ ...toFinding(r), waiver }];
  });
  const findings: Finding[] = results
    .filter((r) => r.status === 'fail' && !waiverOf.has(resultKey(r)))
    .map(toFinding)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId) || (a.evidenceId ?? '').localeCompare(b.evidenceId ?? ''));
  const findingCounts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) findingCounts[f.severity]++;
  const requirementCounts = { automated: 0, manual: 0, merged: 0, unanswered: 0, 'not-applicable': 0 };
  let conflicts = 0;
  for (const r of Object.values(parts.assessment.requirements)) {
    requirementCounts[r.source]++;
    conflicts += r.conflicts.length;
  }
  const ruleInfos: RuleInfo[] = (parts.rules === undefined
    ? [...(parts.ruleInfos ?? [])]
    : parts.rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, pkimm: r.pkimm, remediation: r.remediation, description: r.description, references: r.references }))
  ).sort((a, b) => a.id.localeCompare(b.id));
  const assessorInfos: AssessorInfo[] = (parts.assessors === undefined
    ? [...(parts.assessorInfos ?? [])]
    : parts.assessors.map((a) => ({ id: a.id, title: a.title, pkimm: a.pkimm, automation: a.automation }))
  ).sort((a, b) => a.id.localeCompare(b.id));
  const statements = [...(parts.statements ?? [])].sort((a, b) => a.ref.localeCompare(b.ref, undefined, { numeric: true }) || a.assessor.localeCompare(b.assessor) || a.kind.localeCompare(b.kind));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'pkimm-scan', version: TOOL_VERSION },
    generatedAt: parts.generatedAt.toISOString(),
    model: { version: parts.model.version, source: parts.model.source },
    scoring: { mode: parts.assessment.mode, mergePolicy: parts.assessment.mergePolicy },
    ...(parts.scan === undefined ? {} : { scan: parts.scan }),
    ...(parts.answers === undefined ? {} : { answers: parts.answers }),
    summary: {
      certificates: evidence.filter((e) => e.kind === 'certificate').length,
      endpoints: evidence.filter((e) => e.kind === 'tls-endpoint').length,
      problems: parts.problems?.length ?? 0,
      findings: findingCounts,
      ...(parts.waivers === undefined ? {} : { waived: waived.length }),
      requirements: requirementCounts,
      conflicts,
    },
    assessment: parts.assessment,
    findings,
    ...(parts.waivers === undefined
      ? {}
      : {
          waived: waived.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId) || (a.evidenceId ?? '').localeCompare(b.evidenceId ?? '')),
          waivers: { expired: [...parts.waivers.expired], unused: [...parts.waivers.unused] },
        }),
    ...(parts.policy === undefined ? {} : { policy: parts.policy }),
    coverage: coverageList(parts.assessment, ruleInfos, assessorInfos),
    results,
    statements,
    evidence,
    problems: [...(parts.problems ?? [])],
    ...(parts.inventory === undefined ? {} : { inventory: parts.inventory }),
    rules: ruleInfos,
    assessors: assessorInfos,
  };
}

/** The report's summary of an answers file: where it came from, who answered, and what did not map. */
export function answersSummary(answers: { readonly file: AnswersFile; readonly source: string }, normalized: NormalizedAnswers): NonNullable<ScanReport['answers']> {
  const { file } = answers;
  return {
    source: answers.source,
    kind: normalized.kind,
    ...(file.organisation === undefined ? {} : { organisation: file.organisation }),
    ...(file.assessor === undefined ? {} : { assessor: file.assessor.name }),
    ...(file.assessor?.type === undefined ? {} : { assessorType: file.assessor.type }),
    ...(file.assessor?.organisation === undefined ? {} : { assessorOrganisation: file.assessor.organisation }),
    ...(file.date === undefined ? {} : { date: file.date }),
    ...(file.finishDate === undefined ? {} : { finishDate: file.finishDate }),
    ...(file.useCase === undefined ? {} : { useCase: file.useCase }),
    warnings: normalized.warnings,
  };
}
