/**
 * PKIMM 6.3 (model 1.1.0) Crypto-device inventory: HSMs and other key stores are inventoried with firmware and
 * certification data.
 *
 * Partial (class P, analysis §4.5 M.6.3). Signals: key storage of each CA setup (PKCS#11 libraries, KSP names, seal
 * types, cloud KMS) from CA configurations; the policy's hardware requirement.
 * Caps: a CA key in software while the profile requires hardware keys → 2 (ca-key-hardware-protected).
 * Supports: every CA setup names its hardware key storage → 3 (the device inventory itself, firmware and
 * certification data are for a person to confirm; the analysis' "observed devices missing from the inventory" cap
 * needs a device register, which is not imported).
 * Gate: at least one fresh CA configuration of role ca (scope coverage is not required: configurations are read where
 * they are).
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedIds, freshItems, insufficient } from '../../src/engine/rule-helpers.js';

const HARDWARE = new Set(['pkcs11', 'hsm', 'cloud-kms', 'tpm']);

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['ca-config'], describe: 'CA configurations', ignoreScope: true });
  if (gate !== undefined) return [gate];
  const cas = freshItems(input, 'ca-config').filter((c) => c.data.role === 'ca');
  if (cas.length === 0) return [insufficient(assessor, 'no CA (only clients of CAs) was among the configurations read.')];
  const known = cas.filter((c) => c.data.keyStorage !== undefined && c.data.keyStorage.kind !== 'unknown');
  const software = failedIds(input, ['ca-key-hardware-protected']);
  const hardware = known.filter((c) => HARDWARE.has(c.data.keyStorage!.kind));
  const out = new StatementBuilder(assessor);
  if (software.size > 0) out.cap(2, { text: `${software.size} CA(s) keep their signing key in software although the policy profile requires hardware keys.`, ruleIds: ['ca-key-hardware-protected'] }, software);
  else if (hardware.length === cas.length) out.support(3, { text: `All ${cas.length} CA(s) name their hardware key store (${[...new Set(hardware.map((c) => c.data.keyStorage!.detail ?? c.data.keyStorage!.kind))].join('; ')}); the device inventory, firmware and certifications need a person.` }, hardware.map((c) => c.id));
  return out.build([{ text: `${known.length} of ${cas.length} CA setup(s) state their key storage; ${hardware.length} use hardware.` }]);
}

/** M.6.3 crypto-device inventory: CA key storage from CA configurations. */
const assessCryptoDeviceInventory: Assessor = defineAssessor({
  id: 'assess-crypto-device-inventory',
  title: 'Crypto devices: where CA keys are stored',
  description: 'Caps 6.3 when a CA key is in software against policy, and supports 3 when every CA names its hardware key store.',
  pkimm: '6.3',
  automation: 'P',
  uses: ['ca-key-hardware-protected'],
  assess: (input) => assess(assessCryptoDeviceInventory, input),
});

export default assessCryptoDeviceInventory;
