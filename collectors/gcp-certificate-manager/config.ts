import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';

/** Configuration of the gcp-certificate-manager collector; defaults live here. */
export const GcpCertificateManagerConfig = z
  .object({
    /** JSON outputs of `gcloud certificate-manager certificates list --format=json` or `describe ... --format=json`. */
    files: z.array(z.string().min(1)).default([]),
    /** Parents read live with Application Default Credentials: "projects/<project>/locations/<location>" (location "global" for most). */
    parents: z.array(z.string().regex(/^projects\/[a-z0-9-]+\/locations\/[a-z0-9-]+$/, 'expected projects/<project>/locations/<location>')).default([]),
    /** Most certificates read per parent. */
    maxCertificates: z.number().int().positive().default(10_000),
    /** Largest JSON file read. */
    maxFileBytes: byteSize().default(50_000_000),
    /** Per-call timeout of live calls. */
    timeoutMs: durationMs().default(60_000),
    /** Live transport: "rest" (HTTP/1.1 JSON, works through HTTP proxies) or "grpc". */
    transport: z.enum(['rest', 'grpc']).default('rest'),
    /** Service endpoint, e.g. "https://certificatemanager.googleapis.com" (the default) or a Private Service Connect name. */
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
    /** A service-account key file (JSON), relative to the configuration; default: Application Default Credentials. */
    credentialsFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => c.endpoint === undefined || c.transport === 'rest' || c.endpoint.startsWith('https:'), { message: 'an http: endpoint needs transport "rest"', path: ['endpoint'] });
/** Parsed gcp-certificate-manager configuration. */
export type GcpCertificateManagerConfig = z.infer<typeof GcpCertificateManagerConfig>;
