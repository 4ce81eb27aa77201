import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';

/** Configuration of the aws-acm collector; defaults live here. */
export const AwsAcmConfig = z
  .object({
    /** JSON outputs of `aws acm list-certificates`, `describe-certificate`, `get-certificate` (single, or an array of them). */
    files: z.array(z.string().min(1)).default([]),
    /** Regions to read live through the AWS SDK with the standard credential chain; none means no live access. */
    regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as eu-west-1')).default([]),
    /** Named profile of the shared AWS config files (like AWS_PROFILE); the default chain when absent. */
    profile: z.string().min(1).optional(),
    /** Most certificates read per region. */
    maxCertificates: z.number().int().positive().default(10_000),
    /** Largest JSON file read. */
    maxFileBytes: byteSize().default(50_000_000),
    /** Per-request timeout of live calls. */
    timeoutMs: durationMs().default(30_000),
    /** Attempts per live call (the SDK retries throttling and transient errors). */
    maxAttempts: z.number().int().min(1).max(10).default(3),
  })
  .strict();
/** Parsed aws-acm configuration. */
export type AwsAcmConfig = z.infer<typeof AwsAcmConfig>;
