import { isAbsolute, resolve } from 'node:path';
import type { CrlFetchedData, CrlFetchFacts, CrlRevokedCertificate, CrlSource } from '../../model/evidence.js';
import type { CollectorContext, HttpResponse } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { FETCHABLE_SCHEMES } from '../../src/engine/net-guard.js';
import { CrlIndex, crlDerFromBytes, parseCrl, type ParsedCrl, verifyCrlSignature } from '../../src/pki/crl-facts.js';
import { CertificateStore, hostOf, KeyedLimit, type KnownCertificate } from './certificate-store.js';
import { CrlConfig, defaultCrlCacheDir } from './config.js';

const ID = 'crl';
/** Largest certificate file read back to recover an issuer (issuer files, cert-file sightings). */
const MAX_CERTIFICATE_FILE_BYTES = 5_000_000;

/** One URL to fetch and the collected certificates that point at it. */
interface UrlTask {
  readonly url: string;
  readonly source: CrlSource;
  readonly sourceCertificates: Set<string>;
}

/** Downloads CRLs from distribution points and configured URLs, reads CRL files, verifies them and checks collected certificates. */
export default defineCollector({
  id: ID,
  title: 'Certificate revocation lists',
  description:
    'Fetches the CRL of every distribution point of collected certificates (and configured URLs and files), verifies its signature and records issuer, update times, CRL number, scope, size, reasons and which collected certificates it lists as revoked.',
  config: CrlConfig,
  produces: ['crl'],
  phase: 'enrich',
  countTargets: (config) => config.urls.length + config.files.length,
  async collect(config, ctx) {
    const store = new CertificateStore(
      ctx,
      { issuerFiles: config.issuerFiles, tlsReprobe: config.tlsReprobe, timeoutMs: config.timeoutMs, maxFileBytes: MAX_CERTIFICATE_FILE_BYTES },
      (file) => `issuerFiles:${file}`,
    );
    const tasks = new Map<string, UrlTask>();
    for (const url of config.urls) tasks.set(url, { url, source: 'configured-url', sourceCertificates: new Set() });
    const notFetched = new Map<string, Set<string>>();
    if (config.fromCertificates) {
      for (const cert of store.collected()) {
        for (const url of cert.facts.crlUrls) {
          let scheme: string;
          try {
            scheme = new URL(url).protocol;
          } catch {
            ctx.problem(url, new CollectError('parse', `${cert.sha256.slice(0, 16)}…: CRL distribution point "${url}" is not a URL`));
            continue;
          }
          if (!FETCHABLE_SCHEMES.has(scheme)) {
            const seen = notFetched.get(url) ?? new Set<string>();
            seen.add(cert.sha256);
            notFetched.set(url, seen);
            continue;
          }
          const task = tasks.get(url) ?? { url, source: 'cdp', sourceCertificates: new Set<string>() };
          task.sourceCertificates.add(cert.sha256);
          tasks.set(url, task);
        }
      }
    }
    for (const [url, certs] of notFetched) {
      ctx.emit('crl', url, { status: 'not-fetched', source: 'cdp', url, scheme: url.slice(0, url.indexOf(':')).toLowerCase(), reason: 'unsupported-scheme', sourceCertificates: [...certs].sort() });
    }

    const all = [...tasks.values()].sort((a, b) => a.url.localeCompare(b.url));
    const fetched = all.slice(0, config.maxUrls);
    if (all.length > fetched.length) {
      ctx.problem('crl:urls', new CollectError('too-large', `${all.length} CRL URLs found; only the first ${config.maxUrls} (maxUrls) were fetched`));
    }
    const perHost = new KeyedLimit(config.perHostConcurrency);
    const cacheDir = config.cache.dir === undefined ? defaultCrlCacheDir() : isAbsolute(config.cache.dir) ? config.cache.dir : resolve(ctx.baseDir, config.cache.dir);
    await Promise.all([
      ...fetched.map((task) => perHost.run(hostOf(task.url), () => ctx.limit(() => fetchUrl(task, config, cacheDir, store, ctx)))),
      ...config.files.map((file) => ctx.limit(() => readFileCrl(file, config, store, ctx))),
    ]);
  },
});

