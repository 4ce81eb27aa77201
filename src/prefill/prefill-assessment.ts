// Pre-fills the official PKI Maturity Assessment Tool v240318 from a report (pkimm-analysis.md §3): requirement levels,
// notes and evidence on Assessment, scope and reasons on Scoping, metadata on Overview. Only those input cells (and,
// with repairNaWiring, the mis-wired Assessment!F formulas of quirk Q21) change; the workbook recalculates on open.
import { REQUIREMENT_MAP } from '../../model/pkimm/version-map.js';
import { ConfigError } from '../errors.js';
import {
  ASSESSMENT_SHEETS,
  EXCEL_CATEGORIES,
  EXCEL_REQUIREMENTS,
  excelSerialDate,
  notApplicableFormula,
  OVERVIEW_CELLS,
  SCOPE_IN,
  SCOPE_OUT,
  scopingRowRead,
  WORKBOOK_LEVEL_NAMES,
  type ExcelRequirement,
} from './assessment-layout.js';
import { categoriesBy110, describeRequirement, requirementsBy110, scopedOutCategories, type PrefillReport, type PrefillRequirement } from './prefill-report.js';
import { requirementText } from './requirement-text.js';
import { cellFormula, type CellContent, type CellEdit } from './sheet-xml.js';
import type { Workbook } from './workbook.js';

/** Options of an assessment-workbook prefill. */
export interface AssessmentPrefillOptions {
  /** Rewrite the Assessment!F formulas that read the wrong Scoping cell (quirk Q21). Off by default. */
  readonly repairNaWiring?: boolean;
  /** Use-case name for Overview!D5 (the report has none). */
  readonly useCase?: string;
}

/** What a prefill did, for the command output. */
export interface PrefillSummary {
  /** One line per fact: what was written. */
  readonly lines: readonly string[];
  /** What a person must look at: things not placed, defects, kept sample values. */
  readonly warnings: readonly string[];
}

const text = (value: string): CellContent => (value === '' ? { kind: 'empty' } : { kind: 'string', text: value });

function listOf(items: readonly string[], max = 12): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Checks that the workbook has the v240318 layout this module writes into; throws ConfigError otherwise. */
function verifyLayout(workbook: Workbook): void {
  const { assessment, scoping, overview } = ASSESSMENT_SHEETS;
  for (const r of EXCEL_REQUIREMENTS) {
    const id = workbook.value(assessment, `C${r.row}`);
    if (id.kind !== 'string' || id.value.trim() !== r.excel) {
      const found = id.kind === 'empty' ? 'nothing' : `"${String(id.value)}"`;
      throw new ConfigError(`${workbook.source}: Assessment!C${r.row} holds ${found}, expected requirement ${r.excel}: not the v240318 assessment layout`, workbook.source);
    }
  }
  const inputs: [string, string][] = [
    ...EXCEL_REQUIREMENTS.flatMap((r): [string, string][] => [
      [assessment, `I${r.row}`],
      [assessment, `J${r.row}`],
      [assessment, `L${r.row}`],
      [scoping, `K${r.scopingRow}`],
    ]),
    ...EXCEL_CATEGORIES.flatMap((c): [string, string][] => [
      [scoping, `F${c.scopingRow}`],
      [scoping, `L${c.scopingRow}`],
    ]),
    ...Object.values(OVERVIEW_CELLS).map((ref): [string, string] => [overview, ref]),
  ];
  for (const [sheet, ref] of inputs) {
    const cell = workbook.cells(sheet).get(ref);
    if (cell !== undefined && cellFormula(cell) !== undefined) {
      throw new ConfigError(`${workbook.source}: ${sheet}!${ref} holds a formula where the v240318 layout has an input cell`, workbook.source);
    }
  }
}

function levelContent(r: PrefillRequirement | undefined): CellContent {
  if (r === undefined || r.source === 'not-applicable' || r.source === 'unanswered' || r.level === undefined) return { kind: 'empty' };
  return { kind: 'string', text: WORKBOOK_LEVEL_NAMES[r.level - 1]! };
}

