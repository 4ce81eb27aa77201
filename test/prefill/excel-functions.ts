// Excel semantics that fast-formula-parser lacks, for the workbook evaluator: the Excel 365 functions the official
// workbook uses (TEXTBEFORE, TEXTAFTER, TEXTJOIN, FILTER) plus SUBSTITUTE, and Excel's comparison rules (blank cells
// compare as "" / 0 / FALSE, text compares case-insensitively, a range compared with a value gives an array).
// Each function follows Microsoft's function reference for its arguments, defaults and error values.
import FormulaParser from 'fast-formula-parser';
import operators from 'fast-formula-parser/formulas/operators.js';

/** An Excel error value. */
export type ExcelError = InstanceType<typeof FormulaParser.FormulaError>;
/** A value a cell or a function can hold. */
export type ExcelScalar = number | string | boolean | null | ExcelError;
/** A 2-D array (rows of columns), as ranges and dynamic arrays are. */
export type ExcelArray = ExcelScalar[][];

const FormulaError = FormulaParser.FormulaError;
/** #CALC! (FILTER with nothing to return); not one of the parser's interned errors. */
export const CALC_ERROR: ExcelError = new FormulaError('#CALC!');

/** Whether a value is an Excel error. */
export function isExcelError(value: unknown): value is ExcelError {
  return value instanceof FormulaError;
}

interface Argument {
  readonly value: unknown;
  readonly omitted?: boolean;
}

