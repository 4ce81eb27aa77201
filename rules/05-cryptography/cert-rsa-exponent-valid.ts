/**
 * RSA public exponents must be odd and at least 65537 (CA/B Forum TLS BR §6.1.6: odd, in [2^16+1, 2^256−1];
 * FIPS 186-5 §A.1.1).
 *
 * Requirement: keys are generated with approved parameters (PKIMM 5.2); an even exponent is not an RSA key at all,
 * and exponents such as 3 invite the low-exponent attacks that broke PKCS#1 v1.5 signature verification.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const MIN_EXPONENT = 65_537;

export default defineRule({
  id: 'cert-rsa-exponent-valid',
  title: 'RSA public exponents are odd and at least 65537',
  description: 'Flags RSA certificates whose public exponent is even or below 65537.',
  severity: 'high',
  pkimm: ['5.2', '10.2'],
  references: ['CABF TLS BR §6.1.6', 'FIPS 186-5 §A.1.1', 'NIST SP 800-89 §5.3.3'],
  remediation: 'Generate a new key pair with exponent 65537 and re-issue; find the key generator that produced the small exponent.',
  docs: 'Reads the parser\'s `rsaPublicExponent` and `rsaWeaknesses` (small-exponent, even-exponent). RSA certificates parsed without the exponent are not applicable.',
  messages: {
    even: 'RSA public exponent {{exponent}} is even, so this is not a valid RSA key.',
    small: 'RSA public exponent {{exponent}} is below {{min}}.',
  },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.keyAlgorithm === 'RSA' && (cert.data.rsaPublicExponent !== undefined || cert.data.rsaWeaknesses !== undefined),
  evaluate(cert) {
    const { rsaPublicExponent, rsaWeaknesses = [] } = cert.data;
    const exponent = rsaPublicExponent === undefined ? 'unknown' : String(rsaPublicExponent);
    if (rsaWeaknesses.includes('even-exponent') || (rsaPublicExponent !== undefined && rsaPublicExponent % 2 === 0)) return fail('even', { exponent });
    if (rsaWeaknesses.includes('small-exponent') || (rsaPublicExponent !== undefined && rsaPublicExponent < MIN_EXPONENT)) return fail('small', { exponent, min: MIN_EXPONENT });
    return pass();
  },
});
