/**
 * TLS server certificates (non-CA, EKU serverAuth) must name their servers in the subjectAltName extension: at least
 * one dNSName or iPAddress entry (CA/B Forum TLS BR §7.1.2.7.12). The subject common name alone is not enough.
 *
 * Why: browsers and most TLS libraries ignore the common name when matching host names (RFC 9525 §6.3, RFC 6125
 * §6.4.4), so such a certificate fails validation everywhere; its existence shows a certificate profile that is not
 * defined or not enforced (PKIMM 7.1).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { hasServerAuthEku } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'cert-tls-san-present',
  title: 'TLS server certificates have a DNS or IP subject alternative name',
  description: 'Flags non-CA certificates with EKU serverAuth that have no DNS or IP entry in the subjectAltName extension. Other certificates are not applicable.',
  severity: 'medium',
  pkimm: ['7.1'],
  references: ['CABF TLS BR §7.1.2.7.12', 'RFC 5280 §4.2.1.6', 'RFC 9525 §6.3'],
  remediation: 'Re-issue the certificate with every server name as a DNS (or IP) subject alternative name, and make the CA profile require them.',
  messages: { noServerName: 'TLS server certificate has no DNS or IP subject alternative name (found: {{found}}).' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isCa && hasServerAuthEku(cert.data),
  evaluate(cert) {
    const sans = cert.data.subjectAltNames;
    if (sans.some((san) => san.startsWith('DNS:') || san.startsWith('IP:'))) return pass();
    return fail('noServerName', { found: sans.length === 0 ? 'none' : sans.join(', ') });
  },
});
