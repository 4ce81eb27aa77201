/**
 * A declared domain with publicly trusted certificates should publish CAA records, so that only the CAs the
 * organisation chose may issue for it.
 *
 * Requirement: CAA (RFC 8659; CA/B Forum BR §3.2.2.8: every public CA must check it before issuing). PKIMM 7.7
 * organisation-wide PKI governance: "CAA absent on declared domains with public certificates".
 */
import { defineRule, fail, pass, type RuleContext } from '../../src/engine/define-rule.js';
import { nameUnder, publicNames } from '../../src/policy/caa.js';

const namesUnder = (domain: string, ctx: RuleContext) => publicNames(ctx.items('certificate'), ctx.items('ct-log-entry'), ctx.policy, ctx.now).filter((n) => nameUnder(n.name, domain));

export default defineRule({
  id: 'caa-record-present',
  title: 'Domains with public certificates publish CAA records',
  description: 'Flags looked-up domains that have valid public TLS certificates (observed or CT-logged) but no CAA record at the domain or any parent up to the top-level domain.',
  severity: 'medium',
  pkimm: ['7.7'],
  references: ['RFC 8659 §3', 'CA/B Forum BR §3.2.2.8'],
  remediation: 'Publish CAA "issue" records naming the CAs you use (and "issuewild" if wildcards come from elsewhere), plus an "iodef" contact, at the registered domain.',
  docs: 'Reads `dns-caa` evidence. Not applicable to a domain without valid public certificates (CA/B Forum policy OID or a `cas.publicIssuers` match, or a CT entry) for it or its sub-domains. A lookup that failed is a collection problem and is not judged.',
  messages: { absent: 'No CAA record applies to {{domain}}, which has {{count}} public certificate name(s) such as {{example}}.' },
  scope: 'item',
  appliesTo: 'dns-caa',
  applies: (item, ctx) => namesUnder(item.data.domain, ctx).length > 0,
  evaluate(item, ctx) {
    if (item.data.outcome === 'found') return pass();
    const names = namesUnder(item.data.domain, ctx);
    return fail('absent', { domain: item.data.domain, count: new Set(names.map((n) => n.name)).size, example: names[0]?.name ?? item.data.domain });
  },
});
