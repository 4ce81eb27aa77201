import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';
import { CtDomain, HttpUrl } from '../../src/ct/config-schemas.js';

/** One log to read: its RFC 6962 base URL, or an object with a name, key and window. */
export const CtLogTarget = z.union([
  HttpUrl,
  z
    .object({
      url: HttpUrl,
      /** Shown in evidence; default: the log list's description. */
      name: z.string().min(1).optional(),
      /** Log public key (base64 DER SubjectPublicKeyInfo) to check the tree head signature; default: the log list's. */
      key: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64').optional(),
      /** First index to read (replay); default: the stored position, else the last `tailEntries` entries. */
      start: z.number().int().nonnegative().optional(),
      /** Last index to read, inclusive; default: the tree size - 1. */
      end: z.number().int().nonnegative().optional(),
    })
    .strict()
    .refine((t) => t.start === undefined || t.end === undefined || t.start <= t.end, { message: 'start must not be after end', path: ['end'] }),
]);
/** One configured log. */
export type CtLogTarget = z.infer<typeof CtLogTarget>;

/** Configuration of the ct-log collector; defaults live here. */
export const CtLogConfig = z
  .object({
    /** Logs to read; each is one target. */
    logs: z.array(CtLogTarget).default([]),
    /** Entries whose certificate names one of these domains (SAN or CN) are recorded. */
    domains: z.array(CtDomain).default([]),
    /** Sub-domains count as matches ("www.example.org" for "example.org"). */
    includeSubdomains: z.boolean().default(true),
    /** CT log list (v3 JSON, file or URL) naming the logs and giving their keys. */
    logList: z.string().min(1).optional(),
    /**
     * Where monitoring resumes: a previous report.json (its ct-query evidence holds each log's nextIndex) or a JSON
     * object mapping log URL to the next index. A missing file means "no stored position".
     */
    positionsFile: z.string().min(1).optional(),
    /** Without a configured start or a stored position, read this many entries at the end of the log. */
    tailEntries: z.number().int().min(0).max(1_000_000).default(1000),
    /** Entries asked for per get-entries request (logs may answer with fewer). */
    batchSize: z.number().int().min(1).max(1000).default(256),
    /** Entries read per log and scan; a longer window is cut and continues next time. */
    maxEntriesPerLog: z.number().int().min(1).max(10_000_000).default(100_000),
    /** get-entries requests per log and scan. */
    maxRequestsPerLog: z.number().int().min(1).max(100_000).default(2000),
    /** Matching entries recorded per log; more are counted and reported. */
    maxEntriesEmitted: z.number().int().min(1).max(1_000_000).default(5000),
    /** Also fetch the log's accepted roots (get-roots) and record how many there are. */
    getRoots: z.boolean().default(false),
    timeoutMs: durationMs({ max: 600_000 }).default(30_000),
    maxResponseBytes: byteSize({ max: 500_000_000 }).default(20_000_000),
    retries: z.number().int().min(0).max(10).default(2),
    retryBaseDelayMs: durationMs({ min: 0, max: 600_000 }).default(1000),
    maxRetryDelayMs: durationMs({ min: 0, max: 600_000 }).default(30_000),
    /** Largest positions file read. */
    maxPositionsFileBytes: byteSize({ max: 2_000_000_000 }).default(200_000_000),
  })
  .strict();
/** Parsed ct-log configuration. */
export type CtLogConfig = z.infer<typeof CtLogConfig>;
