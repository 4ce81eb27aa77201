/**
 * Certificates in use must not be revoked: a certificate that its CA's CRL or an OCSP response lists as revoked is
 * still deployed.
 *
 * Requirement: revocation ends use (RFC 5280 §3.3, RFC 6960 §2.2); a revoked certificate still served or installed
 * shows that replacement after revocation did not happen (PKIMM 7.3 lifecycle, 10.2 incident handling).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { cached, groupedBy } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'cert-not-revoked',
  title: 'Certificates in use are not revoked',
  description: 'Flags certificates that a fetched CRL lists as revoked or that an OCSP response reports as revoked.',
  severity: 'high',
  pkimm: ['7.3', '10.2'],
  references: ['RFC 5280 §3.3', 'RFC 6960 §2.2'],
  remediation: 'Replace the revoked certificate everywhere it is deployed; find out why it was revoked (key compromise?) and act on it.',
  docs: 'Only CRLs and OCSP responses collected in the same scan are consulted; a certificate no revocation source covered passes.',
  messages: { revoked: 'The certificate was revoked on {{date}} ({{reason}}), according to {{source}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate(cert, ctx) {
    const sha = cert.data.sha256.toLowerCase();
    const crls = ctx.items('crl');
    const revokedBy = cached(crls, 'revoked-by-sha256', () => {
      const index = new Map<string, { revokedAt: string; reason?: string; source: string }>();
      for (const crl of crls) {
        if (crl.data.status !== 'fetched') continue;
        for (const r of crl.data.revokedCertificates) {
          const key = r.sha256.toLowerCase();
          if (!index.has(key)) index.set(key, { revokedAt: r.revokedAt, ...(r.reason === undefined ? {} : { reason: r.reason }), source: `the CRL ${crl.data.url ?? crl.data.file ?? crl.target}` });
        }
      }
      return index;
    });
    const entry = revokedBy.get(sha);
    if (entry !== undefined) return fail('revoked', { date: entry.revokedAt, reason: entry.reason ?? 'no reason code', source: entry.source });
    const responses = groupedBy(ctx.items('ocsp-response'), 'certificate', (r) => (r.data.status === 'response' ? r.data.certificate.toLowerCase() : ''));
    for (const response of responses.get(sha) ?? []) {
      if (response.data.status !== 'response' || response.data.certStatus !== 'revoked') continue;
      return fail('revoked', { date: response.data.revokedAt ?? 'an unstated date', reason: response.data.revocationReason ?? 'no reason code', source: `OCSP (${response.data.source})` });
    }
    return pass();
  },
});
