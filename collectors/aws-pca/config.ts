import { z } from 'zod';
import { durationMs } from '../../src/config/units.js';
import { fileOptions } from '../../src/ca-config/config-files.js';

/** Live listing through the AWS API (credentials from the SDK's default chain: environment, profile, instance role). */
export const AwsPcaLive = z
  .object({
    /** Regions whose certificate authorities are listed, e.g. ["eu-west-1"]. */
    regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as "eu-west-1"')).min(1),
    /** Most certificate authorities read per region. */
    maxCas: z.number().int().positive().default(1000),
    /** Deadline for each API call, retries included. */
    timeoutMs: durationMs().default(30_000),
  })
  .strict();

/** Configuration of the aws-pca collector; defaults live here. */
export const AwsPcaConfig = z
  .object({
    ...fileOptions(['.json']),
    /** List certificate authorities through the API besides reading files. */
    live: AwsPcaLive.optional(),
  })
  .strict();
/** Parsed aws-pca configuration. */
export type AwsPcaConfig = z.infer<typeof AwsPcaConfig>;
