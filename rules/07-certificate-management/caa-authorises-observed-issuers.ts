/**
 * The CAs that issued the valid public certificates for a domain must be authorised by the domain's CAA records.
 *
 * Requirement: CAA (RFC 8659 §4; CA/B Forum BR §3.2.2.8). PKIMM 7.7 organisation-wide PKI governance: "public issuers
 * for declared domains vs CAA records". A certificate from a CA the records do not name was issued before the records
 * changed, by a CA that ignored them, or the records do not describe how the organisation really buys certificates.
 */
import type { Evidence } from '../../model/evidence.js';
import { defineRule, fail, pass, type RuleContext } from '../../src/engine/define-rule.js';
import { caaAuthorises, caaDomainsOf, nameUnder, publicNames, type PublicName } from '../../src/policy/caa.js';

const ID = 'caa-authorises-observed-issuers';
const DEFAULTS: { issuerDomains: Record<string, string[]> } = { issuerDomains: {} };

interface Judged extends PublicName {
  readonly caDomains: readonly string[];
}

/**
 * The public names this RRset governs, with the CAA domains of their issuers: names at or under the domain for which no
 * more specific `dns-caa` item exists, from CAs whose CAA domains are known.
 */
function governed(item: Evidence<'dns-caa'>, ctx: RuleContext): Judged[] {
  const { issuerDomains } = ctx.options(ID, DEFAULTS);
  const others = ctx.items('dns-caa').filter((o) => o.data.domain !== item.data.domain && nameUnder(o.data.domain, item.data.domain));
  const out: Judged[] = [];
  for (const n of publicNames(ctx.items('certificate'), ctx.items('ct-log-entry'), ctx.policy, ctx.now)) {
    if (!nameUnder(n.name, item.data.domain) || others.some((o) => nameUnder(n.name, o.data.domain))) continue;
    const caDomains = caaDomainsOf(n.issuer, issuerDomains);
    if (caDomains !== undefined) out.push({ ...n, caDomains });
  }
  return out;
}

export default defineRule({
  id: ID,
  title: 'CAA records authorise the CAs that issue for the domain',
  description: 'Flags domains whose CAA records do not authorise a CA that issued one of their valid public certificates (observed or CT-logged). Issuers without known CAA domains are not judged.',
  severity: 'high',
  pkimm: ['7.7'],
  references: ['RFC 8659 §4.2', 'RFC 8659 §4.3', 'CA/B Forum BR §3.2.2.8'],
  remediation: 'Either add the CA to the CAA records (it is a CA you use) or find out how the certificate was obtained and revoke it (shadow issuance).',
  options: {
    issuerDomains: {
      default: {},
      description: 'Issuer-DN glob → CAA issuer domains, for CAs the built-in table does not know or to override it, e.g. { "CN=Example TLS CA*": ["ca.example.org"] }.',
    },
  },
  docs: [
    "Built-in issuer table (by the issuer's O= attribute): Let's Encrypt → letsencrypt.org; DigiCert → digicert.com, symantec.com, geotrust.com, thawte.com, rapidssl.com; Sectigo (also COMODO, USERTrust, ZeroSSL) → sectigo.com, comodoca.com, comodo.com, usertrust.com, trust-provider.com; Google Trust Services → pki.goog; Amazon → amazon.com, amazontrust.com, awstrust.com, amazonaws.com; GlobalSign → globalsign.com; Entrust → entrust.net, affirmtrust.com; Buypass → buypass.com, buypass.no; SSL.com → ssl.com.",
    'A name is judged against the most specific looked-up domain it falls under (turn on `fromCertificates` in the dns-caa collector to look up every certificate name). Wildcard names use `issuewild` when present (RFC 8659 §4.3). Expired certificates are not judged, since CAA is checked at issuance.',
    'Not applicable when no CAA records were found (see caa-record-present) or no issuer of the domain\'s certificates is known.',
  ].join('\n\n'),
  messages: { unauthorised: 'The CAA records of {{domain}} (at {{foundAt}}) do not authorise {{issuers}}, which issued {{count}} valid certificate name(s) such as {{example}}.' },
  scope: 'item',
  appliesTo: 'dns-caa',
  applies: (item, ctx) => item.data.outcome === 'found' && governed(item, ctx).length > 0,
  evaluate(item, ctx) {
    const denied = governed(item, ctx).filter((n) => !caaAuthorises(item.data, n.caDomains, n.name.startsWith('*.')));
    if (denied.length === 0) return pass();
    return fail('unauthorised', {
      domain: item.data.domain,
      foundAt: item.data.foundAt ?? item.data.domain,
      issuers: [...new Set(denied.map((d) => d.issuer))].sort().slice(0, 3).join('; '),
      count: new Set(denied.map((d) => d.name)).size,
      example: denied[0]!.name,
    });
  },
});
