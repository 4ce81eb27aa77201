import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { CertificateFacts, Sighting, TlsEndpointData, TlsOfferResult, TlsVersionName, WeakSuiteFamily } from '../../model/evidence.js';
import type { CollectorContext, TlsProbe, TlsProbeOptions } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { TlsEndpointConfig, toSpec } from './config.js';
import { starttlsDialogues } from './starttls.js';
import { expandTargets, parseTargetsFile, specSize, type ExpandedTarget, type TargetSpec } from './targets.js';
import { startProbeWorkers, type WorkerProbe } from './worker-pool.js';

const ID = 'tls-endpoint';
const MAX_CA_FILE_BYTES = 5_000_000;
const MAX_TARGETS_FILE_BYTES = 10_000_000;
/** ALPN offered in the main handshake of direct-TLS targets, as browsers do. */
const ALPN = ['h2', 'http/1.1'] as const;

/** Protocol versions the optional version probe offers, one at a time. */
export const PROBED_VERSIONS: readonly TlsVersionName[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * OpenSSL cipher strings per weak suite family, offered alone with TLS 1.0–1.2. Node 20's OpenSSL 3.0 has no RC4,
 * 3DES or export suites, so those families come back `untestable`.
 */
export const WEAK_SUITE_CIPHERS: Readonly<Record<WeakSuiteFamily, string>> = {
  RC4: 'RC4:@SECLEVEL=0',
  '3DES': '3DES:@SECLEVEL=0',
  'CBC-SHA1': 'AES+SHA1:CAMELLIA+SHA1:!aNULL:!eNULL:@SECLEVEL=0',
  'RSA-KX': 'kRSA:!aNULL:!eNULL:@SECLEVEL=0',
  NULL: 'eNULL:@SECLEVEL=0',
  EXPORT: 'EXP:@SECLEVEL=0',
};

/** OpenSSL errors raised on this side before anything is sent: the local library cannot offer what was asked. */
const LOCAL_LIMITATIONS = new Set(['ERR_SSL_NO_CIPHER_MATCH', 'ERR_SSL_NO_PROTOCOLS_AVAILABLE', 'ERR_SSL_NO_CIPHERS_AVAILABLE', 'ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED']);

/**
 * Targets from which `workers: auto` (the default) runs handshakes in worker threads: below it, starting the workers
 * costs more than they save (see BENCHMARKS.md, "TLS endpoints").
 */
export const AUTO_WORKERS_MIN_TARGETS = 512;

/** Connects to TLS endpoints and records the handshake and every served certificate. */
export default defineCollector({
  id: ID,
  title: 'TLS endpoints',
  description:
    'Performs a TLS handshake (after STARTTLS where needed) with each endpoint and records protocol, cipher, key exchange, ALPN, stapled OCSP, the served chain and whether it is trusted; optionally which versions and weak suites it accepts.',
  config: TlsEndpointConfig,
  produces: ['tls-endpoint', 'certificate'],
  // Targets files are read during collection, so only inline targets are counted here.
  countTargets: (config) => expandInline(config).length,
  async collect(config, ctx) {
    const ca = await loadTrustAnchors(config.caFiles, ctx);
    const inline = expandInline(config);
    const all = dedupe([...inline, ...(await loadTargetsFiles(config, config.maxTargets - inline.length, ctx))]);
    ctx.reportTargets(all.length);
    // In a sharded scan (--shard i/n) this process probes only the targets its shard owns.
    const unique = all.filter((target) => ctx.ownsTarget(target.label));
    if (unique.length === 0) return;
    // "auto": one worker per core for scans large enough to pay for starting them, with more than one handshake at a time
    // (one at a time gains nothing from threads), and only in place of the scan's own node:tls probe (a probe given by
    // a library caller or a test is kept); a number always uses that many workers.
    const auto = config.workers === 'auto';
    const useAuto = auto && unique.length >= AUTO_WORKERS_MIN_TARGETS && (ctx.concurrency ?? Infinity) > 1 && ctx.tls.inProcess === true;
    const workers = Math.min(auto ? (useAuto ? availableParallelism() : 0) : (config.workers as number), unique.length);
    let pool: WorkerProbe | undefined;
    if (workers > 0) {
      try {
        pool = await startProbeWorkers(workers);
      } catch (error) {
        ctx.log.warn(`tls-endpoint: worker threads unavailable, probing in the main thread (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    const probe = pool ?? ctx.tls;
    const seen: SeenCertificates = { facts: new Map(), sightings: new Map() };
    try {
      await Promise.all(unique.map((target) => ctx.limit(() => probeTarget(target, probe, config, ca, seen, ctx))));
    } finally {
      await pool?.close();
      // One emit per distinct certificate with all its sightings: linear in the number of endpoints, however many
      // of them share an intermediate.
      for (const { facts, target, sightings } of seen.sightings.values()) ctx.emit('certificate', target, { ...facts, sightings });
    }
  },
});

/** Certificates seen during one collection: parsed facts (or the parse error) per DER hash, sightings per certificate. */
interface SeenCertificates {
  readonly facts: Map<string, CertificateFacts | Error>;
  readonly sightings: Map<string, { readonly facts: CertificateFacts; readonly target: string; readonly sightings: Sighting[] }>;
}

function expandInline(config: TlsEndpointConfig): ExpandedTarget[] {
  const specs = config.targets.map(toSpec).filter((s): s is TargetSpec => s !== undefined);
  return expandTargets(specs, defaultsOf(config), config.maxTargets);
}

function defaultsOf(config: TlsEndpointConfig): Parameters<typeof expandTargets>[1] {
  return { starttls: config.starttls, ...(config.serverName !== undefined ? { serverName: config.serverName } : {}) };
}

function dedupe(targets: readonly ExpandedTarget[]): ExpandedTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.host}|${t.port}|${t.serverName ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function loadTargetsFiles(config: TlsEndpointConfig, budgetLeft: number, ctx: CollectorContext): Promise<ExpandedTarget[]> {
  let budget = budgetLeft;
  const out: ExpandedTarget[] = [];
  for (const file of config.targetsFiles) {
    const label = `targetsFiles:${file}`;
    const abs = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await ctx.fs.readFile(abs, MAX_TARGETS_FILE_BYTES));
    } catch (error) {
      const code = error instanceof CollectError ? error.code : error instanceof TypeError ? 'parse' : 'other';
      const message = (error instanceof Error ? error.message : String(error)).split(abs).join(file);
      ctx.problem(label, new CollectError(code, `targets file ${error instanceof TypeError ? `${file}: not UTF-8 text` : message}`, { cause: error }));
      continue;
    }
    const { specs, problems } = parseTargetsFile(text);
    if (problems.length > 0) {
      const first = problems[0]!;
      ctx.problem(label, new CollectError('parse', `targets file ${file}: ${problems.length} malformed line(s), skipped; line ${first.line}: ${first.reason}`));
    }
    const size = specs.reduce((sum, s) => sum + specSize(s), 0n);
    if (size > BigInt(budget)) {
      ctx.problem(label, new CollectError('too-large', `targets file ${file}: expands to ${size} probes, over the remaining maxTargets budget of ${budget}; not probed`));
      continue;
    }
    const expanded = expandTargets(specs, defaultsOf(config), budget);
    budget -= expanded.length;
    out.push(...expanded);
  }
  return out;
}

async function loadTrustAnchors(files: readonly string[], ctx: CollectorContext): Promise<string[]> {
  const pems: string[] = [];
  for (const file of files) {
    const abs = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
    try {
      const bytes = await ctx.fs.readFile(abs, MAX_CA_FILE_BYTES);
      const { certificates } = readCertificates(bytes, file);
      if (certificates.length === 0) throw new CollectError('parse', `${file}: no certificate found`);
      for (const { der } of certificates) {
        const b64 = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
        pems.push(`-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`);
      }
    } catch (error) {
      const code = error instanceof CollectError ? error.code : 'other';
      const message = (error instanceof Error ? error.message : String(error)).split(abs).join(file);
      ctx.problem(`caFiles:${file}`, new CollectError(code, `CA file ${message}`, { cause: error }));
    }
  }
  return pems;
}

function baseOptions(target: ExpandedTarget, config: TlsEndpointConfig, ca: readonly string[]): TlsProbeOptions {
  return {
    host: target.host,
    port: target.port,
    ...(target.serverName !== undefined ? { serverName: target.serverName } : {}),
    ...(target.starttls !== undefined ? { starttls: starttlsDialogues[target.starttls] } : {}),
    timeoutMs: config.timeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    starttlsTimeoutMs: config.starttlsTimeoutMs,
    handshakeTimeoutMs: config.handshakeTimeoutMs,
    retries: config.retries,
    retryBackoffMs: config.retryBackoffMs,
    maxChainLength: config.maxChainLength,
    maxChainBytes: config.maxChainBytes,
    ...(ca.length > 0 ? { ca } : {}),
  };
}

async function probeTarget(
  target: ExpandedTarget,
  probe: TlsProbe,
  config: TlsEndpointConfig,
  ca: readonly string[],
  seen: SeenCertificates,
  ctx: CollectorContext,
): Promise<void> {
  const { label } = target;
  const base = baseOptions(target, config, ca);
  let result;
  try {
    result = await probe.probe({ ...base, requestOcsp: true, ...(target.starttls === undefined ? { alpn: ALPN } : {}) });
  } catch (error) {
    ctx.problem(label, error);
    return;
  }
  const chain: string[] = [];
  result.chain.forEach((der, i) => {
    const key = createHash('sha256').update(der).digest('hex');
    let parsed = seen.facts.get(key);
    if (!parsed) {
      try {
        parsed = toCertificateFacts(der);
      } catch (error) {
        parsed = error instanceof Error ? error : new Error(String(error));
      }
      seen.facts.set(key, parsed);
    }
    if (parsed instanceof Error) {
      ctx.problem(label, new CollectError('parse', `${label}: chain[${i}]: ${parsed.message}`));
      return;
    }
    chain.push(parsed.sha256);
    const sighting: Sighting = { collector: ID, target: label, location: `chain[${i}]` };
    const entry = seen.sightings.get(parsed.sha256);
    if (entry) entry.sightings.push(sighting);
    else seen.sightings.set(parsed.sha256, { facts: parsed, target: label, sightings: [sighting] });
  });
  if (result.chainTruncated) {
    ctx.problem(
      label,
      new CollectError('too-large', `${label}: the served chain is longer than ${config.maxChainLength} certificates or ${config.maxChainBytes} bytes; the first ${result.chain.length} are recorded`),
    );
  }
  const versions = config.probeVersions ? await probeOffers(probe, base, PROBED_VERSIONS.map((v) => [v, { minVersion: v, maxVersion: v, ciphers: 'DEFAULT:@SECLEVEL=0' }] as const)) : undefined;
  const weak = config.probeWeakSuites
    ? await probeOffers(
        probe,
        base,
        (Object.entries(WEAK_SUITE_CIPHERS) as [WeakSuiteFamily, string][]).map(([family, ciphers]) => [family, { minVersion: 'TLSv1', maxVersion: 'TLSv1.2', ciphers }] as const),
      )
    : undefined;
  const sni = target.serverName ?? (isIP(target.host) ? undefined : target.host);
  const key = result.ephemeralKey;
  const data: TlsEndpointData = {
    host: target.host,
    port: target.port,
    ...(sni !== undefined ? { serverName: sni } : {}),
    ...(target.starttls !== undefined ? { starttls: target.starttls } : {}),
    ...(result.protocol !== undefined ? { protocol: result.protocol } : {}),
    ...(result.cipher !== undefined ? { cipher: result.cipher } : {}),
    ...(result.cipherStandardName !== undefined ? { cipherIana: result.cipherStandardName } : {}),
    ...(key ? { keyExchange: { type: key.type, ...(key.name !== undefined ? { group: key.name } : {}), ...(key.size !== undefined ? { sizeBits: key.size } : {}) } } : {}),
    ...(result.protocol !== undefined ? { forwardSecrecy: result.protocol === 'TLSv1.3' || key !== undefined } : {}),
    ...(result.alpn !== undefined ? { alpn: result.alpn } : {}),
    chain,
    ...(result.chainTruncated ? { chainTruncated: true } : {}),
    chainTrusted: result.authorized,
    ...(result.authorizationError !== undefined ? { trustError: result.authorizationError } : {}),
    ...(result.hostnameMatches !== undefined ? { hostnameMatches: result.hostnameMatches } : {}),
    ocspStapled: result.ocspResponse !== undefined,
    ...(result.ocspResponse !== undefined ? { ocspResponseBase64: Buffer.from(result.ocspResponse).toString('base64') } : {}),
    ...(versions ? { protocolVersions: versions } : {}),
    ...(weak ? { weakSuites: weak } : {}),
    attempts: result.attempts,
    handshakeMs: result.handshakeMs,
  };
  ctx.emit('tls-endpoint', label, data);
}

/** Runs one restricted handshake per entry, one after the other (polite to the server); returns the outcome per key. */
async function probeOffers<K extends string>(
  probe: TlsProbe,
  base: TlsProbeOptions,
  offers: readonly (readonly [K, Pick<TlsProbeOptions, 'minVersion' | 'maxVersion' | 'ciphers'>])[],
): Promise<Partial<Record<K, TlsOfferResult>>> {
  const out: Partial<Record<K, TlsOfferResult>> = {};
  for (const [key, offer] of offers) {
    try {
      const r = await probe.probe({ ...base, ...offer, maxChainLength: 1 });
      out[key] = { outcome: 'accepted', ...(r.protocol ? { protocol: r.protocol } : {}), ...(r.cipher ? { cipher: r.cipher } : {}) };
    } catch (error) {
      out[key] = offerFailure(error);
    }
  }
  return out;
}

/** Classifies a failed restricted handshake: a local limitation, a refusal by the server, or a network failure. */
function offerFailure(error: unknown): TlsOfferResult {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const causeCode = typeof cause?.code === 'string' ? cause.code : undefined;
  const code = error instanceof CollectError ? error.code : 'other';
  const message = error instanceof Error ? error.message : String(error);
  if ((causeCode !== undefined && LOCAL_LIMITATIONS.has(causeCode)) || (code === 'other' && message.includes('cannot offer'))) {
    return { outcome: 'untestable', detail: causeCode ?? 'the local TLS library cannot offer this' };
  }
  if (code === 'tls-handshake' || code === 'too-large') return { outcome: 'rejected', detail: causeCode ?? message };
  return { outcome: 'error', detail: `${code}: ${message}` };
}
