/**
 * Certificate public keys should not use a key type the policy profile has deprecated (still tolerated until a
 * sunset date).
 *
 * Requirement: assets on deprecated algorithms are known and have a replacement plan before the sunset date
 * (PKIMM 5.5 crypto lifecycle and deprecation; NIST SP 800-131A Rev 2 "deprecated" status).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { certificateKey, classifyKey } from '../../src/policy/classify.js';
import { describeKey } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'cert-key-not-deprecated',
  title: 'Certificate keys are not on the deprecated list',
  description: 'Flags certificates whose public key the policy profile lists as deprecated, with the sunset date after which it becomes prohibited.',
  severity: 'low',
  pkimm: ['5.5', '5.2'],
  references: ['NIST SP 800-131A Rev 2 §1.2', 'NIST IR 8547 (draft) §4'],
  remediation: 'Plan the replacement before the sunset date: re-key at the next renewal with an approved key type.',
  docs: 'Passes for approved keys and leaves prohibited or unlisted keys to cert-key-not-prohibited and cert-key-on-approved-list.',
  messages: { deprecated: '{{key}} keys are deprecated by policy profile "{{profile}}"; sunset {{until}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate(cert, ctx) {
    const key = certificateKey(cert.data);
    const verdict = classifyKey(ctx.policy, key, ctx.now);
    if (verdict.status !== 'deprecated') return pass();
    return fail('deprecated', { key: describeKey(key.algorithm, key.bits, key.curve), profile: ctx.policy.name, until: verdict.until ?? 'not set' });
  },
});
