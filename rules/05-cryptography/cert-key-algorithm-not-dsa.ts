/**
 * Certificates must not carry DSA public keys.
 *
 * Why: DSA is no longer approved for generating signatures (FIPS 186-5 §1, NIST SP 800-131A Rev 2 §3) and is not
 * allowed by the CA/B Forum TLS BRs (§6.1.5); modern TLS stacks have dropped it. A DSA key means a prohibited algorithm
 * is still in use (PKIMM 5.2) and that its deprecation has not been carried through (PKIMM 5.5). Every certificate is
 * in scope, self-signed ones included, because their keys still sign.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** id-dsa (RFC 3279 §2.3.2), for collectors that could not classify the key. */
const DSA_KEY_OID = '1.2.840.10040.4.1';

export default defineRule({
  id: 'cert-key-algorithm-not-dsa',
  title: 'Certificate public keys are not DSA',
  description: 'Flags certificates whose subject public key is a DSA key (identified by key algorithm or by the id-dsa OID). Every certificate is in scope.',
  severity: 'high',
  pkimm: ['5.2', '5.5'],
  references: ['FIPS 186-5 §1', 'NIST SP 800-131A Rev 2 §3', 'CABF TLS BR §6.1.5', 'RFC 3279 §2.3.2'],
  remediation: 'Re-key and re-issue with ECDSA P-256 or RSA-3072, and remove DSA from the CA profile and from client and server configurations.',
  messages: { dsaKey: 'Certificate has a DSA key{{size}}; DSA is no longer approved for signatures.' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate(cert) {
    const { keyAlgorithm, keyAlgorithmOid, keySizeBits } = cert.data;
    if (keyAlgorithm !== 'DSA' && keyAlgorithmOid !== DSA_KEY_OID) return pass();
    return fail('dsaKey', { size: keySizeBits === undefined ? '' : ` (${keySizeBits} bits)` });
  },
});
