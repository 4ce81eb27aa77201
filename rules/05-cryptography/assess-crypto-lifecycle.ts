/**
 * PKIMM 5.5 (model 1.1.0) Crypto lifecycle and deprecation: algorithms have lifecycle dates and assets move off them
 * before their sunset.
 *
 * Partial (class P, analysis §4.5 G.5.5). Signals: sunset dates in the policy profile (`until` on approved and
 * deprecated entries); assets past the end of their algorithm's life: classified `past-sunset` or `prohibited`
 * (an algorithm on the prohibited list, such as SHA-1 or RSA-1024, has long passed its sunset) for certificate keys and
 * signature hashes and for private keys; waivers as exceptions.
 * Caps: the profile has no lifecycle dates → 2; an asset past its algorithm's end of life without a waiver → 3.
 * Supports: lifecycle dates exist, nothing is past its sunset and no asset is on a deprecated algorithm → 3 (a tuning:
 * the analysis' support 4 needs a falling trend over 3 scans and replacement plans, which a single scan cannot show,
 * so no level 4 is supported).
 * Gate: at least one fresh certificate or private key.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, freshItems, policyOf } from '../../src/engine/rule-helpers.js';
import { certificateKey, classifyHash, classifyKey, isProhibited } from '../../src/policy/classify.js';

const CHECKS = ['cert-key-not-prohibited', 'cert-key-not-deprecated', 'cert-signature-hash-policy-approved', 'key-algorithm-not-prohibited'];

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'private-key'], describe: 'certificates or private keys' });
  if (gate !== undefined) return [gate];
  const policy = policyOf(input);
  const now = input.facts.now;
  const { keys, signatureHashes } = policy.algorithms;
  const hasDates = [...keys.approved, ...keys.deprecated, ...signatureHashes.approved, ...signatureHashes.deprecated].some((e) => e.until !== undefined);
  const pastSunset: string[] = [];
  const deprecated: string[] = [];
  for (const cert of freshItems(input, 'certificate')) {
    const statuses = [classifyKey(policy, certificateKey(cert.data), now).status, ...(cert.data.signatureHash === undefined || cert.data.isSelfSigned ? [] : [classifyHash(policy, cert.data.signatureHash, now).status])];
    if (statuses.some(isProhibited)) pastSunset.push(cert.id);
    else if (statuses.includes('deprecated')) deprecated.push(cert.id);
  }
  for (const key of freshItems(input, 'private-key')) {
    const status = classifyKey(policy, { algorithm: key.data.keyAlgorithm, ...(key.data.keySizeBits === undefined ? {} : { bits: key.data.keySizeBits }), ...(key.data.curve === undefined ? {} : { curve: key.data.curve }) }, now).status;
    if (isProhibited(status)) pastSunset.push(key.id);
    else if (status === 'deprecated') deprecated.push(key.id);
  }
  const waived = (id: string): boolean => CHECKS.some((rule) => input.waived?.has(`${rule}|${id}`) === true);
  const unwaivedPast = pastSunset.filter((id) => !waived(id));
  const out = new StatementBuilder(assessor);
  if (!hasDates) out.cap(2, { text: `Policy profile "${policy.name}" sets no sunset dates on any approved or deprecated algorithm.` });
  if (unwaivedPast.length > 0) out.cap(3, { text: `${unwaivedPast.length} asset(s) use an algorithm past its sunset date or prohibited, without a registered exception.` }, unwaivedPast);
  if (hasDates && pastSunset.length === 0 && deprecated.length === 0) out.support(3, { text: 'The profile has lifecycle dates and no observed asset is on a deprecated or past-sunset algorithm. Level 4 needs a falling trend over three scans and replacement plans, which a person confirms.' });
  return out.build([{ text: `${pastSunset.length} asset(s) past a sunset date or prohibited, ${deprecated.length} on deprecated algorithms.`, ruleIds: CHECKS, metric: { name: 'past_sunset_assets', value: pastSunset.length, threshold: 0 } }]);
}

/** G.5.5 crypto lifecycle: caps on missing sunset dates and past-sunset assets. */
const assessCryptoLifecycle: Assessor = defineAssessor({
  id: 'assess-crypto-lifecycle',
  title: 'Crypto lifecycle: sunset dates and assets past them',
  description: 'Caps 5.5 when the policy profile has no lifecycle dates or assets are past a sunset without exception; supports 3 when nothing is deprecated or past its sunset.',
  pkimm: '5.5',
  automation: 'P',
  uses: CHECKS,
  assess: (input) => assess(assessCryptoLifecycle, input),
});

export default assessCryptoLifecycle;
