/**
 * Private keys at rest should be encrypted (passphrase-protected PKCS#8, PKCS#12 with a password), unless kept in a
 * store that protects them (HSM, KMS, secret manager).
 *
 * Requirement: key-protection at rest (PKIMM 6.4; NIST SP 800-57 Pt 1 Rev 5 §6.2.2 and Table 5 "private
 * signature/key-transport keys: confidentiality"). Many servers need an unencrypted key to start unattended, so this
 * is low severity: the file mode check carries the main risk.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'key-file-encrypted',
  title: 'Private keys at rest are encrypted',
  description: 'Flags private keys found unencrypted at rest (plain PKCS#1, SEC1, PKCS#8 or OpenSSH keys).',
  severity: 'low',
  pkimm: ['6.4'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §6.2.2', 'RFC 5958 §3'],
  remediation: 'Move the key into an HSM, KMS or secret manager, or encrypt it (e.g. `openssl pkcs8 -topk8 -v2 aes-256-cbc`) where the service supports a passphrase.',
  docs: 'Keys inside keystores whose public part came from the keystore certificate are judged by the `encrypted` flag the collector recorded.',
  messages: { plain: '{{location}} holds an unencrypted {{algorithm}} private key.' },
  scope: 'item',
  appliesTo: 'private-key',
  evaluate: (key) => (key.data.encrypted ? pass() : fail('plain', { location: key.data.location, algorithm: key.data.keyAlgorithm })),
});
