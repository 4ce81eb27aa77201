/**
 * Certificates in use must not be revoked: a certificate that its CA's CRL or an OCSP response lists as revoked is
 * still deployed.
 *
 * Requirement: revocation ends use (RFC 5280 §3.3, RFC 6960 §2.2); a revoked certificate still served or installed
 * shows that replacement after revocation did not happen (PKIMM 7.3 lifecycle, 10.2 incident handling).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

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
    for (const crl of ctx.items('crl')) {
      if (crl.data.status !== 'fetched') continue;
      const entry = crl.data.revokedCertificates.find((r) => r.sha256.toLowerCase() === sha);
      if (entry !== undefined) return fail('revoked', { date: entry.revokedAt, reason: entry.reason ?? 'no reason code', source: `the CRL ${crl.data.url ?? crl.data.file ?? crl.target}` });
    }
    for (const response of ctx.items('ocsp-response')) {
      if (response.data.status !== 'response' || response.data.certificate.toLowerCase() !== sha || response.data.certStatus !== 'revoked') continue;
      return fail('revoked', { date: response.data.revokedAt ?? 'an unstated date', reason: response.data.revocationReason ?? 'no reason code', source: `OCSP (${response.data.source})` });
    }
    return pass();
  },
});
