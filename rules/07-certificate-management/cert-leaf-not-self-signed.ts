/**
 * End-entity certificates in use should be issued by a CA, not self-signed.
 *
 * Requirement: every certificate comes from a registered PKI (PKIMM 7.7 governance: self-signed certificates are the
 * simplest shadow PKI; 7.3 lifecycle: nobody renews or revokes them). RFC 5280 §6.1 gives relying parties no way to
 * validate them except by pinning.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-leaf-not-self-signed',
  title: 'End-entity certificates are not self-signed',
  description: 'Flags self-signed certificates that are not CAs (basicConstraints cA absent or FALSE).',
  severity: 'medium',
  pkimm: ['7.7', '7.3'],
  references: ['RFC 5280 §6.1', 'NIST SP 1800-16B §2.2'],
  remediation: 'Replace it with a certificate from the organisation\'s CA (or a public CA) and manage its renewal.',
  docs: 'Self-signed roots are CAs and pass; a self-signed leaf served on an endpoint also fails tls-chain-trusted.',
  messages: { selfSigned: 'Self-signed end-entity certificate {{subject}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isCa,
  evaluate: (cert) => (cert.data.isSelfSigned ? fail('selfSigned', { subject: cert.data.subject }) : pass()),
});
