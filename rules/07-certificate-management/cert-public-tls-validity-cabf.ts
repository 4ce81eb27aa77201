/**
 * Publicly trusted TLS server certificates must not be valid longer than the CA/B Forum TLS BR §6.3.2 limit for their
 * issuance date (ballot SC-081): 398 days, 200 days from 2026-03-15, 100 days from 2027-03-15, 47 days from
 * 2029-03-15. A day is 86,400 seconds and the validity period includes both notBefore and notAfter (RFC 5280
 * §4.1.2.5), so exactly N × 86,400 seconds is allowed and one second more is not.
 *
 * Requirement: certificate profiles follow the applicable baseline (PKIMM 7.1 profiles, 3.2 compliance monitoring).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_SECONDS } from '../../src/engine/rule-helpers.js';
import { isPublicTls } from '../../src/policy/classify.js';

/** TLS BR §6.3.2 as amended by SC-081: [issued on or after, maximum days]. The first entry applies from 2020-09-01. */
const SCHEDULE: readonly (readonly [string, number])[] = [
  ['2020-09-01T00:00:00Z', 398],
  ['2026-03-15T00:00:00Z', 200],
  ['2027-03-15T00:00:00Z', 100],
  ['2029-03-15T00:00:00Z', 47],
];

/** The BR maximum for a certificate issued at `notBefore`; undefined before 2020-09-01. */
function brMaximumDays(notBefore: string): number | undefined {
  const issued = Date.parse(notBefore);
  return SCHEDULE.filter(([from]) => Date.parse(from) <= issued).at(-1)?.[1];
}

export default defineRule({
  id: 'cert-public-tls-validity-cabf',
  title: 'Public TLS certificates respect the CA/B Forum validity schedule',
  description:
    'Flags publicly trusted TLS server certificates (CA/B Forum policy OID or an issuer the profile lists as public) whose validity exceeds the TLS BR §6.3.2 maximum for their notBefore date: 398, 200 (from 2026-03-15), 100 (from 2027-03-15) or 47 days (from 2029-03-15).',
  severity: 'high',
  pkimm: ['7.1', '3.2'],
  references: ['CABF TLS BR §6.3.2', 'CABF ballot SC-081v3', 'RFC 5280 §4.1.2.5'],
  remediation: 'Re-issue within the limit and automate renewal (ACME); ask the CA why it issued the certificate, since it breaches the BRs.',
  docs: 'The limit is fixed by the BRs, not by the policy profile; cert-validity-within-policy checks the organisation\'s own limits.',
  messages: { tooLong: 'Issued {{notBefore}} with a validity of {{days}} days ({{seconds}} seconds); the CA/B Forum maximum for that date is {{maxDays}} days ({{maxSeconds}} seconds).' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => isPublicTls(cert.data, ctx.policy) && brMaximumDays(cert.data.notBefore) !== undefined,
  evaluate(cert) {
    const maxDays = brMaximumDays(cert.data.notBefore)!;
    const seconds = cert.data.validitySeconds;
    const maxSeconds = maxDays * DAY_SECONDS;
    if (seconds <= maxSeconds) return pass();
    return fail('tooLong', { notBefore: cert.data.notBefore, days: Math.ceil(seconds / DAY_SECONDS), seconds, maxDays, maxSeconds });
  },
});
