import type { OcspObservedData, OcspRequestFacts } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { FETCHABLE_SCHEMES } from '../../src/engine/net-guard.js';
import {
  buildOcspRequest,
  certIdFor,
  type CertificateParts,
  describeResponderId,
  isIssuedBy,
  ocspGetUrl,
  parseOcspResponse,
  type ParsedOcspResponse,
  verifyOcspResponse,
} from '../../src/pki/ocsp.js';
import { signatureAlgorithmName } from '../../src/pki/oids.js';
import { CertificateStore, hostOf, KeyedLimit, type KnownCertificate } from '../crl/certificate-store.js';
import { OcspConfig } from './config.js';

const ID = 'ocsp';
/** Largest certificate file read back to recover an issuer (issuer files, cert-file sightings). */
const MAX_CERTIFICATE_FILE_BYTES = 5_000_000;
/** Longest GET URL `method: auto` uses (RFC 6960 Appendix A.1). */
const MAX_GET_URL = 255;
/** Clock skew tolerated when deciding whether thisUpdate/nextUpdate bracket the observation time. */
const SKEW_MS = 5 * 60_000;

/** What the evidence says about the certificate asked about, besides the response. */
interface Subject {
  readonly source: 'fetched' | 'stapled';
  readonly cert: KnownCertificate;
  readonly issuer?: { readonly cert: KnownCertificate; readonly parts: CertificateParts };
  readonly url?: string;
  readonly endpoint?: string;
  readonly request?: OcspRequestFacts;
  readonly nonce?: Uint8Array;
}

/** Asks OCSP responders about collected certificates and checks stapled responses; records status and every check. */
export default defineCollector({
  id: ID,
  title: 'OCSP responses',
  description:
    'Queries the OCSP responder of each collected leaf certificate whose issuer is known, checks responses stapled by TLS endpoints, and records response status, certificate status, update times, signer and signature, CertID match and nonce echo.',
  config: OcspConfig,
  produces: ['ocsp-response'],
  phase: 'enrich',
  countTargets: () => 0,
  async collect(config, ctx) {
    const store = new CertificateStore(
      ctx,
      { issuerFiles: config.issuerFiles, tlsReprobe: config.tlsReprobe, timeoutMs: config.timeoutMs, maxFileBytes: MAX_CERTIFICATE_FILE_BYTES },
      (file) => `issuerFiles:${file}`,
    );
    const work: Promise<void>[] = [];
    if (config.stapled) work.push(checkStaples(store, ctx));
    if (config.fromCertificates) work.push(queryResponders(config, store, ctx));
    await Promise.all(work);
  },
});

/** Picks the issuer of `cert` among known certificates: same name and key identifier; the signature decides between keys. */
async function findIssuer(cert: KnownCertificate, store: CertificateStore): Promise<Subject['issuer']> {
  const candidates = await store.issuerCandidates(cert.facts.issuer, undefined, cert.facts.authorityKeyIdentifier);
  const keys = new Set(candidates.map((c) => c.cert.facts.spkiSha256));
  if (keys.size <= 1) return candidates[0];
  const parts = await store.partsOf(cert.sha256);
  return parts ? candidates.find((c) => isIssuedBy(parts, c.parts)) : undefined;
}

