import type { EvidenceData, EvidenceKind, Evidence, AnyEvidence } from '../../model/evidence.js';
import type { Severity } from '../../model/finding.js';
import type { PolicyProfile } from '../policy/profile.js';
import type { ScanFacts } from './define-assessor.js';

/**
 * The evidence of the previous scan of the same scope, read-only and in the same shapes as today's evidence. Only
 * evidence of collectors that ran again in this scan, for targets observed without a problem this time, is kept, so
 * "absent now" means "gone", not "not looked at".
 */
export interface PreviousScan {
  /** When the previous scan started (ISO-8601 UTC). */
  readonly startedAt: string;
  /** Where it came from: "--previous old.json", "history scan 20261115T020000Z-ab12cd34", "pkimm-report/report.json". */
  readonly source: string;
  /** Collector ids that ran with at least one target (or emitted evidence) in the previous scan. */
  readonly sourceTypes: readonly string[];
  /** Looks up previous evidence by id (ids are stable per target: "crl:<url>", "ca-config:<target>#<file>#<pointer>"). */
  evidence(id: string): AnyEvidence | undefined;
  /** All previous evidence of one kind. */
  items<K extends EvidenceKind>(kind: K): readonly Evidence<K>[];
  /**
   * Whether the previous scan looked at this target (its configured part, before "#"): it has evidence of this collector
   * from that configured target and no collection problem with it. Something absent then but present now is new.
   */
  observed(collector: string, target: string): boolean;
}

/** What rules may read besides the evidence: the clock, the scan's rule options and the previous scan. Rules do no I/O. */
export interface RuleContext {
  /** The scan's "now"; tests pin it. */
  readonly now: Date;
  /** Per-rule options from the scan configuration (`rules.options[<rule id>]`), already merged with defaults. */
  options<T extends object>(ruleId: string, defaults: T): T;
  /** Looks up other evidence by id (e.g. a certificate referenced by a TLS endpoint's chain). */
  evidence(id: string): AnyEvidence | undefined;
  /** All evidence of one kind (e.g. every certificate, to find a key's certificate or a certificate's issuer). */
  items<K extends EvidenceKind>(kind: K): readonly Evidence<K>[];
  /** Looks up a certificate by its SHA-256 fingerprint (lowercase hex). */
  certificate(sha256: string): Evidence<'certificate'> | undefined;
  /** The scan's policy profile (approved algorithms, lifetimes, renewal windows, approved CAs, scope). */
  readonly policy: PolicyProfile;
  /** The organisation's declared certificate inventory and its reconciliation with the observed certificates, when imported. */
  readonly inventory?: Pick<ScanFacts, 'declaredInventory' | 'reconciliation'>;
  /** The previous scan of the same scope, when one is known (`--previous`, the history store, or the last report). */
  readonly previous?: PreviousScan;
}

/** The outcome a check returns; `not-applicable` and `error` are the engine's business. */
export type Verdict<M extends string> = { status: 'pass' } | { status: 'fail'; messageId: M; data?: Record<string, string | number> };

/** A passing verdict. */
export const pass = (): Verdict<never> => ({ status: 'pass' });

/** A failing verdict with a message id and template data. */
export const fail = <M extends string>(messageId: M, data?: Record<string, string | number>): Verdict<M> =>
  data ? { status: 'fail', messageId, data } : { status: 'fail', messageId };

interface RuleMeta<M extends string> {
  /** kebab-case `<subject>-<property>-<expectation>`, equal to the file name, stable forever. */
  readonly id: string;
  /** At most 100 characters; does not start with "Ensure". */
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  /** PKIMM requirements (model 1.1.0 refs) this check informs. */
  readonly pkimm: readonly string[];
  readonly references: readonly string[];
  readonly remediation: string;
  /** Message templates with `{{name}}` placeholders. */
  readonly messages: Readonly<Record<M, string>>;
  /** Options the check reads through `ctx.options`, with their defaults and meaning (shown by `pkimm rules show`). */
  readonly options?: Readonly<Record<string, { readonly default: unknown; readonly description: string }>>;
  /** Longer documentation (Markdown): what the check looks at, edge cases, how to fix. Shown by `pkimm rules show`. */
  readonly docs?: string;
  readonly deprecated?: { readonly replacedBy?: string };
}

/** A check evaluated once per evidence item of one kind. */
export interface ItemRule<K extends EvidenceKind, M extends string> extends RuleMeta<M> {
  readonly scope: 'item';
  readonly appliesTo: K;
  applies?(item: Evidence<K>, ctx: RuleContext): boolean;
  evaluate(item: Evidence<K>, ctx: RuleContext): Verdict<M>;
}

/** A check evaluated once over all evidence of the listed kinds. */
export interface SetRule<M extends string> extends RuleMeta<M> {
  readonly scope: 'set';
  readonly appliesTo: readonly EvidenceKind[];
  applies?(items: readonly AnyEvidence[], ctx: RuleContext): boolean;
  evaluate(items: readonly AnyEvidence[], ctx: RuleContext): Verdict<M>;
}

/** Any check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = ItemRule<any, string> | SetRule<string>;

/** Declares an item check; an identity function for type inference. */
export function defineRule<K extends EvidenceKind, M extends string>(rule: ItemRule<K, M>): ItemRule<K, M>;
/** Declares a set check; an identity function for type inference. */
export function defineRule<M extends string>(rule: SetRule<M>): SetRule<M>;
export function defineRule(rule: AnyRule): AnyRule {
  return rule;
}

/** Renders a message template: `{{name}}` is replaced by `data.name`. */
export function renderMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

export type { EvidenceData };
