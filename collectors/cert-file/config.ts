import { z } from 'zod';

/** Configuration of the cert-file collector; defaults live here. */
export const CertFileConfig = z
  .object({
    /** Files or folders, relative to the scan's base directory. */
    paths: z.array(z.string().min(1)).default([]),
    /** Descend into sub-folders. */
    recursive: z.boolean().default(true),
    /** File name endings read inside folders (case-insensitive); files named directly are always read. */
    extensions: z.array(z.string().min(1)).default(['.pem', '.crt', '.cer', '.der', '.ca-bundle']),
    /** Files larger than this are reported as too large and not read. */
    maxFileBytes: z.number().int().positive().default(5_000_000),
    /** Stop after this many files per configured path. */
    maxFiles: z.number().int().positive().default(100_000),
  })
  .strict();
/** Parsed cert-file configuration. */
export type CertFileConfig = z.infer<typeof CertFileConfig>;