/** Pre-fills an opened assessment workbook in place (pending edits on `workbook`) and says what it did. */
export function prefillAssessmentWorkbook(workbook: Workbook, report: PrefillReport, options: AssessmentPrefillOptions = {}): PrefillSummary {
  if (report.assessment.kind !== 'full') {
    throw new ConfigError(
      `${workbook.source}: the report holds a self-assessment (a level per category); the assessment workbook needs requirement levels: use the Self-Assessment Tool workbook instead`,
      workbook.source,
    );
  }
  verifyLayout(workbook);
  const lines: string[] = [];
  const warnings: string[] = [];
  const requirements = requirementsBy110(report);
  const categories = categoriesBy110(report);
  const scoped = scopedOutCategories(report);
  const assessmentEdits: CellEdit[] = [];
  const scopingEdits: CellEdit[] = [];

  // Scope: whole categories first (a category whose requirements are all N/A is scoped out as a whole: the
  // workbook would divide by zero otherwise, quirk Q5), then single requirements with their reasons.
  const categoriesOut: string[] = [];
  const requirementsOut: ExcelRequirement[] = [];
  for (const category of EXCEL_CATEGORIES) {
    const members = EXCEL_REQUIREMENTS.filter((r) => r.category === category);
    const views = members.map((r) => requirements.get(r.ref110));
    const result = categories.get(category.id110);
    const allOut = views.length > 0 && views.every((v) => v?.source === 'not-applicable');
    const out = result?.status === 'not-applicable' || allOut;
    const reasons: string[] = [];
    if (out) {
      categoriesOut.push(category.excel);
      const explicit = scoped.get(category.id110);
      if (explicit !== undefined) reasons.push(explicit);
      else {
        members.forEach((m, i) => reasons.push(`${m.excel} ${views[i]?.notApplicable ?? 'not applicable'}`));
        warnings.push(`Excel category ${category.excel}: every requirement is N/A, so the whole category is scoped out (Scoping!F${category.scopingRow}); scoping all its requirements instead makes the workbook divide by zero (quirk Q5)`);
      }
    } else {
      members.forEach((m, i) => {
        const v = views[i];
        if (v?.source !== 'not-applicable') return;
        requirementsOut.push(m);
        reasons.push(`${m.excel} ${v.notApplicable ?? 'not applicable'}`);
      });
    }
    scopingEdits.push({ ref: `F${category.scopingRow}`, content: text(out ? SCOPE_OUT : SCOPE_IN) });
    scopingEdits.push({ ref: `L${category.scopingRow}`, content: text(reasons.join('\n')) });
  }
  for (const r of EXCEL_REQUIREMENTS) scopingEdits.push({ ref: `K${r.scopingRow}`, content: text(requirementsOut.includes(r) ? SCOPE_OUT : SCOPE_IN) });

  // Levels, notes and evidence.
  let levels = 0;
  const automated: string[] = [];
  const drafts: string[] = [];
  const unanswered: string[] = [];
  const missing: string[] = [];
  for (const r of EXCEL_REQUIREMENTS) {
    const view = requirements.get(r.ref110);
    const level = levelContent(view);
    assessmentEdits.push({ ref: `I${r.row}`, content: level });
    if (view === undefined) {
      missing.push(r.excel);
      assessmentEdits.push({ ref: `J${r.row}`, content: { kind: 'empty' } }, { ref: `L${r.row}`, content: { kind: 'empty' } });
      continue;
    }
    const t = view.source === 'not-applicable' ? { notes: '', evidence: '' } : requirementText(view, report, WORKBOOK_LEVEL_NAMES);
    assessmentEdits.push({ ref: `J${r.row}`, content: text(t.notes) }, { ref: `L${r.row}`, content: text(t.evidence) });
    if (level.kind === 'string') levels++;
    if (view.source === 'automated') automated.push(r.excel);
    if (view.source === 'unanswered') {
      unanswered.push(r.excel);
      if (view.draftLevel !== undefined) drafts.push(r.excel);
    }
  }

  const wiring = notApplicableWiring(workbook, options.repairNaWiring === true, requirementsOut, assessmentEdits);

  const changedAssessment = workbook.edit(ASSESSMENT_SHEETS.assessment, assessmentEdits);
  const changedScoping = workbook.edit(ASSESSMENT_SHEETS.scoping, scopingEdits);
  const overview = prefillOverview(workbook, report, options.useCase);

  lines.push(`workbook: PKI Maturity Assessment Tool (v240318 layout; model 1.0.0 content, Excel numbering); report model ${report.model.version}, ${report.assessment.mode} mode`);
  lines.push(
    `levels: ${levels} of ${EXCEL_REQUIREMENTS.length} written` +
      (automated.length > 0 ? ` (${automated.length} automated, marked for a person to confirm: ${listOf(automated)})` : '') +
      `; ${unanswered.length} unanswered left blank` +
      (drafts.length > 0 ? ` (draft levels in the notes of ${listOf(drafts)})` : ''),
  );
  lines.push(
    `scope: ${categoriesOut.length === 0 ? 'no category' : `categories ${categoriesOut.join(', ')}`} out of scope; ` +
      `${requirementsOut.length === 0 ? 'no single requirement' : `requirements ${listOf(requirementsOut.map((r) => r.excel))}`} N/A`,
  );
  lines.push(`cells changed: Assessment ${changedAssessment.length}, Scoping ${changedScoping.length}, Overview ${overview.changed.length}`);
  lines.push(...wiring.lines);
  lines.push('recalculation: set fullCalcOnLoad, so Excel 365 recomputes every formula when the file is opened (values cached in the file are stale until then)');
  if (unanswered.length > 0) warnings.push(`${unanswered.length} in-scope requirement(s) are unanswered: the workbook counts a blank level as 0 with its weight (quirk Q3); answer them or scope them out`);
  if (missing.length > 0) warnings.push(`the report's model ${report.model.version} has no counterpart of ${listOf(missing)}: left blank (counted as 0 unless answered or scoped out)`);
  const unplaced = REQUIREMENT_MAP.filter((m) => m.excel === undefined)
    .map((m) => ({ m, view: requirements.get(m.ref110) }))
    .filter(({ view }) => view !== undefined)
    .map(({ m, view }) => `${m.ref110} ${describeRequirement(view!)}`);
  if (unplaced.length > 0) {
    warnings.push(`not placed: the workbook has no slot for Cryptography (model 1.1.0 category 5): ${unplaced.join(', ')}; its overall level excludes Cryptography, so it differs from the report's`);
  }
  warnings.push(...wiring.warnings, ...overview.warnings);
  workbook.forceFullCalculationOnLoad();
  return { lines, warnings };
}

