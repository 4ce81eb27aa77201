import type { z } from 'zod';
import type { EvidenceKind } from '../../model/evidence.js';
import type { CollectorContext } from './collector-context.js';

/** A collector: observes targets and emits evidence; never judges. */
export interface Collector<C extends z.ZodType = z.ZodType> {
  /** kebab-case, equal to the folder name under collectors/. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Validates the collector's slice of the scan configuration; defaults live here. */
  readonly config: C;
  readonly produces: readonly EvidenceKind[];
  /**
   * "discover" collectors (the default) find certificates and configurations and run first, in parallel.
   * "enrich" collectors (CRL, OCSP, CT) run after them and may read what was discovered through `ctx.collected()`.
   */
  readonly phase?: 'discover' | 'enrich';
  /** Number of targets a parsed config names (for coverage figures). */
  countTargets(config: z.infer<C>): number;
  /**
   * Domain-scoped collectors (crt.sh, CAA, security.txt): returns the config with the policy profile's domains in scope
   * added to the configured ones (valid names only, no duplicates), when the collector's `policyDomains` option allows.
   */
  withScopeDomains?(config: z.infer<C>, domains: readonly string[]): z.infer<C>;
  collect(config: z.infer<C>, ctx: CollectorContext): Promise<void>;
}

/** Declares a collector; an identity function for type inference. */
export function defineCollector<C extends z.ZodType>(collector: Collector<C>): Collector<C> {
  return collector;
}

/** An error a collector throws (or the context's clients throw) with a problem code. */
export class CollectError extends Error {
  override name = 'CollectError';
  constructor(
    readonly code: import('../../model/evidence.js').ProblemCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
