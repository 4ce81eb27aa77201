import { z } from 'zod';
import type { Assessment } from '../../model/assessment.js';
import type { AnyEvidence, CollectionProblem } from '../../model/evidence.js';
import type { RuleResult, Severity } from '../../model/finding.js';
import type { Statement } from '../../model/statement.js';
import type { ModelSource } from '../../model/pkimm/types.js';
import type { Trends } from '../history/store.js';
import { InventorySummarySchema, type InventorySummary } from '../inventory/summary.js';
import type { WaiverInfo } from '../policy/waivers.js';

/** Version of the JSON report layout. Bumped on any incompatible change. */
export const REPORT_SCHEMA_VERSION = '1.0.0';

/** Catalogue entry for a check that ran, so reports are readable without the tool. */
export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly pkimm: readonly string[];
  readonly remediation: string;
  /** What the check looks at and why (absent in reports from older versions). */
  readonly description?: string;
  /** Standards and sources behind the check: "RFC 5280 §4.2.1.3", "CABF TLS BR §6.1.5", URLs. */
  readonly references?: readonly string[];
}

/** Catalogue entry for an assessor. */
export interface AssessorInfo {
  readonly id: string;
  readonly title: string;
  readonly pkimm: string;
  readonly automation: 'A' | 'P';
}

/** Per-collector counts. */
export interface CollectorSummary {
  readonly configured: number;
  readonly observed: number;
  readonly problems: number;
  readonly evidence: number;
}

/** A failed check, joined with what a person needs to read it. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly evidenceId?: string;
  readonly target?: string;
  readonly message: string;
}

/** A failed check that an active waiver covers: shown, never counted by the gate or --fail-on. */
export interface WaivedFinding extends Finding {
  readonly waiver: WaiverInfo;
}

/** How much of one requirement rules observe, and which checks and assessors inform it. */
export interface RequirementCoverage {
  /** The loaded model's ref. */
  readonly ref: string;
  readonly ref110: string;
  /** `automated` (a class A assessor proposes a level), `partial` (class P assessors cap or support), `manual` (no assessor). */
  readonly coverage: 'automated' | 'partial' | 'manual';
  readonly assessors: readonly string[];
  readonly checks: readonly string[];
}

/** The JSON report: everything one scan or scoring run produced. */
export interface ScanReport {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'pkimm-scan'; readonly version: string };
  readonly generatedAt: string;
  readonly model: { readonly version: string; readonly source: ModelSource };
  readonly scoring: { readonly mode: Assessment['mode']; readonly mergePolicy: string };
  readonly scan?: {
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly collectors: Readonly<Record<string, CollectorSummary>>;
    readonly previousScans: readonly string[];
    readonly declaredInventory?: { readonly source: string; readonly records: number };
  };
  readonly answers?: {
    readonly source: string;
    readonly kind: Assessment['kind'];
    readonly organisation?: string;
    readonly assessor?: string;
    /** The assessor's relation to the organisation: internal, external or self. */
    readonly assessorType?: 'internal' | 'external' | 'self';
    /** The assessor's own organisation (an audit firm, for an external assessor). */
    readonly assessorOrganisation?: string;
    readonly date?: string;
    /** End of the assessment period, when it spans days. */
    readonly finishDate?: string;
    /** The use case assessed ("public TLS", "internal device PKI"). */
    readonly useCase?: string;
    readonly warnings: readonly string[];
  };
  readonly summary: {
    readonly certificates: number;
    readonly endpoints: number;
    readonly problems: number;
    /** Failed checks by severity (waived ones excluded). */
    readonly findings: Readonly<Record<Severity, number>>;
    /** Failed checks covered by an active waiver. */
    readonly waived?: number;
    readonly requirements: Readonly<Record<Assessment['requirements'][string]['source'], number>>;
    readonly conflicts: number;
  };
  readonly assessment: Assessment;
  readonly findings: readonly Finding[];
  /** Failed checks covered by an active waiver (not in `findings`). */
  readonly waived?: readonly WaivedFinding[];
  /** Waivers that expired (and silence nothing) or matched no failed check. */
  readonly waivers?: {
    readonly expired: readonly { readonly waiver: WaiverInfo; readonly matching: number; readonly message: string }[];
    readonly unused: readonly WaiverInfo[];
  };
  /** The policy profile checks judged against, most specific source first. */
  readonly policy?: { readonly name: string; readonly sources: readonly string[] };
  /** Per requirement: automated / partial / manual, with the checks and assessors that inform it. */
  readonly coverage?: readonly RequirementCoverage[];
  readonly results: readonly RuleResult[];
  readonly statements: readonly Statement[];
  readonly evidence: readonly AnyEvidence[];
  readonly problems: readonly CollectionProblem[];
  /** Counts over the certificate inventory: roles, issuers not found, key reuse, private keys, reconciliation. */
  readonly inventory?: InventorySummary;
  readonly rules: readonly RuleInfo[];
  readonly assessors: readonly AssessorInfo[];
  /** Trend series over earlier recorded scans (overall, categories, metrics), when the report was built with history. */
  readonly trends?: Trends;
}

