/**
 * Certificates a TLS endpoint serves must not be signed with SHA-1 or MD5, intermediates included; a self-signed root
 * is exempt (its self-signature is not verified).
 *
 * Requirement: NIST SP 800-131A Rev 2 §9, CA/B Forum TLS BR §7.1.3.2 (SHA-1 prohibited), RFC 9155 (SHA-1 and MD5
 * deprecated in TLS 1.2 signatures). Browsers reject SHA-1 intermediates (PKIMM 5.2, 7.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const WEAK = new Set(['SHA-1', 'MD5', 'MD4', 'MD2']);

export default defineRule({
  id: 'tls-chain-no-weak-signature',
  title: 'TLS endpoints serve no SHA-1 or MD5 signed certificate',
  description: 'Flags TLS endpoints serving a certificate (other than a self-signed root) signed with SHA-1 or MD5.',
  severity: 'high',
  pkimm: ['7.3', '5.2'],
  references: ['NIST SP 800-131A Rev 2 §9', 'CABF TLS BR §7.1.3.2', 'RFC 9155'],
  remediation: 'Serve the SHA-256 cross-sign or re-issued intermediate instead, and remove the legacy one from the chain file.',
  docs: 'Complements cert-signature-no-sha1, which judges each certificate on its own: this check names the endpoint that serves it.',
  messages: { weak: '{{host}}:{{port}} serves {{subject}} (position {{position}}) signed with {{hash}}.' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint, ctx) => endpoint.data.chain.some((sha) => ctx.certificate(sha) !== undefined),
  evaluate(endpoint, ctx) {
    for (const [position, sha] of endpoint.data.chain.entries()) {
      const cert = ctx.certificate(sha)?.data;
      if (cert === undefined || cert.isSelfSigned || cert.signatureHash === undefined || !WEAK.has(cert.signatureHash)) continue;
      return fail('weak', { host: endpoint.data.host, port: endpoint.data.port, subject: cert.subject, position, hash: cert.signatureHash });
    }
    return pass();
  },
});
