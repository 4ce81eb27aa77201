// Waivers: accepted exceptions to a check. A waiver names its owner, its reason, an expiry date and what it covers
// (a rule id or glob, optionally narrowed to evidence ids or targets). An active waiver turns a failed result into a
// waived one: still shown in the report, never counted by the gate or --fail-on. An expired waiver silences nothing and
// is reported, so exceptions cannot outlive their review date unnoticed.
import { z } from 'zod';
import type { AnyEvidence } from '../../model/evidence.js';
import type { RuleResult } from '../../model/finding.js';

/** One waiver as written in the scan configuration or a waivers file. */
export const Waiver = z
  .object({
    /** Optional label, shown in the report. */
    id: z.string().min(1).optional(),
    /** Rule id, or a glob over rule ids ("cert-*"). */
    rule: z.string().min(1),
    /** Evidence id, or a glob over evidence ids ("certificate:sha256:3f1c*"). */
    evidence: z.string().min(1).optional(),
    /** Glob over evidence targets ("legacy.example.org:*", "certs/old/*"). */
    target: z.string().min(1).optional(),
    owner: z.string().trim().min(1, 'an owner is required'),
    reason: z.string().trim().min(1, 'a reason is required'),
    /** Last day (UTC) the waiver applies. */
    expires: z.iso.date(),
  })
  .strict();
export type Waiver = z.infer<typeof Waiver>;

/** A waivers file: `waivers: [...]`. */
export const WaiversFile = z.object({ waivers: z.array(Waiver).max(10_000) }).strict();
export type WaiversFile = z.infer<typeof WaiversFile>;

/** A waiver as the report shows it. */
export interface WaiverInfo {
  /** The waiver's label, or "#<position>" (1-based) in the list. */
  readonly label: string;
  readonly rule: string;
  readonly evidence?: string;
  readonly target?: string;
  readonly owner: string;
  readonly reason: string;
  readonly expires: string;
}

/** A failed result an active waiver covers. */
export interface WaivedResult {
  readonly result: RuleResult;
  readonly waiver: WaiverInfo;
}

/** A waiver that has expired, with the number of failed results it would have covered. */
export interface ExpiredWaiver {
  readonly waiver: WaiverInfo;
  readonly matching: number;
  /** "waiver #2 (owner A. Person) for cert-rsa-key-min-2048 expired on 2026-10-31; 3 findings are no longer waived". */
  readonly message: string;
}

/** What applying waivers produced. */
export interface WaiverOutcome {
  readonly waived: readonly WaivedResult[];
  readonly expired: readonly ExpiredWaiver[];
  /** Active waivers that matched no failed result (candidates for removal). */
  readonly unused: readonly WaiverInfo[];
}

const DAY_MS = 86_400_000;
const MAX_GLOB_LENGTH = 500;

/** Compiles a glob (`*` any run of characters, `?` one character; everything else literal) into an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  const bounded = glob.slice(0, MAX_GLOB_LENGTH);
  const source = bounded.replace(/[.+^${}()|[\]\\*?]/g, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : `\\${ch}`));
  return new RegExp(`^${source}$`, 's');
}

/** Returns whether a waiver is still in force at `now` (it applies through the whole expiry day, UTC). */
export function isWaiverActive(waiver: Pick<Waiver, 'expires'>, now: Date): boolean {
  return now.getTime() < Date.parse(`${waiver.expires}T00:00:00Z`) + DAY_MS;
}

/** Key of a result for lookups: "ruleId|evidenceId" ("ruleId|" for set checks). */
export const resultKey = (result: Pick<RuleResult, 'ruleId' | 'evidenceId'>): string => `${result.ruleId}|${result.evidenceId ?? ''}`;

/** The line that says a waiver expired and how many failed results it no longer covers. */
export function expiredWaiverMessage(waiver: WaiverInfo, matching: number): string {
  return `waiver ${waiver.label} (owner ${waiver.owner}) for ${waiver.rule} expired on ${waiver.expires}; ${matching} failed result(s) are no longer waived`;
}

function info(waiver: Waiver, index: number): WaiverInfo {
  return {
    label: waiver.id ?? `#${index + 1}`,
    rule: waiver.rule,
    ...(waiver.evidence === undefined ? {} : { evidence: waiver.evidence }),
    ...(waiver.target === undefined ? {} : { target: waiver.target }),
    owner: waiver.owner,
    reason: waiver.reason,
    expires: waiver.expires,
  };
}

interface Compiled {
  readonly waiver: Waiver;
  readonly info: WaiverInfo;
  readonly rule: RegExp;
  readonly evidence?: RegExp;
  readonly target?: RegExp;
}

function matches(w: Compiled, result: RuleResult, targetOf: (id: string) => string | undefined): boolean {
  if (!w.rule.test(result.ruleId)) return false;
  if (w.evidence !== undefined && (result.evidenceId === undefined || !w.evidence.test(result.evidenceId))) return false;
  if (w.target !== undefined) {
    const target = result.evidenceId === undefined ? undefined : targetOf(result.evidenceId);
    if (target === undefined || !w.target.test(target)) return false;
  }
  return true;
}

/**
 * Applies waivers to check results. Only failed results are waived; the first active waiver (in list order) that
 * matches a result covers it. Expired waivers cover nothing and are returned with how many results they match.
 */
export function applyWaivers(results: readonly RuleResult[], evidence: readonly AnyEvidence[], waivers: readonly Waiver[], now: Date): WaiverOutcome {
  const targets = new Map(evidence.map((e) => [e.id, e.target]));
  const targetOf = (id: string): string | undefined => targets.get(id);
  const compiled: Compiled[] = waivers.map((waiver, index) => ({
    waiver,
    info: info(waiver, index),
    rule: globToRegExp(waiver.rule),
    ...(waiver.evidence === undefined ? {} : { evidence: globToRegExp(waiver.evidence) }),
    ...(waiver.target === undefined ? {} : { target: globToRegExp(waiver.target) }),
  }));
  const active = compiled.filter((w) => isWaiverActive(w.waiver, now));
  const expired = compiled.filter((w) => !isWaiverActive(w.waiver, now));
  const failed = results.filter((r) => r.status === 'fail');

  const used = new Set<Compiled>();
  const waived: WaivedResult[] = [];
  for (const result of failed) {
    const waiver = active.find((w) => matches(w, result, targetOf));
    if (waiver === undefined) continue;
    used.add(waiver);
    waived.push({ result, waiver: waiver.info });
  }
  return {
    waived,
    expired: expired.map((w) => {
      const matching = failed.filter((r) => matches(w, r, targetOf)).length;
      return {
        waiver: w.info,
        matching,
        message: expiredWaiverMessage(w.info, matching),
      };
    }),
    unused: active.filter((w) => !used.has(w)).map((w) => w.info),
  };
}
