import { z } from 'zod';
import { byteSize } from '../../src/config/units.js';

/** Where a keystore password comes from: an environment variable or a file; never the command line or the config itself. */
const PasswordSource = z
  .object({
    /** Name of an environment variable holding the password. */
    env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
    /** Path of a file whose first line is the password (relative to the scan's base directory). */
    file: z.string().min(1).optional(),
    /** Glob patterns of keystore files this password is tried on; all keystores when absent. */
    appliesTo: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((p) => (p.env === undefined) !== (p.file === undefined), { message: 'give exactly one of env or file' });
/** One configured keystore password source. */
export type PasswordSource = z.infer<typeof PasswordSource>;

/** Configuration of the cert-file collector; defaults live here. */
export const CertFileConfig = z
  .object({
    /** Files, folders or globs ("pki/**\/*.pem"), relative to the scan's base directory. */
    paths: z.array(z.string().min(1)).default([]),
    /** Descend into sub-folders. */
    recursive: z.boolean().default(true),
    /** File name endings read inside folders (case-insensitive) when `include` is empty; files named directly are always read. */
    extensions: z
      .array(z.string().min(1))
      .default(['.pem', '.crt', '.cer', '.der', '.ca-bundle', '.p7b', '.p7c', '.p12', '.pfx', '.jks', '.jceks', '.keystore', '.key', 'id_rsa', 'id_ecdsa', 'id_ed25519', 'id_dsa']),
    /** Glob patterns a file inside a folder must match (instead of `extensions`); a pattern without "/" matches the file name. */
    include: z.array(z.string().min(1)).default([]),
    /** Glob patterns of files and folders to skip (matched like `include`). */
    exclude: z.array(z.string().min(1)).default([]),
    /** Read files and folders whose name starts with "." inside folders (named paths are always read). */
    hidden: z.boolean().default(false),
    /** Files larger than this are reported as too large and not read. */
    maxFileBytes: byteSize().default(5_000_000),
    /** Bytes read in total by one scan; files beyond are reported once per path and not read. */
    maxTotalBytes: byteSize().default(1_000_000_000),
    /** Stop after this many files per configured path. */
    maxFiles: z.number().int().positive().default(100_000),
    /** Passwords for PKCS#12 and JKS keystores, tried in order after the empty password. */
    passwords: z.array(PasswordSource).default([]),
    /** Try the empty password on PKCS#12 files (and report when it opens one). */
    tryEmptyPassword: z.boolean().default(true),
  })
  .strict();
/** Parsed cert-file configuration. */
export type CertFileConfig = z.infer<typeof CertFileConfig>;
