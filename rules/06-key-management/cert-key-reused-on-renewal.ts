/**
 * A renewed certificate should have a new key: a certificate must not share its public key with an earlier
 * certificate of the same subject.
 *
 * Requirement: rotation on renewal (PKIMM 6.4 key lifecycle; analysis §4.5 M.6.4 "> 10 % of leaf keys reused across
 * renewals"; NIST SP 800-57 Pt 1 Rev 5 §5.3 cryptoperiods). Reusing the key extends its cryptoperiod indefinitely and
 * defeats the point of short certificate lifetimes.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { groupedBy } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'cert-key-reused-on-renewal',
  title: 'Renewed certificates have a new key',
  description: 'Flags certificates whose public key also appears in an earlier certificate (earlier notBefore) with the same subject. CA certificates are not applicable (CA re-certification keeps the key by design).',
  severity: 'medium',
  pkimm: ['6.4', '5.6'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §5.3', 'RFC 8555 §7.4 (new key per order recommended by ACME clients)'],
  remediation: 'Generate a new key on every renewal (certbot without --reuse-key, cert-manager rotationPolicy: Always).',
  docs: 'Compares with every certificate in the scan, so it needs the previous generation to be observed (files, CT or a history import).',
  messages: { reused: 'Renewal reuses the key of the certificate issued {{earlier}} ({{count}} earlier certificate(s) with the same key and subject).' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isCa,
  evaluate(cert, ctx) {
    const { subject, spkiSha256, sha256, notBefore } = cert.data;
    const issued = Date.parse(notBefore);
    const sameKey = groupedBy(ctx.items('certificate'), 'subject+spki', (c) => `${c.data.subject}\u0000${c.data.spkiSha256}`).get(`${subject}\u0000${spkiSha256}`) ?? [];
    const earlier = sameKey
      .map((c) => c.data)
      .filter((c) => c.sha256 !== sha256 && Date.parse(c.notBefore) < issued)
      .sort((a, b) => Date.parse(b.notBefore) - Date.parse(a.notBefore));
    return earlier.length === 0 ? pass() : fail('reused', { earlier: earlier[0]!.notBefore, count: earlier.length });
  },
});
