import { z } from 'zod';
import { reporters, type ReportFormat as RendererFormat } from '../report/render.js';
import { SEVERITIES } from '../../model/finding.js';
import { PolicyConfig, WaiversConfig } from '../policy/load-policy.js';
import { NetGuard } from '../engine/net-guard.js';

function isAllowEntry(entry: string): boolean {
  try {
    new NetGuard([entry]);
    return true;
  } catch {
    return false;
  }
}

/** Output formats the CLI can write: every registered reporter. */
export const ReportFormat = z.enum(Object.keys(reporters) as [RendererFormat, ...RendererFormat[]]);
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
    /** Network policy for every URL the scan fetches (CRL, OCSP, CT...): what may be contacted besides public addresses. */
    network: z
      .object({
        /** Host names ("crl.corp.example", "*.corp.example"), IP addresses and CIDR blocks fetched although loopback, private or reserved. */
        allow: z.array(z.string().min(1).refine(isAllowEntry, 'expected a host name, "*.domain", an IP address or a CIDR block')).default([]),
        /** Redirects followed at most per request; every hop is checked again. */
        maxRedirects: z.number().int().min(0).max(10).default(3),
        /** Deadline of one request (redirects and body included) when the collector sets none. */
        timeoutMs: z.number().int().positive().max(600_000).default(30_000),
      })
      .strict()
      .default({ allow: [], maxRedirects: 3, timeoutMs: 30_000 }),
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
    /** Policy profile: `{ profile: cabf-tls }`, `{ profile: our-policy.yaml }`, or `{ extends: default, lifetimes: { privateTls: 90 } }`. */
    policy: PolicyConfig.default({}),
    /** Accepted exceptions to checks: a list, or a YAML/JSON file holding `waivers: [...]`. */
    waivers: WaiversConfig.default([]),
    /** An answers file to merge with the evidence. */
    answers: z.string().min(1).optional(),
    /** PKIMM extension files to score (e.g. the PQC extension). */
    extensions: z.array(z.string().min(1)).default([]),
    /** Known weak keys checked against every RSA key the scan reads. */
    weakKeys: z
      .object({
        /** Debian openssl-blacklist / openssl-vulnkey files (paths relative to the configuration); a listed modulus is 'debian-weak'. */
        debianBlocklists: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ debianBlocklists: [] }),
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
