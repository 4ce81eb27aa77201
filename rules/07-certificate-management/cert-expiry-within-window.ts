/**
 * A valid certificate should not get closer to its notAfter time than the organisation's renewal window
 * (option `warnDays`, default 30 days) without having been replaced.
 *
 * Why: renewal that starts only inside the last weeks leaves no margin for failed automation, approvals or deployment;
 * a certificate inside the window is an expiry incident in the making (PKIMM 7.3 certificate lifecycle, 11.1 extent of
 * automation). 30 days matches certbot's default renewal point (`renew_before_expiry`).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_MS, isoSeconds } from '../../src/engine/rule-helpers.js';

/** Options of this check (`rules.options["cert-expiry-within-window"]`). */
interface Options {
  /** Renewal window in days: a certificate expiring within this many days fails. */
  readonly warnDays: number;
}

const DEFAULTS: Options = { warnDays: 30 };

export default defineRule({
  id: 'cert-expiry-within-window',
  title: 'Valid certificates are renewed before the renewal window',
  description:
    'Flags certificates that have not expired yet but expire within `warnDays` days (default 30) of the scan time. Expired certificates are left to cert-not-expired.',
  severity: 'medium',
  pkimm: ['7.3', '11.1'],
  references: ['RFC 5280 §4.1.2.5', 'NIST SP 1800-16B (TLS server certificate management)'],
  remediation: 'Renew and deploy the certificate now, and automate renewal (ACME, cert-manager, autoenrollment) so that it starts well before the window.',
  messages: { expiresSoon: 'Certificate expires in {{days}} days (on {{notAfter}}); the renewal window is {{warnDays}} days.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => ctx.now.getTime() <= Date.parse(cert.data.notAfter),
  evaluate(cert, ctx) {
    const { warnDays } = ctx.options('cert-expiry-within-window', DEFAULTS);
    if (typeof warnDays !== 'number' || !Number.isFinite(warnDays) || warnDays < 0) {
      throw new Error(`option warnDays must be a non-negative number, got ${JSON.stringify(warnDays)}`);
    }
    const notAfterMs = Date.parse(cert.data.notAfter);
    const remainingMs = notAfterMs - ctx.now.getTime();
    if (remainingMs > warnDays * DAY_MS) return pass();
    return fail('expiresSoon', { days: Math.floor(remainingMs / DAY_MS), notAfter: isoSeconds(notAfterMs), warnDays });
  },
});
