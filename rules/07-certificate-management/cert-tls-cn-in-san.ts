/**
 * When a TLS server certificate has a subject common name, it must be one of its subjectAltName values (CA/B Forum
 * TLS BR §7.1.4.3: the CN, if present, "MUST contain exactly one entry that is one of the values contained in the
 * Certificate's subjectAltName extension").
 *
 * Requirement: issued certificates match their profile (PKIMM 7.1); clients ignore the CN (RFC 9525 §6.3), so a CN
 * outside the SANs is a name nobody can actually use.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { commonName } from '../../src/engine/rule-helpers.js';
import { isTlsServerCertificate } from '../../src/policy/classify.js';

export default defineRule({
  id: 'cert-tls-cn-in-san',
  title: 'TLS server certificates repeat their common name in the SANs',
  description: 'Flags TLS server certificates whose subject CN is not among their DNS or IP subject alternative names. Certificates without a CN are not applicable.',
  severity: 'low',
  pkimm: ['7.1'],
  references: ['CABF TLS BR §7.1.4.3', 'RFC 9525 §6.3', 'RFC 5280 §4.2.1.6'],
  remediation: 'Re-issue with the CN copied into the subjectAltName extension (or without a CN).',
  docs: 'The comparison ignores case; IP addresses in the CN are matched against IP SANs.',
  messages: { missing: 'Common name {{cn}} is not among the subject alternative names.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => isTlsServerCertificate(cert.data) && commonName(cert.data.subject) !== undefined,
  evaluate(cert) {
    const cn = commonName(cert.data.subject)!;
    const names = cert.data.subjectAltNames.map((san) => san.slice(san.indexOf(':') + 1).toLowerCase());
    return names.includes(cn.toLowerCase()) ? pass() : fail('missing', { cn });
  },
});
