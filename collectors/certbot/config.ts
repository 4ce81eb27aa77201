import { z } from 'zod';
import { byteSize } from '../../src/config/units.js';

/** Configuration of the certbot collector; defaults live here. */
export const CertbotConfig = z
  .object({
    /** Renewal .conf files, renewal/ folders or certbot configuration folders (/etc/letsencrypt), relative to the scan's base directory. */
    paths: z.array(z.string().min(1)).default([]),
    /**
     * Folder that stands for the host's "/" (a mounted image or a copy of the host): enables the renewal-scheduler check
     * (systemd timers, cron) and maps absolute lineage paths (cert = /etc/letsencrypt/live/…) under it.
     */
    hostRoot: z.string().min(1).optional(),
    /** Read each lineage's live/<name>/cert.pem and emit it as certificate evidence. */
    readCertificates: z.boolean().default(true),
    /** Larger files are reported as too large and not read. */
    maxFileBytes: byteSize().default(1_000_000),
    /** Stop after this many renewal files per configured path. */
    maxFiles: z.number().int().positive().default(10_000),
  })
  .strict();
/** Parsed certbot configuration. */
export type CertbotConfig = z.infer<typeof CertbotConfig>;
