/**
 * Certificate public keys should use a key type the policy profile names at all (approved or deprecated).
 *
 * Requirement: every algorithm in use is covered by the approved-algorithm list (PKIMM 5.2); an algorithm the list
 * does not mention (GOST, Brainpool without a decision, X25519 certificates...) shows a gap in the policy or an
 * unmanaged asset.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { certificateKey, classifyKey } from '../../src/policy/classify.js';
import { describeKey } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'cert-key-on-approved-list',
  title: 'Certificate keys are covered by the policy profile',
  description: 'Flags certificates whose key type the policy profile neither approves, deprecates nor prohibits.',
  severity: 'medium',
  pkimm: ['5.2'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §5.6', 'NIST SP 800-131A Rev 2 §1.2'],
  remediation: 'Decide on the algorithm: add it to the profile (approved or deprecated with a sunset) or replace the certificate.',
  docs: 'The profile `cabf-tls` prohibits everything it does not approve (`algorithm: "*"`), so under it this check never fails.',
  messages: { unlisted: '{{key}} keys are not in policy profile "{{profile}}".' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate(cert, ctx) {
    const key = certificateKey(cert.data);
    if (classifyKey(ctx.policy, key, ctx.now).status !== 'unlisted') return pass();
    return fail('unlisted', { key: describeKey(key.algorithm, key.bits, key.curve), profile: ctx.policy.name });
  },
});
