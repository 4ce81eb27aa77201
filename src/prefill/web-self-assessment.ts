// Writes the YAML file the PKI Consortium web self-assessment (pkic/self-assessment) imports on its Assessments tab:
// the `Assessment` record of src/types/types.ts as buildYAMLExportPayload exports it, read back by importYAMLFile
// (src/utils/storage.ts). The widget bundles model 2.0.0 by default (src/defaults/bundledData.ts), so keys are
// `${moduleId}.${categoryId}` and `${moduleId}.${categoryId}.${requirementId}` with the 2.0.0 slugs. Levels are integers
// 0–5 (0 = not assessed); N/A is `applicability: false`. Every row a person must check is `flagged` with a `flagNote`;
// `completed` is left unset. Notes and evidence are text only: the widget has no attachments for this model.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { findRequirement } from '../../model/pkimm/version-map.js';
import { levelNamesOf } from './answers-out.js';
import { categoriesBy110, describeRequirement, requirementsBy110, scopedOutCategories, type PrefillReport } from './prefill-report.js';
import { requirementText } from './requirement-text.js';

/** The model version the web self-assessment loads by default (DEFAULT_MODEL_VERSION in src/defaults/bundledData.ts). */
export const WEB_MODEL_VERSION = '2.0.0';

/** The highest state schema the widget reads (WIDGET_MAX_STATE_SCHEMA_VERSION in src/utils/stateSchema.ts). */
export const WEB_MAX_STATE_SCHEMA_VERSION = 2;

/** `LevelResult` labels of the widget for model 2.0.0 (src/enums/LevelResult.ts): -1 N/A, 0 not assessed, 1–5. */
export function webLevelResult(level: number, applicable: boolean): string {
  if (!applicable) return 'Not Applicable';
  if (level === 0) return 'Not Assessed';
  return `${level} - ${levelNamesOf(WEB_MODEL_VERSION)[level - 1] ?? ''}`;
}

interface WebRequirementProgress {
  level: number;
  applicability: boolean;
  applicabilityReason?: string;
  notes: string;
  evidence: string;
  flagged?: boolean;
  flagNote?: string;
  artifactIds?: string[];
  updatedAt: string;
}

interface WebProgressData {
  level: number;
  result: string;
  description: string;
  applicability: boolean;
  applicabilityReason?: string;
}

/** The web self-assessment YAML and what went into it. */
export interface WebSelfAssessmentOutput {
  readonly yaml: string;
  readonly lines: readonly string[];
  /** Requirements of the report with no counterpart in the web tool's model ("6.5 level 2 (manual)"). */
  readonly notPlaced: readonly string[];
}

