import { isAbsolute, resolve } from 'node:path';
import type { CertificateFacts, CtLogEntryData, CtLogQueryData, CtRequest } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { certificateDnsNames, commonNameOf, matchDomains } from '../../src/ct/domains.js';
import { type CtLogList, DEFAULT_LOG_LIST_MAX_BYTES, loadLogList, normaliseLogUrl } from '../../src/ct/log-list.js';
import { attemptsOf, decodeLogEntry, type DecodedLogEntry, getRoots, getSth, type LogRequestOptions, type RawLogEntry, readWindow } from '../../src/ct/rfc6962.js';
import { describeEmbeddedScts } from '../../src/ct/scts.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { certificateFromTbs, issuerKeyHash, logIdOfKey, verifyTreeHead } from '../../src/pki/sct.js';
import { type CtLogConfig, CtLogConfig as CtLogConfigSchema, type CtLogTarget } from './config.js';

const ID = 'ct-log';

/** Reads windows of RFC 6962 CT logs and records entries whose certificates name the configured domains. */
export default defineCollector({
  id: ID,
  title: 'Certificate Transparency logs',
  description:
    'Reads RFC 6962 CT logs (get-sth, get-entries, optionally get-roots) from a stored position or a configured window and records entries whose certificates name the configured domains.',
  config: CtLogConfigSchema,
  produces: ['ct-log-entry', 'ct-query'],
  phase: 'enrich',
  countTargets: (config) => config.logs.length,
  async collect(config, ctx) {
    if (config.logs.length === 0) return;
    const logList = config.logList !== undefined ? await loadList(config.logList, config.timeoutMs, ctx) : undefined;
    const positions = config.positionsFile !== undefined ? await loadPositions(config.positionsFile, config.maxPositionsFileBytes, ctx) : new Map<string, number>();
    await Promise.all(config.logs.map((target) => ctx.limit(() => collectLog(target, config, ctx, logList, positions))));
  },
});

async function loadList(source: string, timeoutMs: number, ctx: CollectorContext): Promise<CtLogList | undefined> {
  try {
    return await loadLogList(source, ctx, { timeoutMs, maxBytes: DEFAULT_LOG_LIST_MAX_BYTES });
  } catch (error) {
    ctx.problem(source, error);
    return undefined;
  }
}

/**
 * Reads stored positions: a report.json (ct-query evidence of this collector, `nextIndex` per log) or a plain
 * `{ "<log url>": index }` object. A missing file is the first run: no positions, no problem.
 */
async function loadPositions(path: string, maxBytes: number, ctx: CollectorContext): Promise<Map<string, number>> {
  const positions = new Map<string, number>();
  const absolute = isAbsolute(path) ? path : resolve(ctx.baseDir, path);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(await ctx.fs.readFile(absolute, maxBytes)));
  } catch (error) {
    if (error instanceof CollectError && error.code === 'not-found') return positions;
    const message = error instanceof Error ? error.message.split(absolute).join(path) : String(error);
    ctx.problem(path, new CollectError(error instanceof CollectError ? error.code : 'parse', message.startsWith(path) ? message : `${path}: ${message}`, { cause: error }));
    return positions;
  }
  const evidence = (json as { evidence?: unknown } | null)?.evidence;
  if (Array.isArray(evidence)) {
    for (const item of evidence as unknown[]) {
      const { kind, data } = (item ?? {}) as { kind?: unknown; data?: Partial<CtLogQueryData> };
      if (kind === 'ct-query' && data?.source === 'ct-log' && typeof data.logUrl === 'string' && Number.isSafeInteger(data.nextIndex)) {
        positions.set(normaliseLogUrl(data.logUrl), data.nextIndex!);
      }
    }
  } else if (json !== null && typeof json === 'object') {
    for (const [url, index] of Object.entries(json)) if (Number.isSafeInteger(index) && (index as number) >= 0) positions.set(normaliseLogUrl(url), index as number);
  } else {
    ctx.problem(path, new CollectError('parse', `${path}: neither a report nor a map of log URL to index`));
  }
  return positions;
}

interface LogState {
  readonly url: string;
  readonly target: string;
  readonly logList: CtLogList | undefined;
  readonly name: string | undefined;
  readonly key: Uint8Array | undefined;
  readonly requests: CtRequest[];
  entriesRead: number;
  undecodable: number;
  firstUndecodable?: string;
  matched: number;
  emitted: number;
}

