/**
 * Key usage must fit the key type and purpose: EC and EdDSA keys must not assert keyEncipherment or dataEncipherment
 * (they cannot encrypt), and TLS server certificates must allow digitalSignature (TLS 1.3 and every ECDHE suite sign
 * with the key).
 *
 * Requirement: RFC 5480 §3 and RFC 8410 §5 (key usage of EC and EdDSA keys), RFC 8813 §3, RFC 8446 §4.4.2.2, CA/B
 * Forum TLS BR §7.1.2.7.11; PKIMM 7.1 profiles.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { isTlsServerCertificate } from '../../src/policy/classify.js';

const ENCRYPTION_USAGES = ['keyEncipherment', 'dataEncipherment'];

export default defineRule({
  id: 'cert-key-usage-consistent',
  title: 'Key usage fits the key type and purpose',
  description: 'Flags EC or EdDSA certificates asserting keyEncipherment or dataEncipherment, and TLS server certificates whose key usage lacks digitalSignature. Certificates without a key usage extension are not applicable.',
  severity: 'medium',
  pkimm: ['7.1'],
  references: ['RFC 5480 §3', 'RFC 8410 §5', 'RFC 8813 §3', 'RFC 8446 §4.4.2.2', 'CABF TLS BR §7.1.2.7.11'],
  remediation: 'Correct the key usage in the CA profile (digitalSignature for EC/EdDSA TLS keys) and re-issue.',
  docs: 'RSA TLS certificates with only keyEncipherment fail too: they cannot be used with TLS 1.3 or ECDHE_RSA suites.',
  messages: {
    encipherment: '{{key}} key asserts {{usages}}, which this key type cannot perform.',
    noSignature: 'TLS server certificate key usage ({{usages}}) lacks digitalSignature.',
  },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.keyUsage.length > 0,
  evaluate(cert) {
    const { keyAlgorithm, keyUsage } = cert.data;
    const encipherment = keyUsage.filter((u) => ENCRYPTION_USAGES.includes(u));
    if (['EC', 'Ed25519', 'Ed448'].includes(keyAlgorithm) && encipherment.length > 0) return fail('encipherment', { key: keyAlgorithm, usages: encipherment.join(', ') });
    if (isTlsServerCertificate(cert.data) && !keyUsage.includes('digitalSignature')) return fail('noSignature', { usages: keyUsage.join(', ') });
    return pass();
  },
});
