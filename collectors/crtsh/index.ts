import type { CtLogEntryData, CtSct } from '../../model/evidence.js';
import { issuerSerialKey } from '../../model/identifiers.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { withDomains } from '../../src/engine/scope-domains.js';
import { CtDomain } from '../../src/ct/config-schemas.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { type CrtshCertificate, downloadCrtshCertificate, mergeCrtshRows, searchCrtsh } from '../../src/ct/crtsh.js';
import { matchDomains } from '../../src/ct/domains.js';
import { type CtLogList, DEFAULT_LOG_LIST_MAX_BYTES, loadLogList } from '../../src/ct/log-list.js';
import { createPacer, type RetryOptions } from '../../src/ct/retry.js';
import { describeEmbeddedScts } from '../../src/ct/scts.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { isPrecertificate } from '../../src/pki/sct.js';
import { CrtshConfig } from './config.js';

const ID = 'crtsh';

/** Searches crt.sh for certificates issued for the configured domains and records each one once. */
export default defineCollector({
  id: ID,
  title: 'crt.sh certificate search',
  description:
    'Searches crt.sh (Certificate Transparency) for certificates naming the configured domains, merges precertificate/certificate pairs and records each certificate, with full facts for a bounded number of downloads.',
  config: CrtshConfig,
  produces: ['ct-log-entry', 'ct-query'],
  phase: 'enrich',
  countTargets: (config) => config.domains.length,
  withScopeDomains: (config, domains) => withDomains(config, domains, CtDomain),
  async collect(config, ctx) {
    if (config.domains.length === 0) return;
    const logList = config.logList !== undefined && config.maxCertificateDownloads > 0 ? await loadList(config.logList, config.timeoutMs, ctx) : undefined;
    const run: Run = {
      config,
      ctx,
      logList,
      retry: { retries: config.retries, baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.maxRetryDelayMs },
      pace: createPacer(config.requestIntervalMs),
      issuerKeys: issuerKeyIndex(ctx),
      emitted: new Set<string>(),
      downloadsLeft: config.maxCertificateDownloads,
    };
    // One domain at a time: crt.sh is a shared service.
    for (const domain of [...new Set(config.domains)]) await ctx.limit(() => collectDomain(domain, run));
  },
});

interface Run {
  readonly config: CrtshConfig;
  readonly ctx: CollectorContext;
  readonly logList: CtLogList | undefined;
  readonly retry: RetryOptions;
  readonly pace: { wait(): Promise<void> };
  /** Lowercased CA subject → SPKI SHA-256 values of discovered CA certificates (to verify embedded SCTs). */
  readonly issuerKeys: ReadonlyMap<string, readonly string[]>;
  /** Keys (issuer|serial) already emitted for an earlier domain. */
  readonly emitted: Set<string>;
  downloadsLeft: number;
}

const dnKey = (dn: string): string => dn.replace(/\s+/g, ' ').trim().toLowerCase();

function issuerKeyIndex(ctx: CollectorContext): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const { data } of ctx.collected('certificate')) {
    if (!data.isCa) continue;
    const list = index.get(dnKey(data.subject)) ?? [];
    if (!list.includes(data.spkiSha256)) list.push(data.spkiSha256);
    index.set(dnKey(data.subject), list);
  }
  return index;
}

async function loadList(source: string, timeoutMs: number, ctx: CollectorContext): Promise<CtLogList | undefined> {
  try {
    return await loadLogList(source, ctx, { timeoutMs, maxBytes: DEFAULT_LOG_LIST_MAX_BYTES });
  } catch (error) {
    ctx.problem(source, error);
    return undefined;
  }
}