async function collectLog(target: CtLogTarget, config: CtLogConfig, ctx: CollectorContext, logList: CtLogList | undefined, positions: ReadonlyMap<string, number>): Promise<void> {
  const configured = typeof target === 'string' ? { url: target } : target;
  const url = normaliseLogUrl(configured.url);
  const info = logList?.byUrl(url);
  const key = configured.key !== undefined ? new Uint8Array(Buffer.from(configured.key, 'base64')) : info?.key;
  const state: LogState = {
    url,
    target: configured.url,
    logList,
    name: configured.name ?? info?.description,
    key,
    requests: [],
    entriesRead: 0,
    undecodable: 0,
    matched: 0,
    emitted: 0,
  };
  const options: LogRequestOptions = {
    timeoutMs: config.timeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    retry: { retries: config.retries, baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.maxRetryDelayMs },
  };
  const summary = (extra: Partial<CtLogQueryData>, complete: boolean): CtLogQueryData => ({
    source: 'ct-log',
    logUrl: url,
    ...(state.name !== undefined ? { logName: state.name } : {}),
    ...(key !== undefined ? { logId: logIdOfKey(key) } : {}),
    entriesRead: state.entriesRead,
    entriesUndecodable: state.undecodable,
    entriesMatched: state.matched,
    entriesEmitted: state.emitted,
    shortReads: 0,
    requests: state.requests,
    domains: config.domains,
    ...extra,
    complete,
  });

  if (info?.api === 'static-ct') {
    ctx.problem(state.target, new CollectError('other', `${url}: the log list names this a static-CT (tiled) log; this collector reads RFC 6962 logs only`));
    ctx.emit('ct-query', state.target, summary({}, false));
    return;
  }

  let roots: number | undefined;
  if (config.getRoots) {
    try {
      const result = await getRoots(url, ctx.http, options);
      roots = result.roots.length;
      state.requests.push({ query: 'get-roots', outcome: 'ok', rows: roots, attempts: result.attempts });
    } catch (error) {
      state.requests.push({ query: 'get-roots', outcome: 'failed', reason: codeOf(error), attempts: attemptsOf(error) });
      ctx.problem(state.target, error);
    }
  }
  const withRoots = roots !== undefined ? { roots } : {};

  let sth;
  try {
    const result = await getSth(url, ctx.http, options);
    sth = result.sth;
    state.requests.push({ query: 'get-sth', outcome: 'ok', attempts: result.attempts });
  } catch (error) {
    state.requests.push({ query: 'get-sth', outcome: 'failed', reason: codeOf(error), attempts: attemptsOf(error) });
    ctx.problem(state.target, error);
    ctx.emit('ct-query', state.target, summary(withRoots, false));
    return;
  }
  let sthSignature: CtLogQueryData['sthSignature'];
  if (key !== undefined) {
    try {
      const status = verifyTreeHead(sth, key);
      sthSignature = status === 'valid' || status === 'unsupported-algorithm' ? status : 'invalid';
    } catch {
      sthSignature = 'invalid'; // a malformed signature structure is as good as a wrong one
    }
  }
  const head = {
    ...withRoots,
    treeSize: sth.treeSize,
    sthTimestamp: new Date(sth.timestampMs).toISOString(),
    ...(sthSignature !== undefined ? { sthSignature } : {}),
  };

  const stored = positions.get(url);
  const startFrom: CtLogQueryData['startFrom'] = configured.start !== undefined ? 'config' : stored !== undefined ? 'stored-position' : 'tail';
  const start = configured.start ?? stored ?? Math.max(0, sth.treeSize - config.tailEntries);
  const wanted = Math.min(configured.end ?? sth.treeSize - 1, sth.treeSize - 1);
  const end = Math.min(wanted, start + config.maxEntriesPerLog - 1);
  if (start > end) {
    ctx.emit('ct-query', state.target, summary({ ...head, startFrom, nextIndex: start }, true));
    return;
  }

  const window = await readWindow(url, start, end, ctx.http, { ...options, batchSize: config.batchSize, maxRequests: config.maxRequestsPerLog }, (first, entries) => {
    entries.forEach((entry, k) => handleEntry(first + k, entry, state, config, ctx));
  });
  state.requests.push(...window.requests);
  state.entriesRead = window.read;
  const complete = window.stopped === undefined && end === wanted && state.matched <= state.emitted;
  ctx.emit(
    'ct-query',
    state.target,
    summary({ ...head, window: { start, end: wanted }, startFrom, shortReads: window.shortReads, nextIndex: window.nextIndex, entriesRead: window.read }, complete),
  );

  if (window.stopped) {
    const code = window.stopped.code === 'budget' ? 'too-large' : (window.stopped.code as CollectError['code']);
    ctx.problem(state.target, new CollectError(code, `${url}: read ${window.read} of ${wanted - start + 1} entries from ${start}; ${window.stopped.message}`));
  } else if (end < wanted) {
    ctx.problem(state.target, new CollectError('too-large', `${url}: window ${start}-${wanted} exceeds maxEntriesPerLog (${config.maxEntriesPerLog}); read up to ${end}, the next scan continues at ${window.nextIndex}`));
  }
  if (state.undecodable > 0) ctx.problem(state.target, new CollectError('parse', `${url}: ${state.undecodable} entries could not be decoded; first ${state.firstUndecodable ?? ''}`));
  if (state.matched > state.emitted) {
    ctx.problem(state.target, new CollectError('too-large', `${url}: ${state.matched} entries matched; ${state.matched - state.emitted} beyond maxEntriesEmitted (${config.maxEntriesEmitted}) not recorded`));
  }
}

