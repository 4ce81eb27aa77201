// CAA (RFC 8659) judgements shared by the CAA checks: which CAA issuer domains a CA answers to, which public
// certificates name a domain, and whether an RRset authorises a CA. Pure; no clock, no I/O.
import type { CaaIssuer, CertificateData, DnsCaaData, Evidence } from '../../model/evidence.js';
import { isPublicTls } from './classify.js';
import type { PolicyProfile } from './profile.js';
import { globToRegExp } from './waivers.js';

/**
 * Publicly trusted CAs by the organisation (O=) of their issuing CA certificates, and the issuer domains they accept in
 * CAA `issue` properties (from each CA's CPS §3.2.2.8 / §4.2.4). Deliberately small: an issuer not listed here is not
 * judged. Scans add their own through the `issuerDomains` rule option.
 */
export const KNOWN_CAA_ISSUERS: readonly { readonly name: string; readonly organisation: RegExp; readonly caaDomains: readonly string[] }[] = [
  { name: "Let's Encrypt", organisation: /^Let's Encrypt$/i, caaDomains: ['letsencrypt.org'] },
  { name: 'DigiCert', organisation: /^DigiCert\b/i, caaDomains: ['digicert.com', 'symantec.com', 'geotrust.com', 'thawte.com', 'rapidssl.com'] },
  { name: 'Sectigo', organisation: /^(Sectigo Limited|COMODO CA Limited|The USERTRUST Network|ZeroSSL)$/i, caaDomains: ['sectigo.com', 'comodoca.com', 'comodo.com', 'usertrust.com', 'trust-provider.com'] },
  { name: 'Google Trust Services', organisation: /^Google Trust Services\b/i, caaDomains: ['pki.goog'] },
  { name: 'Amazon', organisation: /^Amazon$/i, caaDomains: ['amazon.com', 'amazontrust.com', 'awstrust.com', 'amazonaws.com'] },
  { name: 'GlobalSign', organisation: /^GlobalSign\b/i, caaDomains: ['globalsign.com'] },
  { name: 'Entrust', organisation: /^Entrust\b/i, caaDomains: ['entrust.net', 'affirmtrust.com'] },
  { name: 'Buypass', organisation: /^Buypass\b/i, caaDomains: ['buypass.com', 'buypass.no'] },
  { name: 'SSL.com', organisation: /^SSL Corporation$/i, caaDomains: ['ssl.com'] },
];

/** The organisation attribute of a DN as certificate facts format it ("C=US, O=Let's Encrypt, CN=R11" → "Let's Encrypt"). */
function organisationOf(dn: string): string | undefined {
  return /(?:^|,\s*)O=((?:\\.|[^,\\])*)/.exec(dn)?.[1]?.replace(/\\(.)/g, '$1').trim();
}

/**
 * The CAA issuer domains a CA accepts: from `configured` (issuer-DN glob → domains) first, then the built-in table by
 * organisation; undefined when the CA is not known.
 */
export function caaDomainsOf(issuerDn: string, configured: Readonly<Record<string, readonly string[]>> = {}): readonly string[] | undefined {
  for (const [glob, domains] of Object.entries(configured)) if (globToRegExp(glob).test(issuerDn)) return domains.map((d) => d.toLowerCase());
  const organisation = organisationOf(issuerDn);
  if (organisation === undefined) return undefined;
  return KNOWN_CAA_ISSUERS.find((ca) => ca.organisation.test(organisation))?.caaDomains;
}

/** One valid public certificate (observed or CT-logged) naming a DNS name. */
export interface PublicName {
  /** Lowercase, as in the certificate ("*.example.org" kept). */
  readonly name: string;
  readonly issuer: string;
  readonly evidenceId: string;
}

const byItems = new WeakMap<object, WeakMap<object, { readonly policy: PolicyProfile; readonly now: number; readonly names: PublicName[] }>>();
/** Cache key for an empty list (callers may pass a fresh `[]` each time). */
const EMPTY = {};

const sanNames = (cert: CertificateData): string[] => cert.subjectAltNames.filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4).trim().toLowerCase().replace(/\.$/, ''));

/** Every DNS name of unexpired public TLS end-entity certificates and CT entries, with its issuer (computed once per evidence set, policy and time). */
export function publicNames(certificates: readonly Evidence<'certificate'>[], ctEntries: readonly Evidence<'ct-log-entry'>[], policy: PolicyProfile, now: Date): PublicName[] {
  const outerKey = certificates.length === 0 ? EMPTY : certificates;
  const innerKey = ctEntries.length === 0 ? EMPTY : ctEntries;
  const inner = byItems.get(outerKey) ?? new WeakMap();
  byItems.set(outerKey, inner);
  const cached = inner.get(innerKey);
  if (cached !== undefined && cached.policy === policy && cached.now === now.getTime()) return cached.names;
  const out: PublicName[] = [];
  for (const c of certificates) {
    if (c.data.isCa || Date.parse(c.data.notAfter) < now.getTime() || !isPublicTls(c.data, policy)) continue;
    for (const name of sanNames(c.data)) out.push({ name, issuer: c.data.issuer, evidenceId: c.id });
  }
  for (const e of ctEntries) {
    if (Date.parse(e.data.notAfter) < now.getTime()) continue;
    for (const name of e.data.dnsNames) out.push({ name: name.toLowerCase(), issuer: e.data.issuer, evidenceId: e.id });
  }
  inner.set(innerKey, { policy, now: now.getTime(), names: out });
  return out;
}

/** Whether a certificate name ("www.example.org", "*.example.org") is the domain or under it. */
export function nameUnder(name: string, domain: string): boolean {
  const bare = name.replace(/^\*\./, '');
  return bare === domain || bare.endsWith(`.${domain}`);
}

/**
 * Whether the relevant RRset authorises a CA (by its CAA domains) for a name (RFC 8659 §4.2–4.3): for a wildcard name
 * the issuewild properties when there are any, else the issue properties; no such property at all authorises any CA.
 */
export function caaAuthorises(data: Pick<DnsCaaData, 'issuers'>, caDomains: readonly string[], wildcard: boolean): boolean {
  const wild = data.issuers.filter((i) => i.tag === 'issuewild');
  const relevant: readonly CaaIssuer[] = wildcard && wild.length > 0 ? wild : data.issuers.filter((i) => i.tag === 'issue');
  if (relevant.length === 0) return true;
  return relevant.some((i) => i.domain !== undefined && caDomains.includes(i.domain));
}
