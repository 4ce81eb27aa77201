/**
 * An issuing CA certificate should not expire before the certificates it issued: when it does, those certificates
 * stop validating early, without a successor CA certificate in place.
 *
 * Requirement: recurring activities on time (PKIMM 4.3: "CA certificates expiring before the last subordinate
 * notAfter with no successor") and lifecycle planning (7.3). RFC 5280 §6.1.3 checks every certificate's validity on
 * the path. NIST SP 800-57 Pt 1 Rev 5 §5.3.6 (originator-usage period of CA keys).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { findIssuer } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'cert-issuer-outlives-subject',
  title: 'Issuing CA certificates outlive the certificates they issued',
  description: 'Flags certificates whose issuer certificate (found in the scan by key identifier or name) expires before them, while no other valid certificate of that issuer outlives them.',
  severity: 'medium',
  pkimm: ['4.3', '7.3'],
  references: ['RFC 5280 §6.1.3', 'NIST SP 800-57 Pt 1 Rev 5 §5.3.6'],
  remediation: 'Issue a successor CA certificate (renew or re-key the CA) before the old one expires, and distribute it; stop issuing beyond the CA certificate\'s notAfter.',
  docs: 'Not applicable when the issuer certificate is not in the scan or the certificate is self-signed. A renewed CA certificate with the same name and key that outlives the subject counts as a successor.',
  messages: { early: 'Issuer {{issuer}} expires {{issuerNotAfter}}, before this certificate ({{notAfter}}).' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => findIssuer(cert.data, ctx.items('certificate')) !== undefined,
  evaluate(cert, ctx) {
    // findIssuer prefers the issuer certificate that is valid longest, so a successor is found when it exists.
    const issuer = findIssuer(cert.data, ctx.items('certificate'))!;
    if (Date.parse(issuer.notAfter) >= Date.parse(cert.data.notAfter)) return pass();
    return fail('early', { issuer: issuer.subject, issuerNotAfter: issuer.notAfter, notAfter: cert.data.notAfter });
  },
});
