// Types for the parts of fast-formula-parser (a CommonJS dev dependency without bundled types) the evaluator uses.
declare module 'fast-formula-parser' {
  /** A single-cell reference as the parser reports it (1-based). */
  interface FormulaCellRef {
    sheet?: string;
    row: number;
    col: number;
  }
  /** A range reference as the parser reports it (1-based, inclusive). */
  interface FormulaRangeRef {
    sheet?: string;
    from: { row: number; col: number };
    to: { row: number; col: number };
  }
  /** One argument of a function call after references were resolved. */
  interface FormulaArgument {
    value: unknown;
    isArray: boolean;
    isRangeRef?: boolean;
    isCellRef?: boolean;
    omitted?: boolean;
  }
  /** An Excel error value (#N/A, #VALUE!, …); the parser interns the standard ones. */
  class FormulaErrorValue extends Error {
    constructor(error: string, message?: string);
    readonly error: string;
  }
  /** The evaluator. */
  class FormulaParser {
    constructor(config?: {
      functions?: Record<string, (...args: FormulaArgument[]) => unknown>;
      onCell?: (ref: FormulaCellRef) => unknown;
      onRange?: (ref: FormulaRangeRef) => unknown[][];
    });
    parse(formula: string, position: { row: number; col: number; sheet: string }, allowReturnArray?: boolean): unknown;
    functions: Record<string, (...args: unknown[]) => unknown>;
    funsNullAs0: string[];
    funsPreserveRef: string[];
    funsNeedContextAndNoDataRetrieve: string[];
    static FormulaError: typeof FormulaErrorValue & {
      readonly DIV0: FormulaErrorValue;
      readonly NA: FormulaErrorValue;
      readonly NAME: FormulaErrorValue;
      readonly NULL: FormulaErrorValue;
      readonly NUM: FormulaErrorValue;
      readonly REF: FormulaErrorValue;
      readonly VALUE: FormulaErrorValue;
    };
    static MAX_ROW: number;
    static MAX_COLUMN: number;
  }
  export default FormulaParser;
}

declare module 'fast-formula-parser/formulas/operators.js' {
  const operators: {
    Infix: {
      compareOp: (value1: unknown, infix: string, value2: unknown, isArray1: boolean, isArray2: boolean) => unknown;
    };
  };
  export default operators;
}
