/**
 * Certificates issued by a CA (not self-signed) must tell relying parties where to check revocation: a CRL
 * distribution point or an OCSP URL in the AIA extension (CA/B Forum TLS BR §7.1.2.7, RFC 5280 §4.2.1.13, §4.2.2.1).
 * Short-lived subscriber certificates (validity of at most 7 days) are not applicable: the BRs let them omit both
 * because they expire before revocation would propagate.
 *
 * Why: without a pointer, a revoked certificate is still accepted, so revocation (part of the certificate lifecycle,
 * PKIMM 7.3) cannot take effect, and a compromise cannot be contained (PKIMM 10.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** Subscriber certificates valid for at most this long count as short-lived. */
const SHORT_LIVED_SECONDS = 7 * 86_400;

export default defineRule({
  id: 'cert-revocation-info-present',
  title: 'Certificates carry a CRL distribution point or an OCSP URL',
  description:
    'Flags non-self-signed certificates that have neither a CRL distribution point nor an OCSP URL. Self-signed certificates and short-lived subscriber certificates (at most 7 days) are not applicable.',
  severity: 'medium',
  pkimm: ['7.3', '10.3'],
  references: ['CABF TLS BR §7.1.2.7', 'CABF TLS BR §7.1.2.11.2', 'RFC 5280 §4.2.1.13', 'RFC 5280 §4.2.2.1'],
  remediation: 'Configure the issuing CA to include a CRL distribution point (and, where supported, an OCSP URL) and re-issue the certificate.',
  messages: { noRevocationInfo: 'Certificate has neither a CRL distribution point nor an OCSP URL; its revocation cannot be checked.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isSelfSigned && (cert.data.isCa || cert.data.validitySeconds > SHORT_LIVED_SECONDS),
  evaluate(cert) {
    return cert.data.crlUrls.length > 0 || cert.data.ocspUrls.length > 0 ? pass() : fail('noRevocationInfo');
  },
});