async function queryResponders(config: OcspConfig, store: CertificateStore, ctx: CollectorContext): Promise<void> {
  const perHost = new KeyedLimit(config.perHostConcurrency);
  const jobs: { cert: KnownCertificate; url: string }[] = [];
  let withoutIssuer = 0;
  const certs = store.collected().filter((c) => (config.includeCaCertificates || !c.facts.isCa) && c.facts.ocspUrls.length > 0);
  const issuers = await Promise.all(certs.map((c) => findIssuer(c, store)));
  certs.forEach((cert, i) => {
    const urls = [...new Set(cert.facts.ocspUrls)].filter((u) => {
      try {
        return FETCHABLE_SCHEMES.has(new URL(u).protocol);
      } catch {
        return false;
      }
    });
    if (urls.length === 0) return;
    if (!issuers[i]) withoutIssuer++;
    else for (const url of urls) jobs.push({ cert, url });
  });
  if (withoutIssuer > 0) {
    ctx.problem(
      'ocsp:issuers',
      new CollectError('not-found', `${withoutIssuer} certificate(s) with an OCSP URL were not checked: their issuer certificate was neither collected nor in issuerFiles`),
    );
  }
  jobs.sort((a, b) => a.url.localeCompare(b.url) || a.cert.sha256.localeCompare(b.cert.sha256));
  if (jobs.length > config.maxRequests) {
    ctx.problem('ocsp:requests', new CollectError('too-large', `${jobs.length} OCSP requests needed; only the first ${config.maxRequests} (maxRequests) were sent`));
  }
  const issuerBySha = new Map(certs.map((c, i) => [c.sha256, issuers[i]]));
  await Promise.all(
    jobs.slice(0, config.maxRequests).map(({ cert, url }) =>
      perHost.run(hostOf(url), () => ctx.limit(() => queryOne(cert, issuerBySha.get(cert.sha256)!, url, config, ctx))),
    ),
  );
}

async function queryOne(cert: KnownCertificate, issuer: NonNullable<Subject['issuer']>, url: string, config: OcspConfig, ctx: CollectorContext): Promise<void> {
  const target = `${url}#${cert.sha256}`;
  try {
    const request = buildOcspRequest(certIdFor(cert.facts.serialNumberHex, issuer.parts, config.hashAlgorithm), { nonce: config.nonce });
    const getUrl = ocspGetUrl(url, request.der);
    const method = config.method === 'auto' ? (getUrl.length <= MAX_GET_URL ? 'GET' : 'POST') : config.method;
    const headers = { Accept: 'application/ocsp-response', ...(method === 'POST' ? { 'Content-Type': 'application/ocsp-request' } : {}) };
    const response = await ctx.http.request(method === 'GET' ? getUrl : url, {
      method,
      ...(method === 'POST' ? { body: request.der } : {}),
      headers,
      timeoutMs: config.timeoutMs,
      maxBytes: config.maxBytes,
    });
    if (response.status !== 200) throw new CollectError('http-status', `${url}: HTTP ${response.status}`);
    const parsed = parseOcspResponse(response.body);
    emit(
      parsed,
      {
        source: 'fetched',
        cert,
        issuer,
        url,
        request: {
          method,
          hashAlgorithm: config.hashAlgorithm,
          nonce: request.nonce !== undefined,
          httpStatus: response.status,
          latencyMs: response.latencyMs,
          redirects: response.redirects.length,
          ...(response.headers['content-type'] !== undefined ? { contentType: response.headers['content-type'] } : {}),
        },
        ...(request.nonce ? { nonce: request.nonce } : {}),
      },
      target,
      ctx,
    );
  } catch (error) {
    const code = error instanceof CollectError ? error.code : 'other';
    const message = error instanceof Error ? error.message : String(error);
    ctx.problem(target, new CollectError(code, message.includes(url) ? message : `${url}: ${message}`, { cause: error }));
  }
}

/** Largest stapled response decoded (base64 characters). */
const MAX_STAPLE_BASE64 = 1_400_000;

