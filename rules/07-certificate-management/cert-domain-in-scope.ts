/**
 * DNS names in certificates should be inside the organisation's declared domains (policy profile `scope.domains`),
 * when it declares any.
 *
 * Requirement: the PKI's scope is known (PKIMM 7.7 governance, 7.4 inventory): a certificate for names outside the
 * declared domains is either an undeclared domain (a gap in the scope) or a certificate that does not belong here.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { dnsNames } from '../../src/engine/rule-helpers.js';
import { inDeclaredDomains } from '../../src/policy/classify.js';

export default defineRule({
  id: 'cert-domain-in-scope',
  title: 'Certificate DNS names are inside the declared domains',
  description: 'Flags end-entity certificates with DNS names outside `scope.domains` of the policy profile. Not applicable without declared domains or DNS names.',
  severity: 'low',
  pkimm: ['7.7', '7.4'],
  references: ['NIST SP 1800-16B §2.2'],
  remediation: 'Add the domain to the declared scope if it is the organisation\'s, or find out why the certificate is deployed here.',
  docs: 'A declared domain covers itself and every subdomain.',
  messages: { outside: '{{count}} DNS name(s) are outside the declared domains: {{names}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => ctx.policy.scope.domains.length > 0 && !cert.data.isCa && dnsNames(cert.data).length > 0,
  evaluate(cert, ctx) {
    const outside = dnsNames(cert.data).filter((name) => !inDeclaredDomains(ctx.policy, name));
    return outside.length === 0 ? pass() : fail('outside', { count: outside.length, names: outside.slice(0, 5).join(', ') });
  },
});
