/**
 * A certificate in use must not have a notBefore later than the scan's "now" (RFC 5280 §4.1.2.5: it is not yet valid).
 *
 * Why: relying parties reject a not-yet-valid certificate, so either the issuing system's clock is wrong, the
 * certificate was deployed before its validity started, or the scanner's clock is off; each is a lifecycle problem
 * worth a look (PKIMM 7.3). Some CAs backdate notBefore by design, never forward-date it, so any future date counts.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const MS_PER_SECOND = 1000;

export default defineRule({
  id: 'cert-validity-not-before-in-future',
  title: 'Certificates in use are already valid (notBefore is not in the future)',
  description: 'Flags certificates whose notBefore is later than the scan time. Every certificate is in scope.',
  severity: 'low',
  pkimm: ['7.3'],
  references: ['RFC 5280 §4.1.2.5', 'RFC 5280 §6.1.3'],
  remediation: 'Check the clocks of the issuing CA, the server and the scanner (NTP); deploy certificates only once they are valid.',
  messages: { notYetValid: 'Certificate is not valid until {{notBefore}}, {{seconds}} seconds after the scan time {{now}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate(cert, ctx) {
    const notBefore = Date.parse(cert.data.notBefore);
    if (Number.isNaN(notBefore)) throw new Error(`notBefore is not a date: ${cert.data.notBefore}`);
    const ahead = notBefore - ctx.now.getTime();
    if (ahead <= 0) return pass();
    return fail('notYetValid', { notBefore: cert.data.notBefore, seconds: Math.ceil(ahead / MS_PER_SECOND), now: ctx.now.toISOString() });
  },
});
