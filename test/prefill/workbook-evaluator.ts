// Evaluates a workbook's own formulas with fast-formula-parser, so tests can check what Excel will compute from the
// cells a prefill wrote. Formulas are evaluated lazily, on demand, from the stored formula text (cached values of
// formula cells are ignored); shared formulas are expanded by shifting their relative references; ranges are
// evaluated top to bottom so row-by-row chains stay shallow. Excel semantics the parser lacks are in excel-functions.ts.
import FormulaParser from 'fast-formula-parser';
import { cellFormula, cellRef, cellValue, parseRef } from '../../src/prefill/sheet-xml.js';
import type { Workbook } from '../../src/prefill/workbook.js';
import { EXCEL_FUNCTIONS, installExcelComparison, isExcelError, type ExcelArray, type ExcelScalar } from './excel-functions.js';

installExcelComparison();

interface CellModel {
  readonly value: ExcelScalar;
  readonly formula?: string;
}

interface SheetModel {
  readonly name: string;
  readonly cells: ReadonlyMap<string, CellModel>;
  readonly maxRow: number;
  readonly maxCol: number;
}

const REFERENCE = /(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;

/** Applies `fn` to the parts of a formula outside string literals. */
function outsideStrings(formula: string, fn: (code: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : fn(part)))
    .join('');
}

/** Moves the relative references of a shared formula from its anchor cell to another cell. */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  return outsideStrings(formula, (code) =>
    code.replace(REFERENCE, (whole, colAbs: string, letters: string, rowAbs: string, row: string) => {
      const { col } = parseRef(`${letters}1`);
      const newCol = colAbs === '$' ? col : col + cols;
      const newRow = rowAbs === '$' ? Number(row) : Number(row) + rows;
      if (newCol < 1 || newRow < 1) return whole;
      const shifted = cellRef(newCol, newRow).match(/^([A-Z]+)(\d+)$/)!;
      return `${colAbs}${shifted[1]!}${rowAbs}${shifted[2]!}`;
    }),
  );
}

/** Removes the `_xlfn.` / `_xlws.` prefixes Excel stores before newer function names. */
function normalizeFormula(formula: string): string {
  return outsideStrings(formula, (code) => code.replace(/_xlfn\.|_xlws\./g, ''));
}

function toScalar(value: ReturnType<typeof cellValue>): ExcelScalar {
  switch (value.kind) {
    case 'empty':
      return null;
    case 'error':
      return new FormulaParser.FormulaError(value.value);
    default:
      return value.value;
  }
}

function loadSheet(workbook: Workbook, name: string): SheetModel {
  const spans = workbook.cells(name);
  const anchors = new Map<string, { text: string; row: number; col: number }>();
  for (const span of spans.values()) {
    const f = cellFormula(span);
    if (f?.attributes.t === 'shared' && f.attributes.ref !== undefined && f.attributes.si !== undefined && f.text !== '') {
      anchors.set(f.attributes.si, { text: f.text, ...parseRef(span.ref) });
    }
  }
  const cells = new Map<string, CellModel>();
  let maxRow = 0;
  let maxCol = 0;
  for (const span of spans.values()) {
    const { row, col } = parseRef(span.ref);
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, col);
    const f = cellFormula(span);
    let formula = f?.text;
    if (f?.attributes.t === 'shared' && f.attributes.si !== undefined) {
      const anchor = anchors.get(f.attributes.si);
      if (anchor === undefined) throw new Error(`${name}!${span.ref}: shared formula ${f.attributes.si} has no anchor`);
      formula = shiftFormula(anchor.text, row - anchor.row, col - anchor.col);
    }
    const value = toScalar(cellValue(span, workbook.sharedStrings));
    cells.set(span.ref, formula === undefined || formula === '' ? { value } : { value, formula: normalizeFormula(formula) });
  }
  return { name, cells, maxRow, maxCol };
}

/** Whether a resolved function argument is a blank cell (not an omitted argument). */
function isBlankArgument(a: unknown): a is { value: null; omitted?: boolean } {
  return typeof a === 'object' && a !== null && 'value' in a && a.value === null && !('omitted' in a && a.omitted === true);
}

/** Lazy evaluator over all sheets of a workbook. */
export class WorkbookEvaluator {
  private readonly sheets = new Map<string, SheetModel>();
  private readonly memo = new Map<string, ExcelScalar>();
  private readonly inProgress = new Set<string>();
  private readonly parsers: FormulaParser[] = [];
  private depth = 0;

  constructor(private readonly workbook: Workbook) {}

