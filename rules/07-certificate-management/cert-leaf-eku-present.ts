/**
 * End-entity certificates should state their extended key usage.
 *
 * Requirement: CA/B Forum TLS BR §7.1.2.7.10 and S/MIME BR §7.1.2.3 require the EKU extension in subscriber
 * certificates; RFC 5280 §4.2.1.12 lets a certificate without EKU be used for any purpose. Profiles that state the
 * purpose are part of PKIMM 7.1.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-leaf-eku-present',
  title: 'End-entity certificates have an extended key usage',
  description: 'Flags non-CA, non-self-signed certificates without an extended key usage extension.',
  severity: 'low',
  pkimm: ['7.1'],
  references: ['CABF TLS BR §7.1.2.7.10', 'RFC 5280 §4.2.1.12'],
  remediation: 'Add the EKU the certificate is for (serverAuth, clientAuth, ...) to the CA profile and re-issue.',
  docs: 'CA certificates and self-signed certificates are not applicable.',
  messages: { missing: 'The certificate has no extended key usage, so it is valid for any purpose.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isCa && !cert.data.isSelfSigned,
  evaluate: (cert) => (cert.data.extendedKeyUsage.length > 0 ? pass() : fail('missing')),
});
