/**
 * RSA public keys in certificates must be at least 2048 bits.
 *
 * Why: shorter moduli are below every current baseline (CA/B Forum TLS BR §6.1.5, NIST SP 800-57 Pt 1 Rev 5 §5.6,
 * NIST SP 800-131A Rev 2 §2); they signal an unmanaged algorithm policy (PKIMM 5.2) or unenforced certificate
 * profiles (PKIMM 7.1).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const MIN_BITS = 2048;

export default defineRule({
  id: 'cert-rsa-key-min-2048',
  title: 'RSA public keys are at least 2048 bits',
  description: 'Flags certificates whose RSA modulus is shorter than 2048 bits. Certificates with other key algorithms are not applicable.',
  severity: 'high',
  pkimm: ['5.2', '7.1'],
  references: ['CABF TLS BR §6.1.5', 'NIST SP 800-57 Pt 1 Rev 5 §5.6', 'NIST SP 800-131A Rev 2 §2'],
  remediation: 'Re-key and re-issue with RSA-3072 or ECDSA P-256, and update the certificate profile so that short keys are rejected.',
  messages: { tooShort: 'RSA key is {{bits}} bits; the minimum is {{min}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.keyAlgorithm === 'RSA',
  evaluate(cert) {
    const bits = cert.data.keySizeBits;
    if (bits === undefined) throw new Error('RSA key size is unknown');
    return bits >= MIN_BITS ? pass() : fail('tooShort', { bits, min: MIN_BITS });
  },
});