/** A stable UUID (RFC 9562 version 8, from SHA-256) so re-importing a newer prefill of the same report offers Replace. */
function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Builds the web self-assessment import file for a report; `reportName` is how the report is named in the artifact. */
export function webSelfAssessmentFromReport(report: PrefillReport, reportName: string): WebSelfAssessmentOutput {
  const model = builtinModel(WEB_MODEL_VERSION);
  const requirements = requirementsBy110(report);
  const categories = categoriesBy110(report);
  const scoped = scopedOutCategories(report);
  const names = levelNamesOf(WEB_MODEL_VERSION);
  const stamp = report.generatedAt;
  const artifactId = 'pkimm-scan-report';

  const progress: Record<string, WebProgressData> = {};
  const requirementProgress: Record<string, WebRequirementProgress> = {};
  const byKey: Record<string, { moduleId: string; categoryName: string }> = {};
  let flagged = 0;
  let levels = 0;
  for (const category of model.categories) {
    const key = `${category.moduleId}.${category.id}`;
    byKey[key] = { moduleId: category.moduleId, categoryName: category.name };
    const result = categories.get(category.id110);
    const reason = scoped.get(category.id110);
    const selfLevel = report.assessment.kind === 'self-assessment' && result?.status === 'scored' ? result.level : 0;
    const applicable = reason === undefined && !(report.assessment.kind === 'self-assessment' && result?.status === 'not-applicable');
    progress[key] = {
      level: applicable ? selfLevel : 0,
      result: webLevelResult(applicable ? selfLevel : 0, applicable),
      description: '',
      applicability: applicable,
      ...(applicable ? {} : { applicabilityReason: reason ?? result?.notApplicable ?? 'not applicable' }),
    };
    if (report.assessment.kind !== 'full' || !applicable) continue;
    for (const requirement of category.requirements) {
      const view = requirements.get(requirement.ref110);
      if (view === undefined) continue;
      const id = `${key}.${requirement.id}`;
      if (view.source === 'not-applicable') {
        requirementProgress[id] = { level: 0, applicability: false, applicabilityReason: view.notApplicable ?? 'not applicable', notes: '', evidence: '', updatedAt: stamp };
        continue;
      }
      const t = requirementText(view, report, names);
      const level = view.source === 'unanswered' || view.level === undefined ? 0 : view.level;
      if (level === 0 && t.notes === '' && t.evidence === '') continue;
      if (level > 0) levels++;
      if (t.needsReview) flagged++;
      requirementProgress[id] = {
        level,
        applicability: true,
        notes: t.notes,
        evidence: t.evidence,
        ...(t.needsReview ? { flagged: true, flagNote: t.reviewNote } : {}),
        ...(view.automated !== undefined && view.automated.evidenceIds.length > 0 ? { artifactIds: [artifactId] } : {}),
        updatedAt: stamp,
      };
    }
  }
  const notPlaced = [...requirements.values()]
    .filter((r) => r.source !== 'unanswered' || r.draftLevel !== undefined)
    .filter((r) => findRequirement(r.ref110, '1.1.0')?.slug200 === undefined)
    .map((r) => `${r.ref110} ${describeRequirement(r)}`);

  const answers = report.answers;
  const organisation = answers?.organisation;
  const metadata = {
    ...(organisation === undefined ? {} : { organizationName: organisation }),
    ...(answers?.date === undefined ? {} : { startDate: answers.date }),
  };
  const hasV2Content = Object.keys(requirementProgress).length > 0 || Object.keys(metadata).length > 0;
  const title = `pkimm-scan pre-fill${organisation === undefined ? '' : ` - ${organisation}`} (${stamp.slice(0, 10)})`;
  const assessment = {
    stateSchemaVersion: hasV2Content ? WEB_MAX_STATE_SCHEMA_VERSION : 1,
    dataVersion: WEB_MODEL_VERSION,
    id: stableUuid(`pkimm-scan|${reportName}|${stamp}|${organisation ?? ''}`),
    name: title,
    assessmentName: organisation ?? '',
    assessorName: `${answers?.assessor ?? ''}${answers?.assessor === undefined ? '' : ' '}(pre-filled by pkimm-scan ${report.tool.version})`,
    useCaseDescription: '',
    enabledExtensions: [],
    ...metadata,
    lastView: report.assessment.kind === 'full' ? 'full' : 'self',
    progress,
    ...(Object.keys(requirementProgress).length === 0 ? {} : { requirementProgress }),
    workspace: {
      artifacts: [{ id: artifactId, title: 'pkimm-scan report', locator: reportName, notes: `generated ${stamp} by pkimm-scan ${report.tool.version} (model ${report.model.version}, ${report.assessment.mode} mode)` }],
    },
    sourceStructure: { byKey },
    meta: { createdAt: stamp, updatedAt: stamp },
  };
  // Every string is double-quoted: the widget reads the file with js-yaml, whose default schema turns an unquoted
  // 2026-11-22 into a Date object.
  const yaml = stringify(assessment, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  const lines = [
    `web self-assessment: model ${WEB_MODEL_VERSION} (the web tool's default), ${report.assessment.kind === 'full' ? `${levels} requirement level(s), ${flagged} row(s) flagged for a person to confirm` : 'category levels'}`,
  ];
  if (notPlaced.length > 0) lines.push(`not placed: model ${WEB_MODEL_VERSION} has no counterpart of ${notPlaced.join(', ')} (1.1.0 numbering; dropped in 2.0)`);
  return { yaml, lines, notPlaced };
}
