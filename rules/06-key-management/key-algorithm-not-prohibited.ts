/**
 * Private keys at rest must not use an algorithm or size the policy profile prohibits.
 *
 * Requirement: approved algorithms for every key, not only those in certificates (PKIMM 6.4 key lifecycle, 5.2
 * approved algorithms; NIST SP 800-131A Rev 2 §2).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { describeKey } from '../../src/engine/rule-helpers.js';
import { classifyKey, isProhibited } from '../../src/policy/classify.js';

export default defineRule({
  id: 'key-algorithm-not-prohibited',
  title: 'Private keys at rest use no prohibited algorithm',
  description: 'Flags private keys whose algorithm and size the policy profile prohibits or has passed its sunset. Keys whose algorithm is hidden by encryption are not applicable.',
  severity: 'high',
  pkimm: ['6.4', '5.2'],
  references: ['NIST SP 800-131A Rev 2 §2', 'NIST SP 800-57 Pt 1 Rev 5 §5.6.1'],
  remediation: 'Generate a replacement key with an approved algorithm and size, re-issue what depends on it and destroy the old key.',
  docs: 'Uses the same `algorithms.keys` lists as cert-key-not-prohibited.',
  messages: { prohibited: '{{location}} holds a {{key}} private key, {{status}} in policy profile "{{profile}}".' },
  scope: 'item',
  appliesTo: 'private-key',
  applies: (key) => key.data.keyAlgorithm !== 'unknown',
  evaluate(key, ctx) {
    const { keyAlgorithm, keySizeBits, curve, location } = key.data;
    const verdict = classifyKey(ctx.policy, { algorithm: keyAlgorithm, ...(keySizeBits === undefined ? {} : { bits: keySizeBits }), ...(curve === undefined ? {} : { curve }) }, ctx.now);
    if (!isProhibited(verdict.status)) return pass();
    return fail('prohibited', { location, key: describeKey(keyAlgorithm, keySizeBits, curve), status: verdict.status === 'past-sunset' ? `past its sunset ${verdict.until ?? ''}`.trim() : 'prohibited', profile: ctx.policy.name });
  },
});
