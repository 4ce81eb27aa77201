/**
 * A CA's own signing key must not use an algorithm or size the policy profile prohibits.
 *
 * Requirement: CA keys are the most valuable keys of the PKI (CA/B Forum TLS BR §6.1.5; NIST SP 800-57 Pt 1 Rev 5
 * §5.6.1); a weak CA key is a PKI-specific vulnerability (PKIMM 10.2) and an algorithm-policy breach (5.2).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { describeKey } from '../../src/engine/rule-helpers.js';
import { classifyKey, isProhibited } from '../../src/policy/classify.js';

export default defineRule({
  id: 'ca-key-strength-approved',
  title: 'CA signing keys use no prohibited algorithm',
  description: 'Flags CA setups whose CA key algorithm and size the policy profile prohibits. Setups whose CA key is unknown are not applicable.',
  severity: 'high',
  pkimm: ['5.2', '10.2'],
  references: ['CABF TLS BR §6.1.5', 'NIST SP 800-57 Pt 1 Rev 5 §5.6.1'],
  remediation: 'Plan a CA re-key (new CA certificate with an approved key) and migrate issuance to it.',
  docs: 'Reads `ca.keyAlgorithm` and `ca.keySizeBits` of ca-config evidence.',
  messages: { weak: 'CA {{name}} signs with a {{key}} key, {{status}} by policy profile "{{policy}}".' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.role === 'ca' && config.data.ca?.keyAlgorithm !== undefined,
  evaluate(config, ctx) {
    const { keyAlgorithm, keySizeBits } = config.data.ca!;
    const key = { algorithm: keyAlgorithm!, ...(keySizeBits === undefined ? {} : { bits: keySizeBits }) };
    const verdict = classifyKey(ctx.policy, key, ctx.now);
    if (!isProhibited(verdict.status)) return pass();
    return fail('weak', { name: config.data.name, key: describeKey(keyAlgorithm!, keySizeBits), status: verdict.status === 'past-sunset' ? 'past its sunset' : 'prohibited', policy: ctx.policy.name });
  },
});
