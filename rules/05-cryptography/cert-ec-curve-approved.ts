/**
 * EC public keys in certificates must use one of the NIST curves P-256, P-384 or P-521.
 *
 * Why: these are the only curves the CA/B Forum TLS BRs (§6.1.5) allow and the ones NIST SP 800-186 §3.2.1 and
 * SP 800-57 Pt 1 Rev 5 approve for ECDSA; other curves (secp256k1, Brainpool, P-192/P-224, explicit parameters) are
 * unsupported by many relying parties or too weak, and their presence signals an algorithm policy that is not defined
 * or not enforced (PKIMM 5.2).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** Approved curves by every name or OID a collector may report → display name. */
const APPROVED_CURVES: Readonly<Record<string, string>> = {
  'P-256': 'P-256',
  prime256v1: 'P-256',
  secp256r1: 'P-256',
  '1.2.840.10045.3.1.7': 'P-256',
  'P-384': 'P-384',
  secp384r1: 'P-384',
  '1.3.132.0.34': 'P-384',
  'P-521': 'P-521',
  secp521r1: 'P-521',
  '1.3.132.0.35': 'P-521',
};

export default defineRule({
  id: 'cert-ec-curve-approved',
  title: 'EC public keys use P-256, P-384 or P-521',
  description:
    'Flags certificates whose EC key uses a curve other than P-256, P-384 or P-521 (e.g. secp256k1, Brainpool, P-192) or no named curve at all. Certificates with other key algorithms are not applicable.',
  severity: 'high',
  pkimm: ['5.2'],
  references: ['CABF TLS BR §6.1.5', 'NIST SP 800-186 §3.2.1', 'NIST SP 800-57 Pt 1 Rev 5 §5.6', 'RFC 5480 §2.1.1'],
  remediation: 'Re-key and re-issue with ECDSA P-256 or P-384, and restrict the CA profile to the approved curves.',
  messages: {
    unapproved: 'EC key uses curve {{curve}}; the approved curves are P-256, P-384 and P-521.',
    noNamedCurve: 'EC key has no named curve; the approved curves are P-256, P-384 and P-521.',
  },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.keyAlgorithm === 'EC',
  evaluate(cert) {
    const { curve } = cert.data;
    if (curve === undefined) return fail('noNamedCurve');
    return Object.hasOwn(APPROVED_CURVES, curve) ? pass() : fail('unapproved', { curve });
  },
});
