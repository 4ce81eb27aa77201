import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';
import { defaultCacheDir } from '../../model/pkimm/load-model.js';

/** Default CRL cache folder: `<user cache dir>/pkimm-scan/crl` ($PKIMM_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache). */
export const defaultCrlCacheDir = (): string => `${defaultCacheDir()}/crl`;

/** Configuration of the crl collector; defaults live here. */
export const CrlConfig = z
  .object({
    /** Fetch the CRL distribution points of every collected certificate. */
    fromCertificates: z.boolean().default(true),
    /** Extra CRL URLs (http or https) to fetch. */
    urls: z.array(z.url({ protocol: /^https?$/ })).default([]),
    /** CRL files (DER or PEM) to read, relative to the scan's base directory. */
    files: z.array(z.string().min(1)).default([]),
    /** Issuer certificate files (PEM or DER) used to verify CRL signatures besides the collected certificates. */
    issuerFiles: z.array(z.string().min(1)).default([]),
    /** Deadline per CRL download (redirects and body included). */
    timeoutMs: durationMs().default(30_000),
    /** Largest CRL accepted, downloaded or read. */
    maxBytes: byteSize().default(50 * 1024 ** 2),
    /** Most revoked entries accepted in one CRL. */
    maxEntries: z.number().int().positive().default(5_000_000),
    /** Most distinct URLs fetched per scan; the rest are reported as one problem. */
    maxUrls: z.number().int().positive().default(1000),
    /** Downloads running at once against one host (the scan's `concurrency` limits the total). */
    perHostConcurrency: z.number().int().min(1).max(64).default(2),
    /** Repeat the TLS handshake with an endpoint to recover an issuer certificate it served (certificate evidence holds no DER). */
    tlsReprobe: z.boolean().default(true),
    /** On-disk cache for conditional requests (ETag / If-Modified-Since). */
    cache: z
      .object({
        enabled: z.boolean().default(true),
        /** Cache folder; default `<user cache dir>/pkimm-scan/crl`. */
        dir: z.string().min(1).optional(),
        /** Most CRLs kept (least recently used go first). */
        maxEntries: z.number().int().positive().default(200),
        /** Most bytes kept. */
        maxBytes: byteSize().default(1024 ** 3),
      })
      .strict()
      .default({ enabled: true, maxEntries: 200, maxBytes: 1024 ** 3 }),
  })
  .strict();
/** Parsed crl configuration. */
export type CrlConfig = z.infer<typeof CrlConfig>;
