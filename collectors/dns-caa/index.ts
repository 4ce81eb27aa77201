import { Resolver } from 'node:dns/promises';
import pLimit from 'p-limit';
import type { CaaRecord, DnsCaaDomainSource } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { withDomains } from '../../src/engine/scope-domains.js';
import { CtDomain } from '../../src/ct/config-schemas.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { normaliseDomain } from '../../src/ct/domains.js';
import { defaultPolicy } from '../../src/policy/builtin-profiles.js';
import { isPublicTls } from '../../src/policy/classify.js';
import { type CaaAnswer, climb, issuersOf, valuesOf } from './caa.js';
import { DnsCaaConfig } from './config.js';

const ID = 'dns-caa';

/** Resolver error codes that mean "this name has no CAA records" rather than "the lookup failed". */
const NO_DATA = 'ENODATA';
const NXDOMAIN = 'ENOTFOUND';

const FAILURES: Readonly<Record<string, string>> = {
  ETIMEOUT: 'no answer within the timeout',
  ESERVFAIL: 'the server answered SERVFAIL',
  EREFUSED: 'the server refused the query',
  ECONNREFUSED: 'connection refused',
  EFORMERR: 'the server answered FORMERR',
  EBADRESP: 'malformed answer',
  ECANCELLED: 'query cancelled',
};

/** Looks up the relevant CAA record set (RFC 8659) of each declared domain. */
export default defineCollector({
  id: ID,
  title: 'DNS CAA records',
  description:
    'Finds the relevant CAA record set of each configured domain (and optionally of the names in collected public TLS certificates) by climbing the DNS tree as RFC 8659 §3 describes, and records its issue, issuewild, iodef and contact properties.',
  config: DnsCaaConfig,
  produces: ['dns-caa'],
  // Enrich: certificate names are read from what the discovery collectors found.
  phase: 'enrich',
  countTargets: (config) => config.domains.length,
  withScopeDomains: (config, domains) => withDomains(config, domains, CtDomain),
  async collect(config, ctx) {
    const targets = domainsToLookUp(config, ctx);
    ctx.reportTargets(targets.length);
    const kept = targets.slice(0, config.maxDomains);
    if (targets.length > kept.length) {
      ctx.problem(ID, new CollectError('too-large', `${targets.length} domains to look up; ${targets.length - kept.length} beyond maxDomains (${config.maxDomains}) not looked up`));
    }
    const resolver = new Resolver({ timeout: config.timeoutMs, tries: config.tries });
    if (config.servers.length > 0) resolver.setServers(config.servers);
    const lookup = cachedLookup(resolver, config.maxQueries);
    const limit = pLimit(config.concurrency);
    await Promise.all(kept.filter((t) => ctx.ownsTarget(t.domain)).map((t) => limit(() => ctx.limit(() => lookUpDomain(t.domain, t.source, lookup, ctx)))));
  },
});

interface Target {
  readonly domain: string;
  readonly source: DnsCaaDomainSource;
}

/** Configured domains first, then (with `fromCertificates`) the DNS names of collected public TLS certificates; unique. */
function domainsToLookUp(config: DnsCaaConfig, ctx: CollectorContext): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  const add = (domain: string, source: DnsCaaDomainSource): void => {
    if (seen.has(domain)) return;
    seen.add(domain);
    out.push({ domain, source });
  };
  for (const domain of config.domains) add(domain, 'configured');
  if (config.fromCertificates) {
    const names = new Set<string>();
    for (const { data } of ctx.collected('certificate')) {
      if (!isPublicTls(data, defaultPolicy)) continue;
      for (const san of data.subjectAltNames) {
        const name = san.startsWith('DNS:') ? normaliseDomain(san.slice(4)) : undefined;
        if (name !== undefined) names.add(name);
      }
    }
    for (const name of [...names].sort()) add(name, 'certificate-san');
  }
  return out;
}

/** Wraps the resolver: one query per name per scan (climbs share ancestors), at most `maxQueries` in all. */
function cachedLookup(resolver: Resolver, maxQueries: number): (name: string) => Promise<CaaAnswer> {
  const cache = new Map<string, Promise<CaaAnswer>>();
  return (name) => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    if (cache.size >= maxQueries) return Promise.reject(new CollectError('too-large', `CAA ${name}: maxQueries (${maxQueries}) reached, not asked`));
    const answer = resolveCaa(resolver, name);
    cache.set(name, answer);
    return answer;
  };
}

/** Asks for the CAA RRset at one name; no-data and NXDOMAIN are answers, every other outcome a CollectError. */
async function resolveCaa(resolver: Resolver, name: string): Promise<CaaAnswer> {
  try {
    const answers = await resolver.resolveCaa(name);
    if (answers.length === 0) return { result: 'no-data' };
    return { result: 'records', records: answers.flatMap(toRecords) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === NO_DATA) return { result: 'no-data' };
    if (code === NXDOMAIN) return { result: 'nxdomain' };
    throw new CollectError(code === 'ETIMEOUT' ? 'timeout' : 'dns', `CAA ${name}: ${FAILURES[code] ?? 'lookup failed'} (${code || 'unknown error'})`, { cause: error });
  }
}

/** node:dns gives one object per record: `critical` (the flags octet) and one key named after the tag. */
function toRecords(answer: object): CaaRecord[] {
  const entries = Object.entries(answer as Record<string, unknown>);
  const flags = Number((answer as { critical?: unknown }).critical ?? 0);
  return entries.filter(([key]) => key !== 'critical').map(([tag, value]) => ({ flags, tag: tag.toLowerCase(), value: String(value) }));
}

async function lookUpDomain(domain: string, source: DnsCaaDomainSource, lookup: (name: string) => Promise<CaaAnswer>, ctx: CollectorContext): Promise<void> {
  try {
    const found = await climb(domain, lookup);
    ctx.emit(ID, domain, {
      domain,
      source,
      outcome: found.foundAt === undefined ? 'none' : 'found',
      ...(found.foundAt === undefined ? {} : { foundAt: found.foundAt }),
      lookups: found.lookups,
      records: found.records,
      issuers: issuersOf(found.records),
      iodef: valuesOf(found.records, 'iodef'),
      contactEmails: valuesOf(found.records, 'contactemail'),
      contactPhones: valuesOf(found.records, 'contactphone'),
    });
  } catch (error) {
    ctx.problem(domain, error instanceof CollectError ? error : new CollectError('dns', `CAA ${domain}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
  }
}
