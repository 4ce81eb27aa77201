// Writes an answers file (model/answers.ts) for pkimm-scan itself from a report: the levels that count (manual,
// merged, automated), scope with reasons, the metadata the report has. Automated levels carry a YAML comment and a
// note asking a person to confirm them; draft levels appear only in notes and comments, never as a level.
import { Document, isMap, isScalar } from 'yaml';
import { AnswersFile } from '../../model/answers.js';
import { scopedOutCategories, type PrefillReport } from './prefill-report.js';
import { excelSerialDate } from './assessment-layout.js';
import { requirementText } from './requirement-text.js';

/** The answers file as YAML text, and what went into it. */
export interface AnswersOutput {
  readonly yaml: string;
  readonly lines: readonly string[];
}

/** Level names of the report's model (1.x "Basic", 2.x "Foundational"). */
export function levelNamesOf(modelVersion: string): readonly string[] {
  return modelVersion.startsWith('2.') ? ['Initial', 'Foundational', 'Advanced', 'Managed', 'Optimized'] : ['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized'];
}

/** Builds the answers file for a report; the result validates against AnswersFile (model/answers.ts). */
export function answersFromReport(report: PrefillReport): AnswersOutput {
  const names = levelNamesOf(report.model.version);
  const scope: Record<string, { notApplicable: string }> = {};
  const requirements: Record<string, Record<string, unknown>> = {};
  const categories: Record<string, number> = {};
  const comments = new Map<string, string>();
  const counts = { manual: 0, merged: 0, automated: 0, drafts: 0, notApplicable: 0 };

  const scoped = scopedOutCategories(report);
  for (const c of Object.values(report.assessment.categories)) {
    const reason = scoped.get(c.id110);
    if (reason !== undefined) scope[c.id] = { notApplicable: reason };
  }

  if (report.assessment.kind === 'self-assessment') {
    for (const c of Object.values(report.assessment.categories)) if (c.status === 'scored' && c.level >= 1) categories[c.id] = c.level;
  } else {
    for (const r of Object.values(report.assessment.requirements)) {
      if (r.source === 'not-applicable') {
        if (scoped.has(r.ref110.split('.')[0]!)) continue;
        requirements[r.ref] = { notApplicable: r.notApplicable ?? 'not applicable' };
        counts.notApplicable++;
        continue;
      }
      const t = requirementText(r, report, names);
      const entry: Record<string, unknown> = {};
      if (r.level !== undefined && r.source !== 'unanswered') entry.level = r.level;
      if (t.notes !== '') entry.notes = t.notes;
      const evidence = t.evidence === '' ? [] : t.evidence.split('\n').filter((e) => e.trim() !== '');
      if (evidence.length > 0) entry.evidence = evidence;
      if (Object.keys(entry).length === 0) continue;
      requirements[r.ref] = entry;
      if (r.source === 'automated') {
        counts.automated++;
        comments.set(r.ref, ` automated level ${r.level ?? '?'} from assessors: a person must confirm it`);
      } else if (r.source === 'unanswered' && r.draftLevel !== undefined) {
        counts.drafts++;
        comments.set(r.ref, ` DRAFT level ${r.draftLevel} suggested by evidence: not an answer; enter a level to answer`);
      } else if (r.source === 'manual') counts.manual++;
      else if (r.source === 'merged') counts.merged++;
    }
  }

  const answers = report.answers;
  const isDate = (value: string | undefined): value is string => value !== undefined && excelSerialDate(value) !== undefined;
  const assessor = answers?.assessor === undefined || answers.assessor.trim() === '' ? undefined : answers.assessor;
  const file = {
    model: report.model.version,
    ...(answers?.organisation === undefined ? {} : { organisation: answers.organisation }),
    ...(assessor === undefined
      ? {}
      : {
          assessor: {
            name: assessor,
            ...(answers?.assessorType === undefined ? {} : { type: answers.assessorType }),
            ...(answers?.assessorOrganisation === undefined ? {} : { organisation: answers.assessorOrganisation }),
          },
        }),
    ...(isDate(answers?.date) ? { date: answers.date } : {}),
    ...(isDate(answers?.finishDate) ? { finishDate: answers.finishDate } : {}),
    ...(answers?.useCase === undefined ? {} : { useCase: answers.useCase }),
    scope,
    requirements,
    categories,
  };
  // The output must be a valid answers file; a failure here is a bug, not a user error.
  AnswersFile.parse(file);

  const doc = new Document(file);
  doc.commentBefore =
    ` Answers pre-filled by pkimm-scan ${report.tool.version} from the report of ${report.generatedAt} (model ${report.model.version}).\n` +
    ' Levels marked "automated" come from assessors alone: a person must confirm them before they count as answers.\n' +
    ' DRAFT levels are suggestions from evidence, kept in notes only; enter a level to answer those requirements.';
  const node = doc.get('requirements', true);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const comment = comments.get(String(pair.key.value));
      if (comment !== undefined) pair.key.commentBefore = comment;
    }
  }
  const lines = [
    report.assessment.kind === 'self-assessment'
      ? `answers: ${Object.keys(categories).length} category level(s), ${Object.keys(scope).length} category(ies) out of scope (model ${report.model.version})`
      : `answers: ${counts.manual + counts.merged} answered level(s) kept, ${counts.automated} automated level(s) marked for confirmation, ` +
        `${counts.drafts} draft level(s) in notes only, ${Object.keys(scope).length} category(ies) and ${counts.notApplicable} requirement(s) not applicable (model ${report.model.version})`,
  ];
  return { yaml: doc.toString({ lineWidth: 0 }), lines };
}
