import type { AnyEvidence, CollectionProblem } from '../../model/evidence.js';
import type { RuleResult } from '../../model/finding.js';
import type { Level, Reason, Statement } from '../../model/statement.js';
import type { ReconciliationSummary } from '../inventory/reconcile.js';
import type { PolicyProfile } from '../policy/profile.js';
import type { PreviousScan } from './define-rule.js';

/** What the scan knows about its own scope and the organisation's declarations (E9/E10 of the analysis). */
export interface ScanFacts {
  /** The scan's "now". */
  readonly now: Date;
  /** Collector ids that ran with at least one target. */
  readonly sourceTypes: readonly string[];
  /** Targets configured per collector, and how many were observed without a problem. */
  readonly targets: Readonly<Record<string, { readonly configured: number; readonly observed: number }>>;
  /** The organisation's declared certificate inventory, if one was imported: SHA-256 fingerprints and issuer+serial keys. */
  readonly declaredInventory?: {
    readonly source: string;
    readonly records: number;
    readonly sha256: ReadonlySet<string>;
    /** "issuer|SERIALHEX" keys, for records without a fingerprint. */
    readonly issuerSerial: ReadonlySet<string>;
    /** Share of records with owner + location + state filled in (0..1). */
    readonly attributeCompleteness: number;
  };
  /**
   * The declared inventory reconciled with the observed certificates (src/inventory/reconcile.ts): matched,
   * observed-but-not-declared, declared-but-not-observed, stale, inv_match. Present when a declared inventory was imported.
   */
  readonly reconciliation?: ReconciliationSummary;
  /** Whether the organisation adopted this scanner's inventory as its system of record (scan config). */
  readonly inventoryAdopted: boolean;
  /** Earlier scan times (ISO) known to the scan, newest first; used for cadence. */
  readonly previousScans: readonly string[];
  /** Yes/no attestations from the scan configuration, e.g. { "inventory-is-system-of-record": true }. */
  readonly attestations: Readonly<Record<string, boolean>>;
  /** The previous scan's evidence (the same view checks get as `ctx.previous`), when one is known. */
  readonly previous?: PreviousScan;
}

/** What assessors read: all evidence, all check results, collection problems and the scan facts. */
export interface AssessorInput {
  readonly evidence: readonly AnyEvidence[];
  readonly results: readonly RuleResult[];
  readonly problems: readonly CollectionProblem[];
  readonly facts: ScanFacts;
  /** The scan's policy profile; absent means the built-in `default` profile. */
  readonly policy?: PolicyProfile;
  /** Keys ("ruleId|evidenceId") of failed results an active waiver covers: registered exceptions. */
  readonly waived?: ReadonlySet<string>;
}

/** Turns evidence and check results into statements about PKIMM requirements (propose, cap, support). */
export interface Assessor {
  /** kebab-case, equal to the file name. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The requirement (model 1.1.0 ref) this assessor speaks about. */
  readonly pkimm: string;
  /** Automation class from the analysis: A (propose) or P (cap/support). */
  readonly automation: 'A' | 'P';
  /** Check ids whose results the assessor reads. */
  readonly uses: readonly string[];
  assess(input: AssessorInput): readonly Statement[];
}

/** Declares an assessor; an identity function for type inference. */
export function defineAssessor(assessor: Assessor): Assessor {
  return assessor;
}

/** Builds a statement; a helper for assessors. */
export function statement(
  assessor: Assessor | string,
  kind: Statement['kind'],
  level: Level | undefined,
  reasons: readonly Reason[],
  evidenceIds: readonly string[] = [],
): Statement {
  const id = typeof assessor === 'string' ? assessor : assessor.id;
  const ref = typeof assessor === 'string' ? '' : assessor.pkimm;
  return {
    ref,
    assessor: id,
    kind,
    ...(level === undefined ? {} : { level }),
    reasons,
    evidenceIds: [...new Set(evidenceIds)].sort(),
  };
}
