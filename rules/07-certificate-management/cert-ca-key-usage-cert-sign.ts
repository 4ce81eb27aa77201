/**
 * CA certificates (basicConstraints cA true) must assert keyCertSign in the key usage extension (RFC 5280 §4.2.1.3,
 * §4.2.1.9; CA/B Forum TLS BR §7.1.2.10.7 for subordinate and root CA certificates).
 *
 * Why: RFC 5280 path validation (§6.1.4 (n)) rejects certificates issued under a CA certificate whose key usage lacks
 * keyCertSign, so such a CA cannot work for conforming clients; it shows a CA profile that is not defined or not
 * checked (PKIMM 7.1).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-ca-key-usage-cert-sign',
  title: 'CA certificates assert the keyCertSign key usage',
  description: 'Flags CA certificates (basicConstraints cA true) whose key usage is absent or lacks keyCertSign. Non-CA certificates are not applicable.',
  severity: 'medium',
  pkimm: ['7.1'],
  references: ['RFC 5280 §4.2.1.3', 'RFC 5280 §4.2.1.9', 'RFC 5280 §6.1.4', 'CABF TLS BR §7.1.2.10.7'],
  remediation: 'Re-issue the CA certificate with a critical key usage extension containing keyCertSign and cRLSign, and fix the CA certificate profile.',
  messages: {
    noKeyUsage: 'CA certificate has no key usage; keyCertSign is required.',
    noCertSign: 'CA certificate key usage ({{keyUsage}}) lacks keyCertSign.',
  },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.isCa,
  evaluate(cert) {
    const { keyUsage } = cert.data;
    if (keyUsage.includes('keyCertSign')) return pass();
    return keyUsage.length === 0 ? fail('noKeyUsage') : fail('noCertSign', { keyUsage: keyUsage.join(', ') });
  },
});
