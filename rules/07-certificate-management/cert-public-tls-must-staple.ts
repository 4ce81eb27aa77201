/**
 * When the policy profile requires it, publicly trusted TLS certificates must carry the TLS feature extension
 * requesting OCSP stapling ("must-staple", RFC 7633).
 *
 * Requirement: the organisation's profile (PKIMM 7.1) may require must-staple so that revocation is enforced by
 * clients that honour it. Off in the built-in profiles (OCSP is optional under the BRs since ballot SC-063).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { isPublicTls } from '../../src/policy/classify.js';

export default defineRule({
  id: 'cert-public-tls-must-staple',
  title: 'Public TLS certificates carry must-staple when the policy requires it',
  description: 'Flags publicly trusted TLS certificates without the TLS feature (status_request) extension when `tls.requireMustStaple` is set.',
  severity: 'low',
  pkimm: ['7.1'],
  references: ['RFC 7633', 'RFC 6066 §8'],
  remediation: 'Request must-staple from the CA (e.g. certbot --must-staple) and make sure the server staples OCSP responses.',
  docs: 'Not applicable unless the policy profile sets `tls.requireMustStaple: true`.',
  messages: { missing: 'The certificate does not request OCSP stapling (no must-staple extension).' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => ctx.policy.tls.requireMustStaple && isPublicTls(cert.data, ctx.policy),
  evaluate: (cert) => (cert.data.mustStaple === true ? pass() : fail('missing')),
});
