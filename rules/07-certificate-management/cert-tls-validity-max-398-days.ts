/**
 * TLS server certificates must not have a validity period longer than 398 days (CA/B Forum TLS BR §6.3.2, for
 * certificates issued on or after 2020-09-01). The validity period counts both notBefore and notAfter (RFC 5280
 * §4.1.2.5), so exactly 398 × 86,400 seconds is allowed and one second more is not.
 *
 * Why: long-lived server certificates keep stale keys and validation data in use and hide a manual, rarely exercised
 * renewal process; short lifetimes are what certificate profiles (PKIMM 7.1) and lifecycle automation (PKIMM 7.3)
 * aim at. The BRs shorten the limit further from 2026-03-15 (ballot SC-081); this check keeps the 398-day baseline.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { isTlsServerCertificate } from '../../src/policy/classify.js';

const DAY_SECONDS = 86_400;
const MAX_DAYS = 398;
/** The BR limit applies to certificates issued on or after this date. */
const EFFECTIVE_FROM_MS = Date.parse('2020-09-01T00:00:00Z');

export default defineRule({
  id: 'cert-tls-validity-max-398-days',
  title: 'TLS server certificates are valid for at most 398 days',
  description:
    'Flags non-CA certificates for TLS servers (EKU serverAuth, or no EKU with DNS names or a CA/B Forum TLS policy OID) issued on or after 2020-09-01 whose validity period exceeds 398 days.',
  severity: 'medium',
  pkimm: ['7.1', '7.3'],
  references: ['CABF TLS BR §6.3.2', 'RFC 5280 §4.1.2.5'],
  remediation: 'Re-issue with a validity of at most 397 days (better: 90 days or less with automated renewal) and cap the validity in the CA profile.',
  messages: { tooLong: 'Certificate is valid for {{days}} days ({{seconds}} seconds); the maximum is {{maxDays}} days ({{maxSeconds}} seconds).' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => isTlsServerCertificate(cert.data) && Date.parse(cert.data.notBefore) >= EFFECTIVE_FROM_MS,
  evaluate(cert) {
    const seconds = cert.data.validitySeconds;
    const maxSeconds = MAX_DAYS * DAY_SECONDS;
    if (seconds <= maxSeconds) return pass();
    return fail('tooLong', { days: Math.ceil(seconds / DAY_SECONDS), seconds, maxDays: MAX_DAYS, maxSeconds });
  },
});
