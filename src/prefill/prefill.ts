// Entry point of the workbook prefill: opens an official PKIMM workbook, tells which one it is by its sheets, fills
// it from a report and returns the new file's bytes (edited parts re-deflated, every other part byte-identical).
import { ConfigError } from '../errors.js';
import { ASSESSMENT_MARKER_SHEETS } from './assessment-layout.js';
import { prefillAssessmentWorkbook, type AssessmentPrefillOptions, type PrefillSummary } from './prefill-assessment.js';
import type { PrefillReport } from './prefill-report.js';
import { prefillSelfAssessmentWorkbook, SELF_ASSESSMENT_MARKER_SHEETS } from './prefill-self-assessment.js';
import { Workbook } from './workbook.js';

/** Which official workbook a file is. */
export type WorkbookKind = 'assessment' | 'self-assessment';

/** The filled workbook and what was done. */
export interface PrefillWorkbookResult extends PrefillSummary {
  readonly kind: WorkbookKind;
  readonly bytes: Uint8Array;
  /** Package parts that changed (every other part is copied byte for byte). */
  readonly editedParts: readonly string[];
}

/** Tells the assessment workbook from the self-assessment workbook by their sheets; throws ConfigError for neither. */
export function detectWorkbookKind(workbook: Workbook): WorkbookKind {
  const names = new Set(workbook.sheetNames);
  if (ASSESSMENT_MARKER_SHEETS.every((s) => names.has(s))) return 'assessment';
  if (SELF_ASSESSMENT_MARKER_SHEETS.every((s) => names.has(s))) return 'self-assessment';
  throw new ConfigError(
    `${workbook.source}: neither the PKI Maturity Assessment Tool (sheets ${ASSESSMENT_MARKER_SHEETS.join(', ')}) nor the Self-Assessment Tool ` +
      `(sheets ${SELF_ASSESSMENT_MARKER_SHEETS.join(', ')}); it has ${workbook.sheetNames.length === 0 ? 'no sheets' : `sheets ${workbook.sheetNames.join(', ')}`}`,
    workbook.source,
  );
}

/** Fills an official workbook (given as file bytes) from a report; throws ConfigError for unusable input. */
export function prefillWorkbook(bytes: Uint8Array, source: string, report: PrefillReport, options: AssessmentPrefillOptions = {}): PrefillWorkbookResult {
  const workbook = Workbook.open(bytes, source);
  const kind = detectWorkbookKind(workbook);
  const useCase = options.useCase ?? report.answers?.useCase;
  const summary =
    kind === 'assessment'
      ? prefillAssessmentWorkbook(workbook, report, options)
      : prefillSelfAssessmentWorkbook(workbook, report, useCase === undefined ? {} : { useCase });
  if (kind === 'self-assessment' && options.repairNaWiring === true) {
    return { ...summary, warnings: [...summary.warnings, '--repair-na-wiring applies to the assessment workbook only; ignored'], kind, bytes: workbook.save(), editedParts: workbook.editedParts };
  }
  return { ...summary, kind, bytes: workbook.save(), editedParts: workbook.editedParts };
}