async function fetchUrl(task: UrlTask, config: CrlConfig, cacheDir: string, store: CertificateStore, ctx: CollectorContext): Promise<void> {
  try {
    const options = { timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, headers: { Accept: 'application/pkix-crl, application/x-pkcs7-crl;q=0.5, */*;q=0.1' } };
    let response: HttpResponse;
    let fromCache = false;
    let validators: { etag?: string; lastModified?: string } = {};
    if (config.cache.enabled) {
      const r = await ctx.http.getConditional(task.url, { ...options, cache: { dir: cacheDir, maxEntries: config.cache.maxEntries, maxTotalBytes: config.cache.maxBytes } });
      response = r;
      fromCache = r.fromCache;
      validators = { ...(r.etag !== undefined ? { etag: r.etag } : {}), ...(r.lastModified !== undefined ? { lastModified: r.lastModified } : {}) };
    } else {
      response = await ctx.http.request(task.url, options);
      if (response.status < 200 || response.status > 299) throw new CollectError('http-status', `${task.url}: HTTP ${response.status}`);
    }
    const fetch: CrlFetchFacts = {
      httpStatus: response.status,
      latencyMs: response.latencyMs,
      fromCache,
      redirects: response.redirects.length,
      ...(response.redirects.length > 0 ? { finalUrl: response.url } : {}),
      ...validators,
      ...(response.headers['content-type'] !== undefined ? { contentType: response.headers['content-type'] } : {}),
    };
    await analyse(response.body, { source: task.source, url: task.url, fetch, sourceCertificates: [...task.sourceCertificates].sort() }, task.url, config, store, ctx);
  } catch (error) {
    ctx.problem(task.url, error instanceof CollectError && error.message.includes(task.url) ? error : withTarget(error, task.url));
  }
}

async function readFileCrl(file: string, config: CrlConfig, store: CertificateStore, ctx: CollectorContext): Promise<void> {
  const abs = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
  try {
    const bytes = await ctx.fs.readFile(abs, config.maxBytes);
    await analyse(bytes, { source: 'file', file, sourceCertificates: [] }, file, config, store, ctx);
  } catch (error) {
    const code = error instanceof CollectError ? error.code : 'other';
    const message = (error instanceof Error ? error.message : String(error)).split(abs).join(file);
    ctx.problem(file, new CollectError(code, message.startsWith(file) ? message : `${file}: ${message}`, { cause: error }));
  }
}

function withTarget(error: unknown, target: string): CollectError {
  const code = error instanceof CollectError ? error.code : 'other';
  const message = error instanceof Error ? error.message : String(error);
  return new CollectError(code, `${target}: ${message}`, { cause: error });
}

interface Origin {
  readonly source: CrlSource;
  readonly url?: string;
  readonly file?: string;
  readonly fetch?: CrlFetchFacts;
  readonly sourceCertificates: readonly string[];
}