function codeOf(error: unknown): string {
  return error instanceof CollectError ? error.code : 'other';
}

/** Whether a CA certificate is a Precertificate Signing Certificate (EKU 1.3.6.1.4.1.11129.2.4.4). */
function isPrecertSigner(facts: CertificateFacts): boolean {
  return facts.extendedKeyUsage.includes('certificateTransparency');
}

function handleEntry(index: number, raw: RawLogEntry, state: LogState, config: CtLogConfig, ctx: CollectorContext): void {
  let entry: DecodedLogEntry;
  let facts: CertificateFacts;
  try {
    entry = decodeLogEntry(raw);
    facts = toCertificateFacts(entry.entryType === 'x509' ? entry.certificate : certificateFromTbs(entry.tbsCertificate));
  } catch (error) {
    state.undecodable++;
    state.firstUndecodable ??= `at index ${index}: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  const dnsNames = certificateDnsNames(facts.subjectAltNames, commonNameOf(facts.subject));
  const matchedDomains = matchDomains(dnsNames, config.domains, config.includeSubdomains);
  if (matchedDomains.length === 0) return;
  state.matched++;
  if (state.emitted >= config.maxEntriesEmitted) return;
  state.emitted++;
  ctx.emit('ct-log-entry', `${state.target}#${index}`, entryData(index, entry, facts, dnsNames, matchedDomains, state));
}

function entryData(index: number, entry: DecodedLogEntry, facts: CertificateFacts, dnsNames: string[], matchedDomains: string[], state: LogState): CtLogEntryData {
  // The issuing CA is the first chain certificate, unless that is a precertificate signing certificate (then the next).
  const chainFacts = entry.chain.slice(0, 2).map((der) => {
    try {
      return toCertificateFacts(der);
    } catch {
      return undefined;
    }
  });
  const issuerIndex = chainFacts[0] && isPrecertSigner(chainFacts[0]) && entry.entryType === 'precert' ? 1 : 0;
  const issuerDer = entry.chain[issuerIndex];
  const issuerFacts = chainFacts[issuerIndex];
  const commonName = commonNameOf(facts.subject);
  const base = {
    source: 'ct-log' as const,
    logUrl: state.url,
    ...(state.name !== undefined ? { logName: state.name } : {}),
    index,
    entryType: entry.entryType,
    loggedAt: new Date(entry.timestampMs).toISOString(),
    issuer: facts.issuer,
    serialNumberHex: facts.serialNumberHex,
    subject: facts.subject,
    ...(commonName !== undefined ? { commonName } : {}),
    dnsNames,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    ...(issuerFacts ? { issuerSha256: issuerFacts.sha256 } : {}),
    matchedDomains,
  };
  if (entry.entryType === 'precert') return { ...base, issuerKeyHash: Buffer.from(entry.issuerKeyHash).toString('hex') };
  let embeddedScts: CtLogEntryData['embeddedScts'] = [];
  try {
    embeddedScts = describeEmbeddedScts(entry.certificate, issuerDer ? [issuerKeyHash(issuerDer)] : [], state.logList);
  } catch {
    embeddedScts = [];
  }
  return { ...base, sha256: facts.sha256, certificate: facts, ...(embeddedScts.length > 0 ? { embeddedScts } : {}) };
}