  /** The value Excel would compute for a cell (a constant, or its formula evaluated). */
  value(sheet: string, ref: string): ExcelScalar {
    const model = this.sheet(sheet);
    if (model === undefined) return FormulaParser.FormulaError.REF;
    const key = `${model.name}!${ref}`;
    const known = this.memo.get(key);
    if (known !== undefined || this.memo.has(key)) return known ?? null;
    const cell = model.cells.get(ref);
    if (cell?.formula === undefined) return cell?.value ?? null;
    if (this.inProgress.has(key)) throw new Error(`circular reference at ${key}`);
    this.inProgress.add(key);
    try {
      const { row, col } = parseRef(ref);
      const result = this.evaluate(cell.formula, { sheet: model.name, row, col });
      // A formula that ends in a reference to a blank cell shows 0, as in Excel.
      const value = (Array.isArray(result) ? (result as ExcelArray)[0]?.[0] : (result as ExcelScalar)) ?? 0;
      this.memo.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** Evaluates a formula as if it were entered in `at` (a formula of the workbook, or an ad-hoc one). */
  formula(formula: string, at: { sheet: string; row: number; col: number }): ExcelScalar {
    const result = this.evaluate(normalizeFormula(formula), at);
    return Array.isArray(result) ? ((result as ExcelArray)[0]?.[0] ?? null) : (result as ExcelScalar);
  }

  /** The stored formula of a cell after shared-formula expansion, if it has one. */
  formulaOf(sheet: string, ref: string): string | undefined {
    return this.sheet(sheet)?.cells.get(ref)?.formula;
  }

  /** Every cell reference of a sheet that holds a formula. */
  formulaCells(sheet: string): string[] {
    return [...(this.sheet(sheet)?.cells ?? new Map<string, CellModel>()).entries()].filter(([, c]) => c.formula !== undefined).map(([ref]) => ref);
  }

  private sheet(name: string | undefined): SheetModel | undefined {
    if (name === undefined) return undefined;
    const actual = this.workbook.sheetNames.find((n) => n.toLowerCase() === name.toLowerCase());
    if (actual === undefined) return undefined;
    let model = this.sheets.get(actual);
    if (model === undefined) {
      model = loadSheet(this.workbook, actual);
      this.sheets.set(actual, model);
    }
    return model;
  }

  private evaluate(formula: string, at: { sheet: string; row: number; col: number }): unknown {
    if (this.depth > 400) throw new Error(`formula nesting too deep at ${at.sheet}!${cellRef(at.col, at.row)}`);
    // One parser per nesting depth: the parser keeps per-call state, so a nested evaluation needs its own.
    const parser = (this.parsers[this.depth] ??= this.newParser());
    this.depth++;
    try {
      return parser.parse(formula, at, true);
    } finally {
      this.depth--;
    }
  }

  private newParser(): FormulaParser {
    const parser = new FormulaParser({
      functions: EXCEL_FUNCTIONS,
      onCell: (ref) => this.value(ref.sheet ?? '', cellRef(ref.col, ref.row)),
      onRange: (ref) => {
        const model = this.sheet(ref.sheet);
        if (model === undefined) return [[FormulaParser.FormulaError.REF]];
        const lastRow = Math.min(ref.to.row, Math.max(model.maxRow, ref.from.row));
        const lastCol = Math.min(ref.to.col, Math.max(model.maxCol, ref.from.col));
        const out: ExcelScalar[][] = [];
        for (let row = ref.from.row; row <= lastRow; row++) {
          const values: ExcelScalar[] = [];
          for (let col = ref.from.col; col <= lastCol; col++) values.push(this.value(model.name, cellRef(col, row)));
          out.push(values);
        }
        return out;
      },
    });
    // Excel passes a blank cell to a function as "" (text functions) or 0 (numeric ones); the parser passes null, which
    // its own argument handling turns into "[object Object]". Substitute the blank value before each call.
    for (const [name, fn] of Object.entries(parser.functions)) {
      if (parser.funsPreserveRef.includes(name) || parser.funsNeedContextAndNoDataRetrieve.includes(name)) continue;
      const blank = parser.funsNullAs0.includes(name) ? 0 : '';
      parser.functions[name] = (...args: unknown[]) => fn(...args.map((a) => (isBlankArgument(a) ? { ...a, value: blank } : a)));
    }
    return parser;
  }
}

/** Whether an evaluated value is an Excel error with the given code (e.g. "#DIV/0!"). */
export function isErrorValue(value: ExcelScalar, code: string): boolean {
  return isExcelError(value) && value.error === code;
}
