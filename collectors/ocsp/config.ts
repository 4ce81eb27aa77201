import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';

/** Configuration of the ocsp collector; defaults live here. */
export const OcspConfig = z
  .object({
    /** Ask the AIA OCSP responder of every collected leaf certificate whose issuer is known. */
    fromCertificates: z.boolean().default(true),
    /** Also ask about collected CA certificates (intermediates) that carry an OCSP URL. */
    includeCaCertificates: z.boolean().default(false),
    /** Check OCSP responses stapled by TLS endpoints (and record must-staple certificates served without one). */
    stapled: z.boolean().default(true),
    /** Issuer certificate files (PEM or DER) besides the collected certificates. */
    issuerFiles: z.array(z.string().min(1)).default([]),
    /** CertID hash algorithm. */
    hashAlgorithm: z.enum(['SHA-1', 'SHA-256']).default('SHA-1'),
    /** Send a random nonce (RFC 8954) and record whether the responder echoes it. */
    nonce: z.boolean().default(true),
    /** POST, GET, or auto: GET when the URL with the encoded request fits in 255 bytes (RFC 6960 A.1), else POST. */
    method: z.enum(['POST', 'GET', 'auto']).default('POST'),
    /** Deadline per request (redirects and body included). */
    timeoutMs: durationMs().default(10_000),
    /** Largest response accepted. */
    maxBytes: byteSize().default(256 * 1024),
    /** Most requests per scan; the rest are reported as one problem. */
    maxRequests: z.number().int().positive().default(10_000),
    /** Requests running at once against one responder host (the scan's `concurrency` limits the total). */
    perHostConcurrency: z.number().int().min(1).max(64).default(4),
    /** Repeat the TLS handshake with an endpoint to recover an issuer certificate it served (certificate evidence holds no DER). */
    tlsReprobe: z.boolean().default(true),
  })
  .strict();
/** Parsed ocsp configuration. */
export type OcspConfig = z.infer<typeof OcspConfig>;
