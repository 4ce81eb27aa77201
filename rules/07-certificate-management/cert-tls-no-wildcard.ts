/**
 * TLS server certificates (non-CA, EKU serverAuth) should not contain wildcard DNS names ("*.example.org"). This is a
 * policy signal, not a standards violation: wildcards are allowed by the CA/B Forum TLS BRs (§3.2.2.6) and RFC 9525
 * §6.3, hence the low severity.
 *
 * Why: one wildcard key serves every host under the domain, so its compromise exposes all of them and the key tends
 * to be copied across many servers; certificate profiles (PKIMM 7.1) should state whether and where wildcards are
 * allowed. The finding informs that decision.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { hasServerAuthEku } from '../../src/engine/rule-helpers.js';

const WILDCARD_PREFIX = 'DNS:*.';

export default defineRule({
  id: 'cert-tls-no-wildcard',
  title: 'TLS server certificates do not use wildcard DNS names',
  description: 'Flags non-CA certificates with EKU serverAuth that have a wildcard DNS subject alternative name ("*.example.org"). Other certificates are not applicable.',
  severity: 'low',
  pkimm: ['7.1'],
  references: ['CABF TLS BR §3.2.2.6', 'RFC 9525 §6.3'],
  remediation: 'Decide in the certificate policy where wildcards are allowed; elsewhere, re-issue with explicit host names (automated issuance makes per-host certificates cheap).',
  messages: { wildcard: 'TLS server certificate covers wildcard names: {{names}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isCa && hasServerAuthEku(cert.data),
  evaluate(cert) {
    const wildcards = cert.data.subjectAltNames.filter((san) => san.startsWith(WILDCARD_PREFIX)).map((san) => san.slice('DNS:'.length));
    return wildcards.length === 0 ? pass() : fail('wildcard', { names: wildcards.join(', ') });
  },
});
