import { z } from 'zod';
import { SEVERITIES } from '../../model/finding.js';

/** Output formats the CLI can write. */
export const ReportFormat = z.enum(['json', 'markdown']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** The scan configuration file (YAML or JSON). Each collector validates its own slice. */
export const ScanConfig = z
  .object({
    /** Model to score against: a version ("1.1.0"), a file path or a URL. Default: 1.1.0 (cache, else built-in structure). */
    model: z.string().min(1).optional(),
    /** Collector id → that collector's configuration. */
    collectors: z.record(z.string(), z.unknown()).default({}),
    rules: z
      .object({
        disable: z.array(z.string()).default([]),
        /** Rule id → options, e.g. { "cert-expiry-within-window": { warnDays: 45 } }. */
        options: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
      })
      .strict()
      .default({ disable: [], options: {} }),
    /** One shared limit on concurrent network operations. */
    concurrency: z.number().int().min(1).max(256).default(16),
    inventory: z
      .object({
        /** The organisation's declared certificate inventory (CSV or JSON export of a CLM/CMDB). */
        declared: z.string().min(1).optional(),
        /** The organisation uses this scanner's inventory as its system of record. */
        adopted: z.boolean().default(false),
      })
      .strict()
      .default({ adopted: false }),
    /** Yes/no attestations a person confirms, e.g. { "inventory-is-system-of-record": true }. */
    attestations: z.record(z.string(), z.boolean()).default({}),
    /** An answers file to merge with the evidence. */
    answers: z.string().min(1).optional(),
    /** PKIMM extension files to score (e.g. the PQC extension). */
    extensions: z.array(z.string().min(1)).default([]),
    scoring: z
      .object({ mode: z.enum(['methodology', 'excel']).default('methodology') })
      .strict()
      .default({ mode: 'methodology' }),
    output: z
      .object({
        dir: z.string().min(1).default('pkimm-report'),
        formats: z.array(ReportFormat).min(1).default(['json', 'markdown']),
      })
      .strict()
      .default({ dir: 'pkimm-report', formats: ['json', 'markdown'] }),
    /** Exit 1 when a failed check has at least this severity (`pkimm scan` only). */
    failOn: z.enum(SEVERITIES as unknown as [string, ...string[]]).optional(),
  })
  .strict();
export type ScanConfig = z.infer<typeof ScanConfig>;
