// The cell map of the official PKI Maturity Assessment Tool v240318 (pkimm-analysis.md §3.1–3.4): where each Excel
// category and requirement lives on the Overview, Scoping and Assessment sheets. Facts only (sheet names, cell
// positions, the exact values of the workbook's validation lists); no model text.
import { findCategory, REQUIREMENT_MAP } from '../../model/pkimm/version-map.js';

/** Sheet names. */
export const ASSESSMENT_SHEETS = { overview: 'Overview', scoping: 'Scoping', assessment: 'Assessment' } as const;

/** Sheets whose presence identifies the assessment workbook. */
export const ASSESSMENT_MARKER_SHEETS: readonly string[] = ['Overview', 'Scoping', 'Assessment', 'Evaluation', 'tech', 'source'];

/** The workbook's level names (validation list tech!A13:A17), levels 1–5; the 2.0 draft's "Foundational" is "Basic" here. */
export const WORKBOOK_LEVEL_NAMES: readonly string[] = ['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized'];

/** Scope values (validation list tech!A4:A5). */
export const SCOPE_IN = 'IN';
/** Scope value for "not applicable". */
export const SCOPE_OUT = 'OUT OF';

/** One Excel category: its Scoping row (category scope F, reason L, first requirement K) and Assessment rows. */
export interface ExcelCategory {
  /** Excel id, e.g. "2.2". */
  readonly excel: string;
  /** Model 1.1.0 category id. */
  readonly id110: string;
  readonly scopingRow: number;
  /** Row of the category header cells B (scope flag), E (weight) and N (displayed level). */
  readonly headerRow: number;
  /** Assessment row of the category's first requirement. */
  readonly firstRequirementRow: number;
}

/** One Excel requirement with its rows. */
export interface ExcelRequirement {
  /** Excel id with its trailing dot, e.g. "2.2.4.". */
  readonly excel: string;
  readonly ref110: string;
  readonly category: ExcelCategory;
  /** Assessment row: level I, notes J, evidence L, N/A flag F, weighted score N, status O. */
  readonly row: number;
  /** Scoping row of its scope cell K. */
  readonly scopingRow: number;
}

const CATEGORY_ROWS: readonly (readonly [excel: string, scopingRow: number, headerRow: number, firstRequirementRow: number])[] = [
  ['1.1', 10, 13, 16],
  ['1.2', 16, 24, 27],
  ['1.3', 22, 35, 38],
  ['1.4', 28, 46, 49],
  ['2.1', 34, 62, 65],
  ['2.2', 40, 73, 76],
  ['2.3', 47, 85, 88],
  ['2.4', 53, 96, 99],
  ['3.1', 59, 112, 115],
  ['3.2', 65, 123, 126],
  ['3.3', 71, 134, 137],
  ['3.4', 77, 145, 148],
  ['4.1', 83, 161, 164],
  ['4.2', 87, 170, 173],
  ['4.3', 92, 180, 183],
];

/** The 15 Excel categories in workbook order. */
export const EXCEL_CATEGORIES: readonly ExcelCategory[] = CATEGORY_ROWS.map(([excel, scopingRow, headerRow, firstRequirementRow]) => {
  const mapping = findCategory(excel, 'excel');
  if (mapping === undefined) throw new Error(`version map lacks Excel category ${excel}`);
  return { excel, id110: mapping.id110, scopingRow, headerRow, firstRequirementRow };
});

/** The 72 Excel requirements in workbook order. */
export const EXCEL_REQUIREMENTS: readonly ExcelRequirement[] = EXCEL_CATEGORIES.flatMap((category) =>
  REQUIREMENT_MAP.filter((m) => m.excel !== undefined && m.excel.startsWith(`${category.excel}.`))
    .map((m) => ({ excel: m.excel!, ref110: m.ref110, index: Number(m.excel!.split('.')[2]) }))
    .sort((a, b) => a.index - b.index)
    .map(({ excel, ref110, index }) => ({ excel, ref110, category, row: category.firstRequirementRow + index - 1, scopingRow: category.scopingRow + index - 1 })),
);

/** Modules: displayed level (TRUNC) and raw value cells, and their categories. */
export const EXCEL_MODULES: readonly { readonly id: string; readonly levelCell: string; readonly rawCell: string; readonly categories: readonly string[] }[] = [
  { id: 'G', levelCell: 'N9', rawCell: 'N10', categories: ['1.1', '1.2', '1.3', '1.4'] },
  { id: 'M', levelCell: 'N58', rawCell: 'N59', categories: ['2.1', '2.2', '2.3', '2.4'] },
  { id: 'O', levelCell: 'N108', rawCell: 'N109', categories: ['3.1', '3.2', '3.3', '3.4'] },
  { id: 'R', levelCell: 'N157', rawCell: 'N158', categories: ['4.1', '4.2', '4.3'] },
];

/** Overall level (TRUNC) and raw value cells. */
export const EXCEL_OVERALL = { levelCell: 'N6', rawCell: 'N7' } as const;

/** Overview input cells (§3.2). */
export const OVERVIEW_CELLS = {
  useCase: 'D5',
  company: 'D6',
  startDate: 'D7',
  targetDate: 'D8',
  finishDate: 'D9',
  assessorPosition: 'L5',
  assessorCompany: 'L6',
  assessorName: 'L7',
} as const;

/** The correct requirement N/A formula of an Assessment F cell, in the workbook's own style (§2.5.1). */
export function notApplicableFormula(scopingRow: number): string {
  return `IF(Scoping!K${scopingRow}=tech!$A$5,tech!$B$9,"")`;
}

/** The Scoping row an Assessment F formula reads, or undefined when the cell has no such formula. */
export function scopingRowRead(formula: string | undefined): number | undefined {
  const match = formula === undefined ? null : /Scoping!\$?K\$?(\d+)\b/.exec(formula);
  return match === null ? undefined : Number(match[1]);
}

/** Days since 1899-12-30: the cell value of a date in Excel's 1900 date system, or undefined for a malformed date. */
export function excelSerialDate(isoDate: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) return undefined;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const check = new Date(time);
  if (check.getUTCMonth() !== Number(match[2]) - 1 || check.getUTCDate() !== Number(match[3])) return undefined;
  return Math.round((time - Date.UTC(1899, 11, 30)) / 86_400_000);
}
