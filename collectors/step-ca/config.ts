import { z } from 'zod';
import { byteSize } from '../../src/config/units.js';

/** Configuration of the step-ca collector; defaults live here. */
export const StepCaConfig = z
  .object({
    /** ca.json files, provisioner snippets, or folders ($STEPPATH, config/), relative to the scan's base directory. */
    paths: z.array(z.string().min(1)).default([]),
    /** Descend into sub-folders of `paths`. */
    recursive: z.boolean().default(true),
    /** File name endings read inside folders (case-insensitive); files named directly are always read. */
    extensions: z.array(z.string().min(1)).default(['.json', '.jsonc']),
    /**
     * Folder that stands for the CA host's "/": absolute certificate paths in ca.json (root, crt, federatedRoots) are
     * read under it. Without it, such certificates are looked up by file name in <STEPPATH>/certs/.
     */
    hostRoot: z.string().min(1).optional(),
    /** Read the root and intermediate certificates ca.json names (never the key). */
    readCertificates: z.boolean().default(true),
    /** Larger files are reported as too large and not read. */
    maxFileBytes: byteSize().default(5_000_000),
    /** Stop after this many files per configured path. */
    maxFiles: z.number().int().positive().default(10_000),
  })
  .strict();
/** Parsed step-ca configuration. */
export type StepCaConfig = z.infer<typeof StepCaConfig>;
