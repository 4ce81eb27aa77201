/**
 * Only CA certificates may assert keyCertSign: a certificate with keyCertSign must have basicConstraints cA=TRUE.
 *
 * Requirement: RFC 5280 §4.2.1.3 ("if the keyCertSign bit is asserted, then the cA bit in the basic constraints
 * extension MUST also be asserted") and §4.2.1.9; CA/B Forum TLS BR §7.1.2.7.11 (subscriber certificates MUST NOT
 * assert keyCertSign or cRLSign). PKIMM 7.1 profiles.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-key-cert-sign-only-ca',
  title: 'Only CA certificates assert keyCertSign or cRLSign',
  description: 'Flags certificates that are not CAs (basicConstraints cA absent or FALSE) but assert keyCertSign or cRLSign.',
  severity: 'medium',
  pkimm: ['7.1'],
  references: ['RFC 5280 §4.2.1.3', 'RFC 5280 §4.2.1.9', 'CABF TLS BR §7.1.2.7.11'],
  remediation: 'Remove keyCertSign and cRLSign from end-entity profiles; issue CA certificates with basicConstraints cA=TRUE.',
  docs: 'CA certificates without keyCertSign are covered by cert-ca-key-usage-cert-sign.',
  messages: { notCa: 'The certificate is not a CA but asserts {{usages}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isCa,
  evaluate(cert) {
    const usages = cert.data.keyUsage.filter((u) => u === 'keyCertSign' || u === 'cRLSign');
    return usages.length === 0 ? pass() : fail('notCa', { usages: usages.join(', ') });
  },
});
