/**
 * Certificate public keys must not use an algorithm or size the policy profile prohibits, or one past its sunset date.
 *
 * Requirement: the organisation defines approved, deprecated and prohibited algorithms and parameters and keeps
 * assets off the prohibited ones (PKIMM 5.2 approved algorithms, 5.5 crypto lifecycle). Default profile: RSA below
 * 2048 bits, DSA and EC keys on curves other than P-256/P-384/P-521 are prohibited (CA/B Forum TLS BR §6.1.5,
 * NIST SP 800-131A Rev 2 §2, SP 800-57 Pt 1 Rev 5 §5.6.1); RSA-2048 passes its sunset after 2030-12-31.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { describeKey } from '../../src/engine/rule-helpers.js';
import { certificateKey, classifyKey } from '../../src/policy/classify.js';

export default defineRule({
  id: 'cert-key-not-prohibited',
  title: 'Certificate keys are not on the prohibited list',
  description:
    "Flags certificates whose public key the policy profile prohibits (for example RSA below 2048 bits, DSA, unapproved curves) or whose key type is past its sunset date.",
  severity: 'high',
  pkimm: ['5.2', '5.5', '7.2'],
  references: ['CABF TLS BR §6.1.5', 'NIST SP 800-131A Rev 2 §2', 'NIST SP 800-57 Pt 1 Rev 5 §5.6.1'],
  remediation: 'Re-key and re-issue with an approved key (RSA-3072 or ECDSA P-256/P-384), and restrict the CA profiles to approved key types.',
  docs: 'Uses the profile\'s `algorithms.keys` lists. A deprecated entry whose `until` date has passed counts as prohibited, so the check starts failing on the sunset date without a rule change.',
  messages: {
    prohibited: '{{key}} keys are prohibited by policy profile "{{profile}}".',
    pastSunset: '{{key}} keys passed their sunset date {{until}} in policy profile "{{profile}}".',
  },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate(cert, ctx) {
    const key = certificateKey(cert.data);
    const verdict = classifyKey(ctx.policy, key, ctx.now);
    const data = { key: describeKey(key.algorithm, key.bits, key.curve), profile: ctx.policy.name };
    if (verdict.status === 'prohibited') return fail('prohibited', data);
    if (verdict.status === 'past-sunset') return fail('pastSunset', { ...data, until: verdict.until ?? 'unknown' });
    return pass();
  },
});