async function collectDomain(domain: string, run: Run): Promise<void> {
  const { config, ctx } = run;
  const search = await searchCrtsh(domain, config.includeSubdomains, ctx.http, {
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    excludeExpired: config.excludeExpired,
    ...(config.match !== undefined ? { match: config.match } : {}),
    timeoutMs: config.timeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    retry: run.retry,
    maxRequests: config.maxRequestsPerDomain,
    maxSplitDepth: config.maxSplitDepth,
    pace: () => run.pace.wait(),
  });
  // crt.sh identity search also matches organisation names and e-mail addresses: keep certificates whose DNS names fall under the domain.
  const certificates = mergeCrtshRows(search.rows)
    .filter((c) => matchDomains(c.dnsNames, [domain], config.includeSubdomains).length > 0)
    .sort((a, b) => b.notBefore.localeCompare(a.notBefore) || b.ids[0]! - a.ids[0]!);

  let emitted = 0;
  let downloaded = 0;
  for (const certificate of certificates) {
    if (run.emitted.has(certificate.key)) continue;
    if (emitted >= config.maxEntriesPerDomain) break;
    run.emitted.add(certificate.key);
    emitted++;
    let extra: Partial<CtLogEntryData> = {};
    if (run.downloadsLeft > 0) {
      const result = await download(certificate, run, domain);
      downloaded += result.downloads;
      extra = result.data;
    }
    ctx.emit('ct-log-entry', `${domain}#crt.sh:${certificate.ids[0]}`, {
      source: 'crtsh',
      logUrl: config.baseUrl,
      crtshIds: certificate.ids,
      ...(certificate.issuerCaId !== undefined ? { issuerCaId: certificate.issuerCaId } : {}),
      ...(certificate.loggedAt !== undefined ? { loggedAt: certificate.loggedAt } : {}),
      issuer: certificate.issuer,
      serialNumberHex: certificate.serialNumberHex,
      ...(certificate.commonName !== undefined ? { commonName: certificate.commonName } : {}),
      dnsNames: certificate.dnsNames,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      matchedDomains: matchDomains(certificate.dnsNames, config.domains, config.includeSubdomains),
      ...extra,
    });
  }

  const capped = certificates.filter((c) => !run.emitted.has(c.key)).length;
  const unfetched = search.unfetched.map(({ query, reason }) => ({ query, reason }));
  if (capped > 0) unfetched.push({ query: domain, reason: `maxEntriesPerDomain: ${capped} more certificates not recorded` });
  if (search.invalidRows > 0) unfetched.push({ query: domain, reason: `${search.invalidRows} unreadable rows` });
  ctx.emit('ct-query', domain, {
    source: 'crtsh',
    domain,
    baseUrl: config.baseUrl,
    includeSubdomains: config.includeSubdomains,
    excludeExpired: config.excludeExpired,
    ...(config.match !== undefined ? { match: config.match } : {}),
    requests: search.requests,
    rowsReturned: search.rows.length,
    entries: certificates.length,
    entriesEmitted: emitted,
    certificatesDownloaded: downloaded,
    unfetched,
    complete: unfetched.length === 0,
  });

  const first = search.unfetched[0];
  if (first) {
    const code = first.reason === 'budget' ? 'too-large' : (first.reason as CollectError['code']);
    const total = search.requests.filter((r) => r.outcome !== 'split').length;
    ctx.problem(domain, new CollectError(code, `crt.sh ${domain}: ${search.unfetched.length} of ${total} searches not fetched; first "${first.query}": ${first.message}`));
  }
  if (capped > 0) ctx.problem(domain, new CollectError('too-large', `crt.sh ${domain}: ${certificates.length} certificates found; ${capped} beyond maxEntriesPerDomain (${config.maxEntriesPerDomain}) not recorded`));
  if (search.invalidRows > 0) ctx.problem(domain, new CollectError('parse', `crt.sh ${domain}: ${search.invalidRows} rows unreadable and skipped`));
}

/**
 * Downloads the certificate behind a crt.sh entry: the newest id first (usually the final certificate) and, when that
 * turns out to be a precertificate, the next one. Returns the facts to add and the number of downloads made.
 */
async function download(certificate: CrtshCertificate, run: Run, domain: string): Promise<{ data: Partial<CtLogEntryData>; downloads: number }> {
  const ids = [...certificate.ids].reverse();
  let downloads = 0;
  let precertSeen = false;
  for (const id of ids) {
    if (run.downloadsLeft <= 0) break;
    run.downloadsLeft--;
    downloads++;
    try {
      const bytes = await downloadCrtshCertificate(id, run.ctx.http, { baseUrl: run.config.baseUrl.replace(/\/+$/, ''), timeoutMs: run.config.timeoutMs, retry: run.retry, pace: () => run.pace.wait() });
      const der = readCertificates(bytes, `crt.sh ?d=${id}`).certificates[0]?.der;
      if (!der) throw new CollectError('parse', `crt.sh ?d=${id}: no certificate in the answer`);
      const facts = toCertificateFacts(der);
      if (issuerSerialKey(facts.issuer, facts.serialNumberHex) !== certificate.key) {
        throw new CollectError('parse', `crt.sh ?d=${id}: certificate does not match the search row (issuer or serial differs)`);
      }
      if (isPrecertificate(der)) {
        precertSeen = true;
        continue;
      }
      const embeddedScts: CtSct[] = describeEmbeddedScts(der, (run.issuerKeys.get(dnKey(facts.issuer)) ?? []).map((h) => new Uint8Array(Buffer.from(h, 'hex'))), run.logList);
      return {
        downloads,
        data: {
          entryType: 'x509',
          sha256: facts.sha256,
          subject: facts.subject,
          certificate: facts,
          ...(embeddedScts.length > 0 ? { embeddedScts } : {}),
        },
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = error instanceof CollectError ? error.code : 'other';
      run.ctx.problem(domain, message.startsWith('crt.sh ?d=') ? error : new CollectError(code, `crt.sh ?d=${id}: ${message}`, { cause: error }));
      return { data: {}, downloads };
    }
  }
  return { data: precertSeen && certificate.ids.length === 1 ? { entryType: 'precert' } : {}, downloads };
}