async function checkStaples(store: CertificateStore, ctx: CollectorContext): Promise<void> {
  for (const endpoint of ctx.collected('tls-endpoint')) {
    const leafSha = endpoint.data.chain[0];
    const leaf = leafSha === undefined ? undefined : store.get(leafSha);
    if (!leaf) continue;
    const target = `${endpoint.target}#stapled`;
    const b64 = endpoint.data.ocspResponseBase64;
    if (b64 === undefined) {
      if (endpoint.data.ocspStapled === false && leaf.facts.mustStaple === true) {
        ctx.emit('ocsp-response', target, { status: 'missing-staple', source: 'stapled', endpoint: endpoint.target, certificate: leaf.sha256, mustStaple: true });
      }
      continue;
    }
    try {
      if (b64.length > MAX_STAPLE_BASE64) throw new CollectError('too-large', `${endpoint.target}: stapled OCSP response too large`);
      const parsed = parseOcspResponse(new Uint8Array(Buffer.from(b64, 'base64')));
      const issuer = await findIssuer(leaf, store);
      emit(parsed, { source: 'stapled', cert: leaf, endpoint: endpoint.target, ...(issuer ? { issuer } : {}) }, target, ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.problem(target, new CollectError(error instanceof CollectError ? error.code : 'other', `${endpoint.target}: stapled OCSP response: ${message}`, { cause: error }));
    }
  }
}

/** Builds and emits the evidence of one response. */
function emit(parsed: ParsedOcspResponse, subject: Subject, target: string, ctx: CollectorContext): void {
  const now = ctx.now();
  const base: OcspObservedData = {
    status: 'response',
    source: subject.source,
    ...(subject.url !== undefined ? { url: subject.url } : {}),
    ...(subject.endpoint !== undefined ? { endpoint: subject.endpoint } : {}),
    certificate: subject.cert.sha256,
    serialNumberHex: subject.cert.facts.serialNumberHex,
    ...(subject.issuer ? { issuerCertificate: subject.issuer.cert.sha256 } : {}),
    mustStaple: subject.cert.facts.mustStaple === true,
    ...(subject.request ? { request: subject.request } : {}),
    sizeBytes: parsed.sizeBytes,
    responseStatus: parsed.responseStatus,
  };
  const basic = parsed.basic;
  if (!basic) {
    ctx.emit('ocsp-response', target, base);
    return;
  }
  const common = {
    producedAt: basic.producedAt.toISOString(),
    responderId: describeResponderId(basic),
    singleResponseCount: basic.responses.length,
    signatureAlgorithm: signatureAlgorithmName(basic.signatureAlgorithm.oid),
    ...(basic.explicitDefaultVersion ? { explicitDefaultVersion: true } : {}),
  };
  if (!subject.issuer) {
    ctx.emit('ocsp-response', target, { ...base, ...common });
    return;
  }
  const v = verifyOcspResponse(basic, { serialNumberHex: subject.cert.facts.serialNumberHex, issuer: subject.issuer.parts, now, ...(subject.nonce ? { nonce: subject.nonce } : {}) });
  const single = v.single;
  const data: OcspObservedData = {
    ...base,
    ...common,
    certIdMatches: v.certIdMatches,
    signature: v.signature,
    ...(v.signer !== undefined ? { signer: v.signer } : {}),
    signerAuthorized: v.signerAuthorized,
    ...(v.delegate
      ? {
          responder: {
            certificate: v.delegate.sha256,
            subject: v.delegate.subject,
            hasOcspSigningEku: v.delegate.hasOcspSigningEku,
            issuedByCa: v.delegate.issuedByCa,
            validAtProducedAt: v.delegate.validAtProducedAt,
            validAtObservation: v.delegate.validNow,
            noCheck: v.delegate.noCheck,
          },
        }
      : {}),
    nonce: v.nonce,
    ...(single
      ? {
          certStatus: single.status,
          ...(single.revokedAt ? { revokedAt: single.revokedAt.toISOString() } : {}),
          ...(single.revocationReason !== undefined ? { revocationReason: single.revocationReason } : {}),
          thisUpdate: single.thisUpdate.toISOString(),
          ...(single.nextUpdate ? { nextUpdate: single.nextUpdate.toISOString(), headroomSeconds: Math.floor((single.nextUpdate.getTime() - now.getTime()) / 1000) } : {}),
          current: single.thisUpdate.getTime() <= now.getTime() + SKEW_MS && (single.nextUpdate === undefined || single.nextUpdate.getTime() >= now.getTime() - SKEW_MS),
          certIdHashAlgorithm: single.hashAlgorithm,
        }
      : {}),
  };
  ctx.emit('ocsp-response', target, data);
}