/** Parses, verifies and checks one CRL, then emits its evidence. Throws CrlParseError on unreadable bytes. */
async function analyse(bytes: Uint8Array, origin: Origin, target: string, config: CrlConfig, store: CertificateStore, ctx: CollectorContext): Promise<void> {
  const format = bytes.length > 0 && bytes[0] === 0x30 ? 'DER' : 'PEM';
  const parsed = parseCrl(crlDerFromBytes(bytes), { maxEntries: config.maxEntries });
  const f = parsed.facts;
  const { signature, issuerCertificate } = await verifyWithKnownIssuer(parsed, store);
  const covered = store.collected().filter((c) => covers(parsed, c));
  const revokedCertificates: CrlRevokedCertificate[] = [];
  if (covered.length > 0) {
    const index = CrlIndex.fromCrl(parsed);
    for (const cert of covered) {
      const entry = index.lookup(cert.facts.serialNumberHex);
      if (entry) revokedCertificates.push({ sha256: cert.sha256, ...entry, serialNumberHex: cert.facts.serialNumberHex });
    }
    revokedCertificates.sort((a, b) => a.sha256.localeCompare(b.sha256));
  }
  const observed = ctx.now().getTime();
  const data: CrlFetchedData = {
    status: 'fetched',
    source: origin.source,
    ...(origin.url !== undefined ? { url: origin.url } : {}),
    ...(origin.file !== undefined ? { file: origin.file } : {}),
    ...(origin.fetch !== undefined ? { fetch: origin.fetch } : {}),
    format,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    issuer: f.issuer,
    thisUpdate: f.thisUpdate,
    ...(f.nextUpdate !== undefined ? { nextUpdate: f.nextUpdate, headroomSeconds: Math.floor((Date.parse(f.nextUpdate) - observed) / 1000) } : {}),
    hasNextUpdate: f.nextUpdate !== undefined,
    ...(f.crlNumber !== undefined ? { crlNumber: f.crlNumber } : {}),
    isDelta: f.isDelta,
    ...(f.deltaCrlIndicator !== undefined ? { deltaCrlIndicator: f.deltaCrlIndicator } : {}),
    freshestCrlUrls: f.freshestCrlUrls,
    ...(f.hasIssuingDistributionPoint ? { issuingDistributionPoint: { urls: f.idpUrls, ...scopeOf(parsed) } } : {}),
    ...(f.authorityKeyId !== undefined ? { authorityKeyId: f.authorityKeyId } : {}),
    entryCount: f.entryCount,
    reasonCounts: f.reasonCounts,
    signatureAlgorithm: f.signatureAlgorithm,
    signatureAlgorithmOid: f.signatureAlgorithmOid,
    signature,
    ...(issuerCertificate !== undefined ? { issuerCertificate } : {}),
    sourceCertificates: origin.sourceCertificates,
    checkedCertificates: covered.length,
    revokedCertificates,
  };
  ctx.emit('crl', target, data);
}

function scopeOf(parsed: ParsedCrl): Omit<NonNullable<CrlFetchedData['issuingDistributionPoint']>, 'urls'> {
  const s = parsed.facts.idpScope;
  return {
    onlyContainsUserCerts: s?.onlyContainsUserCerts ?? false,
    onlyContainsCACerts: s?.onlyContainsCACerts ?? false,
    onlyContainsAttributeCerts: s?.onlyContainsAttributeCerts ?? false,
    onlySomeReasons: s?.onlySomeReasons ?? false,
    indirectCrl: s?.indirectCrl ?? false,
  };
}

/** Tries every candidate issuer (same name, matching key identifier) until one key verifies the signature. */
async function verifyWithKnownIssuer(parsed: ParsedCrl, store: CertificateStore): Promise<{ signature: CrlFetchedData['signature']; issuerCertificate?: string }> {
  const candidates = await store.issuerCandidates(parsed.facts.issuer, parsed.issuerDer, parsed.facts.authorityKeyId);
  if (candidates.length === 0) return { signature: 'issuer-unknown' };
  for (const { cert, parts } of candidates) {
    if (verifyCrlSignature(parsed, parts.spkiDer)) return { signature: 'valid', issuerCertificate: cert.sha256 };
  }
  return { signature: 'invalid' };
}

/**
 * Whether the CRL covers a collected certificate: same issuer name, matching key identifiers when both are known,
 * and inside the issuingDistributionPoint's scope (user/CA flags; the certificate's CDP names one of the IDP's URLs).
 */
function covers(parsed: ParsedCrl, cert: KnownCertificate): boolean {
  const f = parsed.facts;
  if (cert.facts.issuer !== f.issuer) return false;
  if (f.authorityKeyId !== undefined && cert.facts.authorityKeyIdentifier !== undefined && f.authorityKeyId !== cert.facts.authorityKeyIdentifier) return false;
  if (f.idpScope?.onlyContainsUserCerts === true && cert.facts.isCa) return false;
  if (f.idpScope?.onlyContainsCACerts === true && !cert.facts.isCa) return false;
  if (f.idpScope?.onlyContainsAttributeCerts === true) return false;
  if (f.idpUrls.length > 0 && cert.facts.crlUrls.length > 0 && !cert.facts.crlUrls.some((u) => f.idpUrls.includes(u))) return false;
  return true;
}
