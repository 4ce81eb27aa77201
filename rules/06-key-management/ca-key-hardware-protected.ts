/**
 * A CA's signing key must be kept in hardware (HSM, PKCS#11 token, TPM or cloud KMS), not in a software key file,
 * when the policy profile requires it (default: yes).
 *
 * Requirement: CA/B Forum TLS BR §6.2.7 (CA private keys in a FIPS 140 Level 3 / Common Criteria EAL 4+ device);
 * NIST SP 800-57 Pt 1 Rev 5 §6.2.1; PKIMM 6.3 crypto-device inventory ("a CA key in software while the policy requires
 * an HSM → cap 2") and 10.2 (PKI-specific vulnerabilities).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ca-key-hardware-protected',
  title: 'CA signing keys are in hardware',
  description: 'Flags CA setups whose signing key is stored in software. Not applicable to clients, to setups whose key storage is unknown, or when the profile does not require hardware keys.',
  severity: 'high',
  pkimm: ['6.3', '10.2'],
  references: ['CABF TLS BR §6.2.7', 'NIST SP 800-57 Pt 1 Rev 5 §6.2.1', 'FIPS 140-3'],
  remediation: 'Move the CA key into an HSM or cloud KMS (re-key the CA if the key cannot be imported) and destroy the software copy.',
  docs: 'Reads the normalised `keyStorage.kind` of ca-config evidence (Vault seal and managed keys, EJBCA crypto tokens, ADCS KSP, step-ca KMS, AWS PCA).',
  messages: { software: '{{name}} ({{product}}) keeps its CA signing key in software{{detail}}.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config, ctx) => ctx.policy.cas.requireHardwareKeys && config.data.role === 'ca' && config.data.keyStorage !== undefined && config.data.keyStorage.kind !== 'unknown',
  evaluate(config) {
    const { name, product, keyStorage } = config.data;
    if (keyStorage?.kind !== 'software') return pass();
    return fail('software', { name, product, detail: keyStorage.detail === undefined ? '' : ` (${keyStorage.detail})` });
  },
});
