import { isIP } from 'node:net';
import { z } from 'zod';
import { durationMs } from '../../src/config/units.js';
import { CtDomain } from '../../src/ct/config-schemas.js';

/** A DNS server as node's resolver takes it: an IP address with an optional port ("192.0.2.53", "192.0.2.53:5353", "[2001:db8::53]:53"). */
export const DnsServer = z.string().refine((value) => {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  const plain = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
  const [host, port] = bracketed ? [bracketed[1]!, bracketed[2]] : plain ? [plain[1]!, plain[2]] : isIP(value) === 6 ? [value, undefined] : ['', undefined];
  return isIP(host) !== 0 && (port === undefined || (Number(port) >= 1 && Number(port) <= 65_535));
}, 'expected an IP address with an optional port, e.g. "192.0.2.53", "192.0.2.53:5353" or "[2001:db8::53]:53"');

/** Configuration of the dns-caa collector; defaults live here. */
export const DnsCaaConfig = z
  .object({
    /** Domains whose relevant CAA record set is looked up; each is one target. */
    domains: z.array(CtDomain).default([]),
    /** Also look up the policy profile's domains in scope (`scope.domains` and dns-zone scope units). */
    policyDomains: z.boolean().default(true),
    /** Also look up the DNS names of collected public TLS certificates (wildcards as their base name). */
    fromCertificates: z.boolean().default(false),
    /** DNS servers to ask; default: the system's resolvers. */
    servers: z.array(DnsServer).max(16).default([]),
    /** Initial per-query timeout (the resolver backs off on retries). */
    timeoutMs: durationMs({ min: 10, max: 60_000 }).default(3000),
    /** Attempts per query and server. */
    tries: z.number().int().min(1).max(5).default(2),
    /** Domains looked up per scan (configured first, then certificate names); more are counted and reported. */
    maxDomains: z.number().int().min(1).max(100_000).default(500),
    /** DNS queries per scan across all domains (a climb asks one per label). */
    maxQueries: z.number().int().min(1).max(1_000_000).default(5000),
    /** Domains resolved at the same time. */
    concurrency: z.number().int().min(1).max(64).default(8),
  })
  .strict();
/** Parsed dns-caa configuration. */
export type DnsCaaConfig = z.infer<typeof DnsCaaConfig>;
