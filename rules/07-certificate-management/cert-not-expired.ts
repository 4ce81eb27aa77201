/**
 * A certificate in use must be within its validity period: it must not be past its notAfter time.
 *
 * Why: an expired certificate that is still served, mounted or deployed breaks every relying party that validates it
 * (RFC 5280 §4.1.2.5, §6.1.3) and is the most visible sign that renewal is not planned or not executed on time
 * (PKIMM 7.3 certificate lifecycle, 4.3 recurring activities performed on time).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_MS, isoSeconds } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'cert-not-expired',
  title: 'Certificates in use have not expired',
  description: 'Flags certificates whose notAfter time lies before the scan time. notAfter itself is still valid (RFC 5280 §4.1.2.5).',
  severity: 'high',
  pkimm: ['7.3', '4.3'],
  references: ['RFC 5280 §4.1.2.5', 'RFC 5280 §6.1.3 (a)(2)'],
  remediation: 'Renew and deploy a replacement certificate, remove the expired one from every place it was seen, and add the certificate to renewal monitoring.',
  messages: { expired: 'Certificate expired on {{notAfter}} ({{days}} days ago).' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate(cert, ctx) {
    const notAfterMs = Date.parse(cert.data.notAfter);
    if (Number.isNaN(notAfterMs)) throw new Error(`notAfter is not a date: ${cert.data.notAfter}`);
    const overdueMs = ctx.now.getTime() - notAfterMs;
    if (overdueMs <= 0) return pass();
    return fail('expired', { notAfter: isoSeconds(notAfterMs), days: Math.floor(overdueMs / DAY_MS) });
  },
});