/** Finds (and, when asked, repairs) the requirement N/A cells that read the wrong Scoping row (quirk Q21, §2.5.1). */
function notApplicableWiring(workbook: Workbook, repair: boolean, requirementsOut: readonly ExcelRequirement[], edits: CellEdit[]): { lines: string[]; warnings: string[] } {
  const lines: string[] = [];
  const warnings: string[] = [];
  const reads = new Map<ExcelRequirement, number | undefined>();
  for (const r of EXCEL_REQUIREMENTS) {
    const cell = workbook.cells(ASSESSMENT_SHEETS.assessment).get(`F${r.row}`);
    reads.set(r, scopingRowRead(cell === undefined ? undefined : cellFormula(cell)?.text));
  }
  const miswired = EXCEL_REQUIREMENTS.filter((r) => reads.get(r) !== r.scopingRow);
  if (repair) {
    for (const r of miswired) {
      edits.push({ ref: `F${r.row}`, content: { kind: 'formula', formula: notApplicableFormula(r.scopingRow), cached: requirementsOut.includes(r) ? 'N/A' : '' } });
    }
    const changes = miswired.map((r) => {
      const before = reads.get(r);
      return `${r.excel} F${r.row} ${before === undefined ? 'had no formula' : `read K${before}`} → K${r.scopingRow}`;
    });
    lines.push(
      miswired.length === 0
        ? 'N/A wiring: every Assessment!F formula already reads its own Scoping row; nothing to repair'
        : `N/A wiring repaired (quirk Q21): ${miswired.length} Assessment!F formula(s) now read their own Scoping!K cell: ${changes.join('; ')}`,
    );
    return { lines, warnings };
  }
  const ignored = requirementsOut.filter((r) => miswired.includes(r));
  if (ignored.length > 0) {
    warnings.push(
      `N/A ignored by the workbook (quirk Q21): ${listOf(ignored.map((r) => r.excel))} are N/A, but their Assessment!F formula does not read their Scoping!K cell, ` +
        'so the workbook scores them as unanswered (0); run with --repair-na-wiring',
    );
  }
  for (const out of requirementsOut) {
    const victims = EXCEL_REQUIREMENTS.filter((r) => r !== out && reads.get(r) === out.scopingRow);
    if (victims.length > 0) {
      warnings.push(`Scoping!K${out.scopingRow} (${out.excel}) set to ${SCOPE_OUT} also marks ${victims.map((v) => v.excel).join(', ')} N/A in the unrepaired workbook (quirk Q21); run with --repair-na-wiring`);
    }
  }
  if (miswired.length > 0) lines.push(`N/A wiring: ${miswired.length} Assessment!F formula(s) read the wrong Scoping cell (quirk Q21), left as they are (--repair-na-wiring rewrites them)`);
  return { lines, warnings };
}