function isArray2d(value: unknown): value is ExcelArray {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

/** The first element of an array argument, or the value itself (Excel's implicit intersection for scalars). */
function scalar(value: unknown): ExcelScalar {
  if (isArray2d(value)) return value[0]?.[0] ?? null;
  return value as ExcelScalar;
}

/** Text of a scalar the way Excel coerces it: blank → "", booleans → TRUE/FALSE; errors are thrown. */
function text(value: ExcelScalar): string {
  if (isExcelError(value)) throw value;
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** A number the way Excel coerces it: blank → 0, TRUE → 1, numeric text → its value; anything else is #VALUE!. */
function number(value: ExcelScalar): number {
  if (isExcelError(value)) throw value;
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  const n = Number(value.trim());
  if (value.trim() === '' || Number.isNaN(n)) throw FormulaError.VALUE;
  return n;
}

function optionalNumber(arg: Argument | undefined, fallback: number): number {
  return arg === undefined || arg.omitted === true ? fallback : number(scalar(arg.value));
}

/** Applies a function of one scalar to each element of an array argument (Excel lifts scalar functions over arrays). */
function lift(value: unknown, fn: (v: ExcelScalar) => ExcelScalar): ExcelScalar | ExcelArray {
  if (isArray2d(value)) {
    return value.map((row) =>
      row.map((v) => {
        try {
          return fn(v);
        } catch (error) {
          if (isExcelError(error)) return error;
          throw error;
        }
      }),
    );
  }
  return fn(value as ExcelScalar);
}

/** Where the n-th delimiter occurs, per TEXTBEFORE/TEXTAFTER's rules; undefined when it does not. */
function findDelimiter(source: string, delimiters: readonly string[], instance: number, caseInsensitive: boolean, matchEnd: boolean): { index: number; length: number } | undefined {
  const hay = caseInsensitive ? source.toLowerCase() : source;
  const needles = delimiters.map((d) => (caseInsensitive ? d.toLowerCase() : d));
  if (needles.some((d) => d === '')) return instance > 0 ? { index: 0, length: 0 } : { index: source.length, length: 0 };
  const matches: { index: number; length: number }[] = [];
  if (instance > 0) {
    let from = 0;
    while (matches.length < instance) {
      let best: { index: number; length: number } | undefined;
      for (const d of needles) {
        const i = hay.indexOf(d, from);
        if (i >= 0 && (best === undefined || i < best.index || (i === best.index && d.length > best.length))) best = { index: i, length: d.length };
      }
      if (best === undefined) break;
      matches.push(best);
      from = best.index + best.length;
    }
    if (matches.length === instance) return matches[instance - 1];
    return matchEnd && matches.length === instance - 1 ? { index: source.length, length: 0 } : undefined;
  }
  const wanted = -instance;
  let to = hay.length;
  while (matches.length < wanted) {
    let best: { index: number; length: number } | undefined;
    for (const d of needles) {
      const i = to - d.length < 0 ? -1 : hay.lastIndexOf(d, to - d.length);
      if (i >= 0 && (best === undefined || i > best.index)) best = { index: i, length: d.length };
    }
    if (best === undefined) break;
    matches.push(best);
    to = best.index;
  }
  if (matches.length === wanted) return matches[wanted - 1];
  return matchEnd && matches.length === wanted - 1 ? { index: 0, length: 0 } : undefined;
}

/** TEXTBEFORE / TEXTAFTER(text, delimiter, [instance_num], [match_mode], [match_end], [if_not_found]). */
function textAround(before: boolean) {
  return (textArg: Argument, delimiterArg: Argument, instanceArg?: Argument, modeArg?: Argument, endArg?: Argument, notFoundArg?: Argument): ExcelScalar | ExcelArray => {
    const delimiters = isArray2d(delimiterArg.value) ? delimiterArg.value.flat().map(text) : [text(scalar(delimiterArg.value))];
    const instance = Math.trunc(optionalNumber(instanceArg, 1));
    const caseInsensitive = optionalNumber(modeArg, 0) === 1;
    const matchEnd = optionalNumber(endArg, 0) === 1;
    return lift(textArg.value, (v) => {
      const source = text(v);
      if (instance === 0 || Math.abs(instance) > Math.max(source.length, 1)) throw FormulaError.VALUE;
      const found = findDelimiter(source, delimiters, instance, caseInsensitive, matchEnd);
      if (found === undefined) {
        if (notFoundArg !== undefined && notFoundArg.omitted !== true) return scalar(notFoundArg.value);
        throw FormulaError.NA;
      }
      return before ? source.slice(0, found.index) : source.slice(found.index + found.length);
    });
  };
}

/** TEXTJOIN(delimiter, ignore_empty, text1, [text2], …): ranges and arrays are read row by row. */
function textJoin(delimiterArg: Argument, ignoreArg: Argument, ...texts: Argument[]): string {
  const delimiters = isArray2d(delimiterArg.value) ? delimiterArg.value.flat().map(text) : [text(scalar(delimiterArg.value))];
  const ignoreEmpty = number(scalar(ignoreArg.value)) !== 0;
  const parts: string[] = [];
  for (const arg of texts) {
    const values = isArray2d(arg.value) ? arg.value.flat() : [arg.value as ExcelScalar];
    for (const v of values) {
      const t = text(v);
      if (ignoreEmpty && t === '') continue;
      parts.push(t);
    }
  }
  let out = '';
  parts.forEach((part, i) => {
    out += i === 0 ? part : `${delimiters[(i - 1) % delimiters.length] ?? ''}${part}`;
  });
  if (out.length > 32_767) throw FormulaError.VALUE;
  return out;
}

/** FILTER(array, include, [if_empty]): keeps the rows (or columns) whose include value is TRUE or non-zero. */
function filter(arrayArg: Argument, includeArg: Argument, ifEmptyArg?: Argument): ExcelScalar | ExcelArray {
  const array: ExcelArray = isArray2d(arrayArg.value) ? arrayArg.value : [[arrayArg.value as ExcelScalar]];
  const include: ExcelArray = isArray2d(includeArg.value) ? includeArg.value : [[includeArg.value as ExcelScalar]];
  const height = array.length;
  const width = array[0]?.length ?? 0;
  const keep = (v: ExcelScalar): boolean => {
    if (isExcelError(v)) throw v;
    if (typeof v === 'string') throw FormulaError.VALUE;
    return v !== null && v !== false && v !== 0;
  };
  let result: ExcelArray;
  if (include.length === height && include.every((row) => row.length === 1)) {
    result = array.filter((_, r) => keep(include[r]![0]!));
  } else if (include.length === 1 && include[0]!.length === width) {
    const columns = include[0]!.map(keep);
    result = array.map((row) => row.filter((_, c) => columns[c]));
    if (result[0]?.length === 0) result = [];
  } else {
    throw FormulaError.VALUE;
  }
  if (result.length === 0) {
    if (ifEmptyArg !== undefined && ifEmptyArg.omitted !== true) return scalar(ifEmptyArg.value);
    throw CALC_ERROR;
  }
  return result;
}

/** SUBSTITUTE(text, old_text, new_text, [instance_num]). */
function substitute(textArg: Argument, oldArg: Argument, newArg: Argument, instanceArg?: Argument): ExcelScalar | ExcelArray {
  const oldText = text(scalar(oldArg.value));
  const newText = text(scalar(newArg.value));
  const instance = instanceArg === undefined || instanceArg.omitted === true ? undefined : Math.trunc(number(scalar(instanceArg.value)));
  if (instance !== undefined && instance < 1) throw FormulaError.VALUE;
  return lift(textArg.value, (v) => {
    const source = text(v);
    if (oldText === '') return source;
    if (instance === undefined) return source.split(oldText).join(newText);
    let at = -1;
    for (let n = 0; n < instance; n++) {
      at = source.indexOf(oldText, at + 1);
      if (at < 0) return source;
    }
    return source.slice(0, at) + newText + source.slice(at + oldText.length);
  });
}

/** Whether text matches an Excel wildcard pattern (`*`, `?`, `~` escapes), case-insensitively. */
function wildcardMatch(pattern: string, value: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '~' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i').test(value);
}

/** VLOOKUP(lookup_value, table_array, col_index_num, [range_lookup]): exact matches compare text case-insensitively with wildcards. */
function vlookup(lookupArg: Argument, tableArg: Argument, columnArg: Argument, rangeArg?: Argument): ExcelScalar {
  const lookup = scalar(lookupArg.value);
  if (isExcelError(lookup)) throw lookup;
  const table: ExcelArray = isArray2d(tableArg.value) ? tableArg.value : [[tableArg.value as ExcelScalar]];
  const column = Math.trunc(number(scalar(columnArg.value)));
  if (column < 1) throw FormulaError.VALUE;
  if (column > (table[0]?.length ?? 0)) throw FormulaError.REF;
  const approximate = rangeArg === undefined || rangeArg.omitted === true ? true : number(scalar(rangeArg.value)) !== 0;
  const key = lookup ?? 0;
  let found: ExcelScalar[] | undefined;
  for (const row of table) {
    const first = row[0] ?? null;
    if (isExcelError(first) || first === null || typeof first !== typeof key) continue;
    if (approximate) {
      if (compareScalars(first, '<=', key) === true) found = row;
    } else if (typeof key === 'string' ? wildcardMatch(key, first as string) : first === key) {
      found = row;
      break;
    }
  }
  if (found === undefined) throw FormulaError.NA;
  // A blank cell found by a lookup reads as 0, as any reference to a blank cell does.
  return found[column - 1] ?? 0;
}

/** The functions the evaluator adds to fast-formula-parser (names as Excel stores them, without `_xlfn.`). */
export const EXCEL_FUNCTIONS: Readonly<Record<string, (...args: Argument[]) => unknown>> = {
  TEXTBEFORE: textAround(true),
  TEXTAFTER: textAround(false),
  TEXTJOIN: textJoin,
  FILTER: filter,
  SUBSTITUTE: substitute,
  VLOOKUP: vlookup,
};

const typeRank = (v: number | string | boolean): number => (typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);

/** Excel's comparison of two scalars: blanks take the other side's type, text is case-insensitive, errors propagate. */
export function compareScalars(a: ExcelScalar, op: string, b: ExcelScalar): boolean | ExcelError {
  if (isExcelError(a)) return a;
  if (isExcelError(b)) return b;
  const blankLike = (other: ExcelScalar): number | string | boolean => (typeof other === 'string' ? '' : typeof other === 'boolean' ? false : 0);
  const x = a ?? blankLike(b);
  const y = b ?? blankLike(a);
  let order: number;
  if (typeof x !== typeof y) order = typeRank(x) - typeRank(y);
  else if (typeof x === 'string') {
    const [p, q] = [x.toUpperCase(), (y as string).toUpperCase()];
    order = p === q ? 0 : p < q ? -1 : 1;
  } else order = x === y ? 0 : x < y ? -1 : 1;
  switch (op) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
    default:
      throw new Error(`unknown comparison ${op}`);
  }
}

/** Compares element by element when either side is an array (broadcasting a single row, column or value). */
function excelCompare(value1: unknown, op: string, value2: unknown): unknown {
  if (!isArray2d(value1) && !isArray2d(value2)) return compareScalars(value1 as ExcelScalar, op, value2 as ExcelScalar);
  const a: ExcelArray = isArray2d(value1) ? value1 : [[value1 as ExcelScalar]];
  const b: ExcelArray = isArray2d(value2) ? value2 : [[value2 as ExcelScalar]];
  const rows = Math.max(a.length, b.length);
  const cols = Math.max(a[0]?.length ?? 0, b[0]?.length ?? 0);
  const at = (m: ExcelArray, r: number, c: number): ExcelScalar | undefined => m[m.length === 1 ? 0 : r]?.[m[0]!.length === 1 ? 0 : c];
  const out: (boolean | ExcelError)[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: (boolean | ExcelError)[] = [];
    for (let c = 0; c < cols; c++) {
      const x = at(a, r, c);
      const y = at(b, r, c);
      row.push(x === undefined || y === undefined ? FormulaError.NA : compareScalars(x, op, y));
    }
    out.push(row);
  }
  return out;
}

/** Replaces fast-formula-parser's comparison operator with Excel's (done once per process). */
export function installExcelComparison(): void {
  operators.Infix.compareOp = (value1, op, value2) => excelCompare(value1, op, value2);
}