const level = z.number().int().min(1).max(5);
const scoreValue = z.looseObject({
  raw: z.number().nullable(),
  level: z.number().int().min(0).max(5),
  label: z.string(),
  progress: z.number(),
  status: z.enum(['scored', 'not-evaluated', 'not-applicable', 'error']),
  completeness: z.looseObject({ answered: z.number(), inScope: z.number(), notApplicable: z.number(), ratio: z.number() }),
});
const severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);

/** zod schema of the JSON report; used to read reports back (score --evidence, gate). Extra fields are kept. */
export const ScanReportSchema = z.looseObject({
  schemaVersion: z.string().regex(/^1\.\d+\.\d+$/, `expected a report schemaVersion 1.x (this tool writes ${REPORT_SCHEMA_VERSION})`),
  tool: z.looseObject({ name: z.literal('pkimm-scan'), version: z.string() }),
  generatedAt: z.string(),
  model: z.looseObject({ version: z.string(), source: z.looseObject({ kind: z.enum(['builtin', 'file', 'url', 'cache']), location: z.string() }) }),
  scoring: z.looseObject({ mode: z.enum(['methodology', 'excel']), mergePolicy: z.string() }),
  summary: z.looseObject({ findings: z.record(z.string(), z.number()) }),
  assessment: z.looseObject({
    mode: z.enum(['methodology', 'excel']),
    kind: z.enum(['full', 'self-assessment']),
    overall: scoreValue,
    modules: z.record(z.string(), scoreValue),
    categories: z.record(z.string(), scoreValue),
    requirements: z.record(
      z.string(),
      z.looseObject({
        ref: z.string(),
        ref110: z.string(),
        source: z.enum(['automated', 'manual', 'merged', 'unanswered', 'not-applicable']),
        level: level.optional(),
        conflicts: z.array(z.looseObject({ kind: z.string(), message: z.string() })),
      }),
    ),
    extensions: z.array(z.looseObject({ id: z.string(), score: z.number().nullable(), floor: z.number().nullable() })),
  }),
  findings: z.array(z.looseObject({ ruleId: z.string(), severity, message: z.string() })),
  statements: z.array(
    z.looseObject({
      ref: z.string(),
      assessor: z.string(),
      kind: z.enum(['propose', 'cap', 'support', 'insufficient']),
      level: level.optional(),
      reasons: z.array(z.looseObject({ text: z.string() })),
      evidenceIds: z.array(z.string()),
    }),
  ),
  assessors: z.array(z.looseObject({ id: z.string(), pkimm: z.string(), automation: z.enum(['A', 'P']) })),
  evidence: z.array(z.looseObject({ id: z.string(), kind: z.string() })),
  problems: z.array(z.looseObject({ collector: z.string(), target: z.string(), code: z.string(), message: z.string() })),
  inventory: InventorySummarySchema.optional(),
});