/** Writes the metadata the report has into Overview; keeps (and reports) the fields it has nothing for. */
function prefillOverview(workbook: Workbook, report: PrefillReport, useCase: string | undefined): { changed: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const edits: CellEdit[] = [];
  const kept: string[] = [];
  const answers = report.answers;
  const useCaseName = useCase ?? answers?.useCase;
  const fields: [keyof typeof OVERVIEW_CELLS, string, CellContent | undefined][] = [
    ['useCase', 'use-case name', useCaseName === undefined ? undefined : text(useCaseName)],
    ['company', 'company', answers?.organisation === undefined ? undefined : text(answers.organisation)],
    ['assessorName', "assessor's name", answers?.assessor === undefined ? undefined : text(answers.assessor)],
    ['startDate', 'starting date', undefined],
    ['targetDate', 'target date', undefined],
    ['finishDate', 'finish date', undefined],
    ['assessorPosition', "assessor's position", undefined],
    ['assessorCompany', 'assessor company', answers?.assessorOrganisation === undefined ? undefined : text(answers.assessorOrganisation)],
  ];
  const dates: [string | undefined, number, keyof typeof OVERVIEW_CELLS, string, string][] = [
    [answers?.date, 3, 'startDate', 'starting date', 'date'],
    [answers?.finishDate, 5, 'finishDate', 'finish date', 'finishDate'],
  ];
  for (const [value, index, key, label, field] of dates) {
    if (value === undefined) continue;
    const serial = excelSerialDate(value);
    if (serial === undefined) warnings.push(`Overview: the report's answers ${field} "${value}" is not a date (YYYY-MM-DD); ${label} not written`);
    else fields[index] = [key, label, { kind: 'number', value: serial }];
  }
  for (const [key, label, content] of fields) {
    const ref = OVERVIEW_CELLS[key];
    if (content !== undefined) edits.push({ ref, content });
    else if (workbook.value(ASSESSMENT_SHEETS.overview, ref).kind !== 'empty') kept.push(`${label} (${ref})`);
  }
  if (kept.length > 0) {
    warnings.push(`Overview: kept ${kept.join(', ')}: the report has nothing for them and the official template ships sample values there; check or clear them`);
  }
  return { changed: workbook.edit(ASSESSMENT_SHEETS.overview, edits), warnings };
}
