/**
 * PKIMM 6.2 (model 1.1.0) Key inventory: the organisation keeps an inventory of its keys with their attributes
 * (algorithm, size, location, owner, crypto-period).
 *
 * Partial (class P, analysis §4.5 M.6.2). Signals: observed keys (certificate public keys, private keys at rest, CA
 * keys); the declared inventory (certificate records stand in for their keys, matched by fingerprint; the scanner's
 * own inventory counts when adopted); orphan private keys (key-has-certificate) that are unencrypted or readable by
 * others.
 * Caps: no inventory (none declared, none adopted) → 2; unprotected orphan private keys (no certificate, and
 * unencrypted or group/world-readable) > 0 → 3.
 * Supports: ≥ 80 % of observed certificate keys are in the inventory → 3; ≥ 95 % with ≥ 90 % attribute completeness →
 * 4. (The analysis measures CA/HSM/KMS keys; their listings are not collected, so certificate keys stand in.)
 * Gate: at least one fresh certificate or private key.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedIds, freshItems, percent, ratioAtLeast } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'private-key'], describe: 'certificates or private keys' });
  if (gate !== undefined) return [gate];
  const { facts } = input;
  const out = new StatementBuilder(assessor);
  const orphans = failedIds(input, ['key-has-certificate'], true);
  const unprotected = freshItems(input, 'private-key').filter((k) => orphans.has(k.id) && (!k.data.encrypted || (k.data.fileMode !== undefined && (Number.parseInt(k.data.fileMode, 8) & 0o077) !== 0)));
  const context = [{ text: `${orphans.size} private key(s) at rest have no matching certificate; ${unprotected.length} of them are unencrypted or readable by others.`, ruleIds: ['key-has-certificate'], metric: { name: 'unprotected_orphan_keys', value: unprotected.length, threshold: 0 } }];
  const declared = facts.declaredInventory;
  if (declared === undefined && !facts.inventoryAdopted) out.cap(2, { text: 'No key or certificate inventory is declared or adopted.' });
  if (unprotected.length > 0) out.cap(3, { text: `${unprotected.length} orphan private key(s) are unencrypted or readable by others.` }, unprotected.map((k) => k.id));
  if (declared !== undefined) {
    const certs = freshItems(input, 'certificate');
    const known = certs.filter((c) => declared.sha256.has(c.data.sha256.toLowerCase()) || declared.sha256.has(c.data.sha256));
    const ratio = certs.length === 0 ? 0 : known.length / certs.length;
    context.push({ text: `${known.length} of ${certs.length} observed certificate keys are in the declared inventory (${percent(ratio)}); attribute completeness ${percent(declared.attributeCompleteness)}.`, ruleIds: [], metric: { name: 'key_inventory_match', value: ratio, threshold: 0.8 } });
    if (ratioAtLeast(known.length, certs.length, 0.95) && declared.attributeCompleteness >= 0.9) out.support(4, { text: '≥ 95 % of observed keys are inventoried with ≥ 90 % attribute completeness.' });
    else if (ratioAtLeast(known.length, certs.length, 0.8)) out.support(3, { text: '≥ 80 % of observed keys are inventoried.' });
  } else if (facts.inventoryAdopted) {
    out.support(3, { text: 'The scanner inventory is adopted as the system of record, so every observed certificate key is inventoried; attributes such as owner and crypto-period need a person.' });
  }
  return out.build(context);
}

/** M.6.2 key inventory: inventory presence, coverage of observed keys and orphan keys. */
const assessKeyInventory: Assessor = defineAssessor({
  id: 'assess-key-inventory',
  title: 'Key inventory: coverage of observed keys and orphan private keys',
  description: 'Caps 6.2 without an inventory or with unprotected orphan keys, and supports 3–4 from the share of observed keys in the declared inventory.',
  pkimm: '6.2',
  automation: 'P',
  uses: ['key-has-certificate'],
  assess: (input) => assess(assessKeyInventory, input),
});

export default assessKeyInventory;
