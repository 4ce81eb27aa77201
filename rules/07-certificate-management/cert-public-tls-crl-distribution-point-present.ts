/**
 * Publicly trusted TLS certificates must carry a CRL distribution point unless they are short-lived (validity of at
 * most 10 days; 7 days for certificates issued from 2026-03-15).
 *
 * Requirement: CA/B Forum TLS BR §7.1.2.11.2 and §4.9.7 (CRLs mandatory, OCSP optional since ballot SC-063; the
 * short-lived exemption of §7.1.2.7.1). Revocation pointers are part of PKIMM 7.1 profiles and 7.3 lifecycle.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_SECONDS } from '../../src/engine/rule-helpers.js';
import { isPublicTls } from '../../src/policy/classify.js';

/** Longest validity counted as short-lived for a certificate issued at `notBefore` (TLS BR §1.6.1 "Short-lived Subscriber Certificate"). */
const shortLivedDays = (notBefore: string): number => (Date.parse(notBefore) >= Date.parse('2026-03-15T00:00:00Z') ? 7 : 10);

export default defineRule({
  id: 'cert-public-tls-crl-distribution-point-present',
  title: 'Public TLS certificates carry a CRL distribution point',
  description: 'Flags publicly trusted TLS server certificates that are not short-lived and have no CRL distribution point URL.',
  severity: 'medium',
  pkimm: ['7.1', '7.3'],
  references: ['CABF TLS BR §7.1.2.11.2', 'CABF TLS BR §4.9.7', 'CABF ballot SC-063', 'RFC 5280 §4.2.1.13'],
  remediation: 'Ask the CA to include the CRL distribution point (required since March 2024) or move to short-lived certificates.',
  docs: 'Short-lived certificates (≤ 10 days, ≤ 7 days from 2026-03-15) are exempt and pass.',
  messages: { missing: 'Public TLS certificate valid for {{days}} days has no CRL distribution point.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => isPublicTls(cert.data, ctx.policy),
  evaluate(cert) {
    const { crlUrls, validitySeconds, notBefore } = cert.data;
    if (crlUrls.length > 0 || validitySeconds <= shortLivedDays(notBefore) * DAY_SECONDS) return pass();
    return fail('missing', { days: Math.ceil(validitySeconds / DAY_SECONDS) });
  },
});
