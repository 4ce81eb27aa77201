/**
 * CA profiles must restrict the key types they accept to ones the policy profile does not prohibit: no "any" key type,
 * no RSA below the minimum, no DSA, no unapproved curves.
 *
 * Requirement: CA-side enforcement of allowed key types and sizes (PKIMM 7.2 certificate cipher suites: "CAs that do
 * not restrict key types or sizes → cap 3"; 5.2 approved algorithms; CA/B Forum TLS BR §6.1.5).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { describeKey } from '../../src/engine/rule-helpers.js';
import { classifyKey, isProhibited } from '../../src/policy/classify.js';

export default defineRule({
  id: 'ca-profile-key-types-restricted',
  title: 'CA profiles accept only permitted key types',
  description: 'Flags CA profiles that accept any key type, or a key type or size the policy profile prohibits. Profiles that state no key types are not applicable.',
  severity: 'high',
  pkimm: ['7.2', '5.2'],
  references: ['CABF TLS BR §6.1.5', 'NIST SP 800-131A Rev 2 §2'],
  remediation: 'Restrict the profile to approved key types and sizes (e.g. Vault key_type=ec key_bits=256; ADCS minimum key size 3072).',
  docs: 'A profile entry with `minBits` is judged at that minimum; explicit `bits` lists are judged entry by entry.',
  messages: {
    any: '{{name}}: profile {{profile}} accepts any key type.',
    weak: '{{name}}: profile {{profile}} accepts {{key}} keys, prohibited by policy profile "{{policy}}".',
  },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.profiles.some((p) => p.keyTypes !== undefined && p.keyTypes.length > 0),
  evaluate(config, ctx) {
    const { name } = config.data;
    for (const profile of config.data.profiles) {
      for (const keyType of profile.keyTypes ?? []) {
        if (keyType.algorithm.toLowerCase() === 'any') return fail('any', { name, profile: profile.name });
        const sizes = keyType.bits ?? [keyType.minBits];
        const curves = keyType.curves ?? [undefined];
        for (const bits of sizes) {
          for (const curve of curves) {
            const key = { algorithm: keyType.algorithm, ...(bits === undefined ? {} : { bits }), ...(curve === undefined ? {} : { curve }) };
            if (isProhibited(classifyKey(ctx.policy, key, ctx.now).status)) {
              return fail('weak', { name, profile: profile.name, key: describeKey(keyType.algorithm, bits, curve), policy: ctx.policy.name });
            }
          }
        }
      }
    }
    return pass();
  },
});
