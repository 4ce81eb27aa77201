/**
 * Keys with only 112 bits of security (RSA below 3072 bits, DSA below 3072, EC below 256 bits) should not be in
 * certificates that stay valid after 2030-12-31.
 *
 * Requirement: NIST SP 800-57 Pt 1 Rev 5 §5.6.3 (Table 4) and SP 800-131A Rev 2 allow 112-bit strength only through
 * 2030; a certificate that outlives that date carries a key past its security lifetime (PKIMM 5.5 lifecycle, 5.6
 * agility).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { securityBits } from '../../src/engine/rule-helpers.js';

const HORIZON = '2030-12-31T23:59:59Z';

export default defineRule({
  id: 'cert-key-strength-beyond-2030',
  title: 'Certificates valid after 2030 have keys stronger than 112 bits',
  description: 'Flags certificates with a 112-bit key (RSA-2048, for example) whose notAfter is after 2030-12-31.',
  severity: 'low',
  pkimm: ['5.5', '5.6'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §5.6.3', 'NIST SP 800-131A Rev 2 §2'],
  remediation: 'Re-issue with RSA-3072 or ECDSA P-256 or stronger, or shorten the validity to end by 2030-12-31.',
  docs: 'EdDSA and post-quantum keys are not applicable; keys weaker than 112 bits are left to cert-key-not-prohibited.',
  messages: { outlives: '{{algorithm}}-{{bits}} gives {{strength}}-bit security, acceptable only through 2030, but the certificate is valid until {{notAfter}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => securityBits(cert.data) === 112,
  evaluate(cert) {
    if (Date.parse(cert.data.notAfter) <= Date.parse(HORIZON)) return pass();
    return fail('outlives', { algorithm: cert.data.keyAlgorithm, bits: cert.data.keySizeBits ?? 0, strength: 112, notAfter: cert.data.notAfter });
  },
});
