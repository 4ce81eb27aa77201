// The policy profile's domains in scope, handed to the collectors that search or look up by domain, so a profile that
// declares `scope.domains` (or dns-zone units) does not have to repeat them in every collector's configuration.
import type { z } from 'zod';
import type { PolicyProfile } from '../policy/profile.js';

/** The profile's domains in scope: `scope.domains`, then the zones of dns-zone scope units; in order, unique. */
export function policyScopeDomains(policy: Pick<PolicyProfile, 'scope'>): string[] {
  const zones = policy.scope.units.filter((u) => u.kind === 'dns-zone').map((u) => u.match);
  return [...new Set([...policy.scope.domains, ...zones])];
}

/**
 * Adds `extra` to `configured` for a collector whose `domains` option is checked by `schema`: names the schema rejects
 * (a glob, an IP address) are left out, names already configured are not repeated. Configured names come first.
 */
export function withDomains<T extends { readonly domains: readonly string[]; readonly policyDomains: boolean }>(config: T, extra: readonly string[], schema: z.ZodType<string, string>): T {
  if (!config.policyDomains || extra.length === 0) return config;
  const domains = [...config.domains];
  const seen = new Set(domains);
  for (const raw of extra) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success || seen.has(parsed.data)) continue;
    seen.add(parsed.data);
    domains.push(parsed.data);
  }
  return domains.length === config.domains.length ? config : { ...config, domains };
}
