import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';
import { CtDomain, HttpUrl } from '../../src/ct/config-schemas.js';

/** crt.sh match modes (sent as `match=`). */
export const CrtshMatch = z.enum(['=', 'ILIKE', 'LIKE', 'single', 'any', 'FTS']);

/** Configuration of the crtsh collector; defaults live here. */
export const CrtshConfig = z
  .object({
    /** Domains to search for, e.g. ["example.org"]; each is one target. */
    domains: z.array(CtDomain).default([]),
    /** Also search for the policy profile's domains in scope (`scope.domains` and dns-zone scope units). */
    policyDomains: z.boolean().default(true),
    /** Also search "%.<domain>" (every sub-domain) besides the domain itself. */
    includeSubdomains: z.boolean().default(true),
    /** Ask crt.sh to leave out expired certificates (`exclude=expired`). */
    excludeExpired: z.boolean().default(true),
    /** crt.sh match mode for the exact-domain search (and for "%" searches when LIKE or ILIKE). Default: crt.sh's own. */
    match: CrtshMatch.optional(),
    /** crt.sh or a mirror with the same interface. */
    baseUrl: HttpUrl.default('https://crt.sh'),
    /** Per request; crt.sh is slow for large domains. */
    timeoutMs: durationMs({ max: 600_000 }).default(60_000),
    /** Larger answers count as truncated and the search is split. */
    maxResponseBytes: byteSize({ max: 500_000_000 }).default(50_000_000),
    /** Retries after HTTP 429/5xx, timeouts and refused connections, with exponential backoff. */
    retries: z.number().int().min(0).max(10).default(3),
    retryBaseDelayMs: durationMs({ min: 0, max: 600_000 }).default(5000),
    maxRetryDelayMs: durationMs({ min: 0, max: 600_000 }).default(60_000),
    /** Pause between two requests to crt.sh (searches and downloads, across all domains). */
    requestIntervalMs: durationMs({ min: 0, max: 600_000 }).default(2000),
    /** Requests one domain may use, splits included. */
    maxRequestsPerDomain: z.number().int().min(1).max(1000).default(60),
    /** How often a "%.<domain>" search that fails or is truncated may be narrowed by the next character of the name. */
    maxSplitDepth: z.number().int().min(0).max(4).default(2),
    /** Certificates recorded per domain (most recent notBefore first); more are counted and reported. */
    maxEntriesPerDomain: z.number().int().min(1).max(1_000_000).default(5000),
    /** Full certificates downloaded from crt.sh (`?d=<id>`) per scan, most recent first; 0 records search metadata only. */
    maxCertificateDownloads: z.number().int().min(0).max(10_000).default(0),
    /** CT log list (v3 JSON, file or URL) naming the logs of SCTs in downloaded certificates. */
    logList: z.string().min(1).optional(),
  })
  .strict();
/** Parsed crtsh configuration. */
export type CrtshConfig = z.infer<typeof CrtshConfig>;
