/** A PKIMM maturity level. */
export type Level = 1 | 2 | 3 | 4 | 5;

/** The levels, lowest first. */
export const LEVELS: readonly Level[] = [1, 2, 3, 4, 5];

/** Returns whether a number is a PKIMM level (an integer 1–5). */
export function isLevel(value: unknown): value is Level {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * A reference to a PKIMM requirement in model 1.1.0 numbering, "<category>.<requirement>":
 * "7.4" is category 7 (Certificate management), requirement 4 (certificate inventory).
 */
export type PkimmRef = `${number}.${number}`;

/** Why an assessor said what it said: which checks, which metric, which threshold. */
export interface Reason {
  readonly text: string;
  readonly ruleIds?: readonly string[];
  readonly metric?: { readonly name: string; readonly value: number; readonly threshold?: number };
}

/**
 * What an assessor states about one requirement:
 * - `propose`: the observable state is the substance of the requirement, so the level is proposed;
 * - `cap`: evidence rules out anything higher than `level`;
 * - `support`: evidence is consistent with `level`, which a person must confirm;
 * - `insufficient`: the assessor looked but the evidence is too thin or too old to say anything.
 */
export interface Statement {
  /** Requirement in model 1.1.0 numbering. */
  readonly ref: string;
  readonly assessor: string;
  readonly kind: 'propose' | 'cap' | 'support' | 'insufficient';
  /** Absent only for `insufficient`. */
  readonly level?: Level;
  readonly reasons: readonly Reason[];
  /** Evidence ids behind the statement (sorted, possibly truncated by the assessor for very large sets). */
  readonly evidenceIds: readonly string[];
}
