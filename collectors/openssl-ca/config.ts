import { z } from 'zod';
import { byteSize } from '../../src/config/units.js';

/** Configuration of the openssl-ca collector; defaults live here. */
export const OpenSslCaConfig = z
  .object({
    /** openssl.cnf files or folders holding them, relative to the scan's base directory. */
    paths: z.array(z.string().min(1)).default([]),
    /** Descend into sub-folders of `paths`. */
    recursive: z.boolean().default(true),
    /** File name endings read inside folders (case-insensitive); files named directly are always read. */
    extensions: z.array(z.string().min(1)).default(['.cnf', '.conf', '.cfg']),
    /**
     * Folder no read may leave: `.include`s, index.txt, serial, crlnumber and the CA certificate outside it are not read.
     * Absolute paths in the configuration that are not inside it are read under it, as if it were the host's "/".
     * Default: the folder of each configured path (the file's folder for a file).
     */
    root: z.string().min(1).optional(),
    /** Read the CA database (index.txt), serial and crlnumber files and the CA certificate the configuration names. */
    readDatabase: z.boolean().default(true),
    /** Larger configuration files are reported as too large and not read. */
    maxFileBytes: byteSize().default(1_000_000),
    /** Largest index.txt read. */
    maxDatabaseBytes: byteSize().default(50_000_000),
    /** Stop after this many files per configured path. */
    maxFiles: z.number().int().positive().default(10_000),
  })
  .strict();
/** Parsed openssl-ca configuration. */
export type OpenSslCaConfig = z.infer<typeof OpenSslCaConfig>;
