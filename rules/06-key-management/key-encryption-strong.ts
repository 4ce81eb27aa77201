/**
 * Encrypted private keys must use a modern scheme: no DES, 3DES, RC2, RC4 or MD5/SHA-1-based PBE, and a key
 * derivation with enough iterations (option `minIterations`, default 10,000).
 *
 * Requirement: NIST SP 800-132 §5.2 (PBKDF2 iteration count "as large as possible", at least 1,000; modern guidance is
 * far higher), RFC 8018 §6.2 (PBES2 replaces PBES1), RFC 9579 (PKCS#12 with PBMAC1). Weak encryption makes the
 * passphrase the only barrier (PKIMM 6.4).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** Options of this check (`rules.options["key-encryption-strong"]`). */
interface Options {
  readonly minIterations: number;
}

const DEFAULTS: Options = { minIterations: 10_000 };
/** DES and 3DES, RC2, RC4, and the PKCS#5 v1.5 / PKCS#12 PBE schemes built on MD5 or SHA-1. */
const WEAK_SCHEME = /DES|RC2|RC4|MD5|pbeWithSHA1|PBE-SHA1/i;

export default defineRule({
  id: 'key-encryption-strong',
  title: 'Encrypted private keys use a strong scheme and key derivation',
  description: 'Flags encrypted private keys protected with DES, 3DES, RC2, RC4 or MD5/SHA-1 PBE, or with fewer key-derivation iterations than `minIterations` (default 10,000).',
  severity: 'medium',
  pkimm: ['6.4'],
  references: ['NIST SP 800-132 §5.2', 'RFC 8018 §6.2', 'RFC 9579'],
  remediation: 'Re-encrypt the key with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and a high iteration count, or move it into an HSM or KMS.',
  docs: 'Reads the `encryption` description and `kdfIterations` the collector saw without the passphrase. Unencrypted keys are not applicable.',
  options: { minIterations: { default: DEFAULTS.minIterations, description: 'Fewest key-derivation iterations accepted.' } },
  messages: {
    weakScheme: '{{location}} is encrypted with {{encryption}}, a weak scheme.',
    fewIterations: '{{location}} derives its key with {{iterations}} iterations; the minimum is {{min}}.',
  },
  scope: 'item',
  appliesTo: 'private-key',
  applies: (key) => key.data.encrypted && (key.data.encryption !== undefined || key.data.kdfIterations !== undefined),
  evaluate(key, ctx) {
    const { minIterations } = ctx.options('key-encryption-strong', DEFAULTS);
    if (typeof minIterations !== 'number' || !Number.isFinite(minIterations) || minIterations < 0) throw new Error(`option minIterations must be a non-negative number, got ${JSON.stringify(minIterations)}`);
    const { location, encryption, kdfIterations } = key.data;
    if (encryption !== undefined && WEAK_SCHEME.test(encryption)) return fail('weakScheme', { location, encryption });
    // OpenSSH keys state bcrypt rounds, which are not comparable with PBKDF2 iterations.
    if (kdfIterations !== undefined && key.data.format !== 'openssh' && kdfIterations < minIterations) return fail('fewIterations', { location, iterations: kdfIterations, min: minIterations });
    return pass();
  },
});
