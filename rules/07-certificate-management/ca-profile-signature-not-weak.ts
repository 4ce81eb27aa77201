/**
 * CA profiles must not sign with, or allow, a hash the policy profile prohibits (SHA-1, MD5).
 *
 * Requirement: NIST SP 800-131A Rev 2 §9 and CA/B Forum TLS BR §7.1.3.2 (no SHA-1 signatures); CA-side enforcement of
 * approved algorithms (PKIMM 7.2, 5.2).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { classifyHash, isProhibited } from '../../src/policy/classify.js';

/** The hash named in a signature-algorithm string: "SHA256WithRSA" → "SHA-256", "sha1" → "SHA-1", "MD5" → "MD5". */
function hashOf(algorithm: string): string | undefined {
  const m = /(sha3-?(224|256|384|512)|sha-?(1|224|256|384|512)|md[245])/i.exec(algorithm);
  if (m === null) return undefined;
  const token = m[0].toUpperCase().replace('-', '');
  if (token.startsWith('SHA3')) return `SHA3-${token.slice(4)}`;
  return token.startsWith('SHA') ? `SHA-${token.slice(3)}` : token;
}

export default defineRule({
  id: 'ca-profile-signature-not-weak',
  title: 'CA profiles do not sign with prohibited hashes',
  description: 'Flags CA profiles whose signature algorithms include a hash the policy profile prohibits (e.g. SHA-1, MD5). Profiles without stated signature algorithms are not applicable.',
  severity: 'high',
  pkimm: ['7.2', '5.2'],
  references: ['NIST SP 800-131A Rev 2 §9', 'CABF TLS BR §7.1.3.2'],
  remediation: 'Set the profile\'s signature algorithm to SHA-256 or stronger (openssl default_md = sha256; ADCS CNGHashAlgorithm SHA256).',
  docs: 'Recognises hash names inside algorithm strings such as "SHA1WithRSA", "ecdsa-with-SHA1" and "md5".',
  messages: { weak: '{{name}}: profile {{profile}} signs with {{algorithm}} ({{hash}} is prohibited by policy profile "{{policy}}").' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.profiles.some((p) => (p.signatureAlgorithms?.length ?? 0) > 0),
  evaluate(config, ctx) {
    for (const profile of config.data.profiles) {
      for (const algorithm of profile.signatureAlgorithms ?? []) {
        const hash = hashOf(algorithm);
        if (hash !== undefined && isProhibited(classifyHash(ctx.policy, hash, ctx.now).status)) {
          return fail('weak', { name: config.data.name, profile: profile.name, algorithm, hash, policy: ctx.policy.name });
        }
      }
    }
    return pass();
  },
});
