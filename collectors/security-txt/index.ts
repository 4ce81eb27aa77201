import type { SecurityTxtData } from '../../model/evidence.js';
import type { CollectorContext, HttpResponse } from '../../src/engine/collector-context.js';
import { withDomains } from '../../src/engine/scope-domains.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { SecurityTxtConfig, WebDomain } from './config.js';
import { looksLikeNonText, parseSecurityTxt } from './parse.js';

const ID = 'security-txt';
const WELL_KNOWN = '/.well-known/security.txt';
const LEGACY = '/security.txt';

/** Node's codes for a server certificate that does not verify (chain, validity period or name). */
const CERTIFICATE_ERROR = /^(CERT_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|UNABLE_TO_(GET_ISSUER|VERIFY_LEAF)|ERR_TLS_CERT_ALTNAME_INVALID)/;

/** Fetches and parses each configured domain's security.txt (RFC 9116) over HTTPS. */
export default defineCollector({
  id: ID,
  title: 'security.txt (RFC 9116)',
  description:
    'Fetches https://<domain>/.well-known/security.txt (and /security.txt when that is 404) through the scan\'s HTTP client, with a size cap, and records its RFC 9116 fields, whether it is OpenPGP-signed, its content type and whether HTTPS verified.',
  config: SecurityTxtConfig,
  produces: ['security-txt'],
  countTargets: (config) => config.domains.length,
  withScopeDomains: (config, domains) => withDomains(config, domains, WebDomain),
  async collect(config, ctx) {
    const domains = [...new Set(config.domains)];
    ctx.reportTargets(domains.length);
    await Promise.all(domains.filter((d) => ctx.ownsTarget(d)).map((domain) => ctx.limit(() => fetchDomain(domain, config, ctx))));
  },
});

/** The node error code behind a TLS failure, when it is a certificate verification error. */
function certificateError(error: unknown): string | undefined {
  if (!(error instanceof CollectError) || error.code !== 'tls-handshake') return undefined;
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && CERTIFICATE_ERROR.test(code) ? code : undefined;
}

async function fetchDomain(domain: string, config: SecurityTxtConfig, ctx: CollectorContext): Promise<void> {
  const get = (path: string): Promise<HttpResponse> =>
    ctx.http.request(`https://${domain}${path}`, { timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, maxRedirects: config.maxRedirects, headers: { Accept: 'text/plain' } });
  const wellKnown = `https://${domain}${WELL_KNOWN}`;
  try {
    let response = await get(WELL_KNOWN);
    if (response.status === 404) {
      const legacy = await get(LEGACY);
      if (legacy.status === 200) response = legacy;
    }
    ctx.emit(ID, domain, describe(domain, response));
  } catch (error) {
    const code = certificateError(error);
    if (code === undefined) {
      ctx.problem(domain, error);
      return;
    }
    ctx.emit(ID, domain, { domain, outcome: 'invalid-certificate', url: wellKnown, redirects: [], httpsVerified: false, certificateError: code });
  }
}

/** Turns the final response into evidence: found (parsed), not-found, not-text or http-error. */
function describe(domain: string, response: HttpResponse): SecurityTxtData {
  const contentType = response.headers['content-type'];
  const base = {
    domain,
    url: response.url,
    status: response.status,
    redirects: response.redirects,
    httpsVerified: response.url.startsWith('https:'),
    ...(contentType === undefined ? {} : { contentType }),
  };
  if (response.status === 404) return { ...base, outcome: 'not-found' };
  if (response.status !== 200) return { ...base, outcome: 'http-error' };
  const text = new TextDecoder('utf-8').decode(response.body);
  const sized = { ...base, sizeBytes: response.body.length };
  if (looksLikeNonText(text, contentType)) return { ...sized, outcome: 'not-text' };
  const parsed = parseSecurityTxt(text);
  return { ...sized, outcome: 'found', signed: parsed.signed, fields: parsed.fields, invalidLines: parsed.invalidLines, otherFields: parsed.otherFields };
}
