/**
 * Valid end-entity certificates should have an observed automated renewal path (cert-manager, certbot, ACM managed
 * renewal, Key Vault auto-renew, Google-managed certificates); certificates without one are renewed by hand.
 *
 * Requirement: extent of automation (PKIMM 11.1, analysis `auto_cov`) and exception handling (11.3: certificates
 * outside automation should be registered exceptions — waive this check for them, with an owner and a review date).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { automationOf } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'cert-renewal-automated',
  title: 'Certificates have an automated renewal path',
  description: 'Lists (as info) valid end-entity certificates for which no collector saw an automated renewal mechanism. Expired and CA certificates are not applicable.',
  severity: 'info',
  pkimm: ['11.1', '11.3'],
  references: ['RFC 8555', 'NIST SP 1800-16B §4'],
  remediation: 'Move the certificate to automated issuance (ACME, cert-manager, managed cloud certificates), or register it as an exception (a waiver with owner and review date).',
  docs: 'A certificate seen only on an endpoint or in a file has no visible automation: scan the Kubernetes cluster, certbot configuration or cloud account that manages it to let this check see the mechanism.',
  messages: { manual: 'No automated renewal path was observed for {{subject}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => !cert.data.isCa && Date.parse(cert.data.notAfter) >= ctx.now.getTime(),
  evaluate: (cert) => (automationOf(cert.data) === undefined ? fail('manual', { subject: cert.data.subject }) : pass()),
});
