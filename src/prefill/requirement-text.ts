// The notes and evidence text every prefill output writes for one requirement: the person's own notes and evidence
// first, then what pkimm-scan contributed, each line starting with "pkimm-scan" so a reader can tell them apart.
// Automated levels are marked for confirmation; draft levels are named as drafts and are never written as a level.
import type { PrefillReport, PrefillRequirement } from './prefill-report.js';

/** Notes and evidence for one requirement, plus whether a person must confirm something the tool filled in. */
export interface RequirementText {
  readonly notes: string;
  readonly evidence: string;
  /** True when the level came from assessors alone, or a draft, a cap or a conflict needs a person's attention. */
  readonly needsReview: boolean;
  /** One line saying what to review (empty when nothing needs review). */
  readonly reviewNote: string;
}

/** Bounds that keep a cell or field readable. */
export interface TextLimits {
  readonly maxNotesChars: number;
  readonly maxEvidenceChars: number;
  readonly maxReasons: number;
  readonly maxEvidenceIds: number;
}

/** Default bounds: well under Excel's 32,767-character cells and the answers file's 4,000-character notes. */
export const DEFAULT_TEXT_LIMITS: TextLimits = { maxNotesChars: 3_900, maxEvidenceChars: 3_900, maxReasons: 5, maxEvidenceIds: 10 };

/** Cuts text to a length, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function levelName(level: number, names: readonly string[]): string {
  return `${level} (${names[level - 1] ?? '?'})`;
}

/** Builds the notes and evidence text for one requirement; `levelNames` are the target tool's names for levels 1–5. */
export function requirementText(
  r: PrefillRequirement,
  report: Pick<PrefillReport, 'generatedAt' | 'tool'>,
  levelNames: readonly string[],
  limits: TextLimits = DEFAULT_TEXT_LIMITS,
): RequirementText {
  const notes: string[] = [];
  const review: string[] = [];
  const own = r.answer?.notes?.trim();
  if (own !== undefined && own !== '') notes.push(own);
  const auto = r.automated;
  const assessors = auto === undefined || auto.assessors.length === 0 ? 'the assessors' : auto.assessors.join(', ');

  if (r.source === 'automated' && r.level !== undefined) {
    notes.push(`pkimm-scan: automated level ${levelName(r.level, levelNames)} from ${assessors}; a person must confirm it.`);
    review.push(`automated level ${r.level}: confirm`);
  } else if (r.source === 'merged' && r.level !== undefined && r.answer?.level !== undefined && r.answer.level !== r.level) {
    notes.push(`pkimm-scan: answered ${r.answer.level}, counted ${r.level} because evidence caps it.`);
  } else if (r.source === 'unanswered' && r.draftLevel !== undefined) {
    notes.push(`pkimm-scan: DRAFT level ${levelName(r.draftLevel, levelNames)} suggested by ${assessors}; not scored until a person enters a level.`);
    review.push(`draft level ${r.draftLevel}: enter a level`);
  } else if (r.source === 'unanswered' && auto?.cap !== undefined) {
    notes.push(`pkimm-scan: evidence caps this requirement at level ${levelName(auto.cap, levelNames)}; not answered yet.`);
    review.push(`capped at ${auto.cap}: enter a level`);
  } else if (r.source === 'unanswered' && auto?.insufficient === true) {
    notes.push(`pkimm-scan: ${assessors} looked, but the evidence was too thin to say anything.`);
  }
  for (const conflict of r.conflicts) {
    notes.push(`pkimm-scan conflict (${conflict.kind}): ${conflict.message}`);
    review.push(`conflict: ${conflict.kind}`);
  }
  if (r.source !== 'not-applicable' && auto !== undefined && auto.reasons.length > 0 && (r.source !== 'manual' || r.conflicts.length > 0)) {
    const shown = auto.reasons.slice(0, limits.maxReasons).map((reason) => reason.text.trim());
    const more = auto.reasons.length > shown.length ? ` (+${auto.reasons.length - shown.length} more)` : '';
    notes.push(`pkimm-scan reasons: ${shown.join('; ')}${more}`);
  }

  const evidence: string[] = [...(r.answer?.evidence ?? [])];
  if (r.source !== 'not-applicable' && auto !== undefined && auto.evidenceIds.length > 0) {
    const ids = auto.evidenceIds.slice(0, limits.maxEvidenceIds);
    const more = auto.evidenceIds.length > ids.length ? ` (+${auto.evidenceIds.length - ids.length} more)` : '';
    evidence.push(`pkimm-scan report of ${report.generatedAt} (pkimm-scan ${report.tool.version}), ${auto.evidenceIds.length} evidence item(s): ${ids.join(', ')}${more}`);
  }

  return {
    notes: clip(notes.join('\n'), limits.maxNotesChars),
    evidence: clip(evidence.join('\n'), limits.maxEvidenceChars),
    needsReview: review.length > 0,
    reviewNote: review.length === 0 ? '' : `pkimm-scan: ${review.join('; ')}`,
  };
}
