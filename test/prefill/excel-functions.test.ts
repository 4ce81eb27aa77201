// The Excel semantics the evaluator adds to fast-formula-parser, checked against Microsoft's documented results.
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../src/prefill/workbook.js';
import { singleSheetWorkbook } from './synthetic-workbooks.js';
import { isErrorValue, WorkbookEvaluator } from './workbook-evaluator.js';

const evaluator = new WorkbookEvaluator(
  Workbook.open(
    singleSheetWorkbook({
      A1: '| [1](#a) | Sponsor support | 3 |',
      A2: 'Initial',
      A3: 'Basic',
      B2: 1,
      B3: 2,
      C1: 'x',
      C2: 'y',
      C4: 'z',
      D1: 'k',
      D2: 'm',
      D4: 'k',
      E1: '=C3',
      E2: '=IF(C3="","blank","not blank")',
      E3: '=LEFT(C3,1)&"|"',
    }),
    's.xlsx',
  ),
);
const at = { sheet: 'S', row: 20, col: 20 };
const f = (formula: string) => evaluator.formula(formula, at);

describe('Excel functions added to the evaluator', () => {
  it.each([
    ['TRIM(TEXTBEFORE(TEXTAFTER(A1,"|",2),"|"))', 'Sponsor support'],
    ['TRIM(TEXTBEFORE(TEXTAFTER(A1,"|",3),"|"))', '3'],
    ['TEXTAFTER("a-b-c","-",-1)', 'c'],
    ['TEXTBEFORE("a-b-c","-",-1)', 'a-b'],
    ['TEXTAFTER("a-B-c","b",1,1)', '-c'],
    ['TEXTAFTER("a-b","-",2,0,1)', ''],
    ['TEXTAFTER("a-b","+",1,0,0,"none")', 'none'],
    ['TEXTJOIN(",",TRUE,C1:C4)', 'x,y,z'],
    ['TEXTJOIN(",",FALSE,C1:C4)', 'x,y,,z'],
    ['TEXTJOIN(CHAR(10),0,FILTER(C1:C4,D1:D4="K",""))', 'x\nz'],
    ['SUBSTITUTE("*a*b*","*","")', 'ab'],
    ['SUBSTITUTE("a-a-a","a","b",2)', 'a-b-a'],
    ['VLOOKUP("basic",A2:B3,2,0)', 2],
    ['VLOOKUP("B*",A2:B3,2,FALSE)', 2],
    ['CONCAT("a",C3,"b")', 'ab'],
    ['E2', 'blank'],
    ['E3', '|'],
    ['E1', 0],
    ['"ABC"="abc"', true],
    ['C3=0', true],
  ])('%s → %j', (formula, expected) => {
    expect(f(formula)).toEqual(expected);
  });

  it.each([
    ['TEXTAFTER("a-b","+")', '#N/A'],
    ['TEXTAFTER("a-b","-",0)', '#VALUE!'],
    ['FILTER(C1:C4,D1:D4="none")', '#CALC!'],
    ['VLOOKUP("Managed",A2:B3,2,0)', '#N/A'],
    ['VLOOKUP("Basic",A2:B3,3,0)', '#REF!'],
  ])('%s → %s', (formula, code) => {
    expect(isErrorValue(f(formula), code)).toBe(true);
  });
});
