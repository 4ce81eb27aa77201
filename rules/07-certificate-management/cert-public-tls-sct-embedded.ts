/**
 * Publicly trusted TLS certificates need embedded SCTs from enough distinct logs: at least 2 for validity up to 180
 * days, 3 for longer (Chrome CT policy; Apple's CT policy uses the same counts); certificates longer than 27 months,
 * issued under Apple's earlier policy, need 4 (up to 39 months) or 5.
 *
 * Requirement: Certificate Transparency (RFC 6962 §3.3) is a precondition for public TLS certificates to work in
 * Chrome and Safari; missing SCTs show issuance outside the normal public path (PKIMM 7.3, 7.5 discovery via CT).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_SECONDS } from '../../src/engine/rule-helpers.js';
import { isPublicTls } from '../../src/policy/classify.js';

/** notBefore plus whole calendar months, in epoch ms. */
function addMonths(iso: string, months: number): number {
  const d = new Date(iso);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/**
 * SCTs required for a certificate: the current Chrome and Apple policy (≤ 180 days: 2, longer: 3), and for the
 * long-lived certificates issued before today's lifetime limits the historical Apple tiers (≤ 15 months: 2, ≤ 27
 * months: 3, ≤ 39 months: 4, longer: 5), whichever asks for more.
 */
function requiredScts(notBefore: string, notAfter: string, validitySeconds: number): number {
  const current = validitySeconds <= 180 * DAY_SECONDS ? 2 : 3;
  const end = Date.parse(notAfter);
  const historical = end <= addMonths(notBefore, 15) ? 2 : end <= addMonths(notBefore, 27) ? 3 : end <= addMonths(notBefore, 39) ? 4 : 5;
  return Math.max(current, historical);
}

export default defineRule({
  id: 'cert-public-tls-sct-embedded',
  title: 'Public TLS certificates embed enough SCTs',
  description: 'Flags publicly trusted TLS certificates with fewer embedded SCTs (from distinct logs, when log ids are known) than the Chrome CT policy requires. Not applicable when the profile does not require SCTs, or to precertificates.',
  severity: 'medium',
  pkimm: ['7.3', '7.5'],
  references: ['RFC 6962 §3.3', 'Chrome Certificate Transparency Policy', 'Apple Certificate Transparency policy'],
  remediation: 'Obtain the certificate from a CA that logs it to CT (all public CAs do by default); check that the deployed certificate is the final one, not one re-signed internally.',
  docs: 'SCTs delivered by TLS extension or OCSP stapling are not seen here; public CAs embed them, so a missing embedded SCT is nearly always a problem.',
  messages: { tooFew: 'Public TLS certificate valid for {{days}} days embeds {{count}} SCT(s) from distinct logs; {{required}} are required.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => ctx.policy.tls.requireSct && cert.data.precertificate !== true && isPublicTls(cert.data, ctx.policy),
  evaluate(cert) {
    const { embeddedScts, embeddedSctCount, validitySeconds, notBefore, notAfter } = cert.data;
    const count = embeddedScts === undefined ? embeddedSctCount : new Set(embeddedScts.map((sct) => sct.logId)).size;
    const required = requiredScts(notBefore, notAfter, validitySeconds);
    return count >= required ? pass() : fail('tooFew', { days: Math.ceil(validitySeconds / DAY_SECONDS), count, required });
  },
});
