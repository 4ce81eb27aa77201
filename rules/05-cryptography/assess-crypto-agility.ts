/**
 * PKIMM 5.6 (model 1.1.0) Crypto agility: the organisation can replace algorithms, keys and certificates quickly.
 *
 * Partial (class P, analysis §4.5 G.5.6). Signals: `auto_cov` (valid leaves with an observed automated renewal path:
 * cert-manager, certbot, ACM managed renewal, Key Vault auto-renew, Google-managed); median certificate lifetime;
 * CA setups able to issue a second algorithm family (a profile allowing both RSA and EC, or a PQC/EdDSA family).
 * Caps: auto_cov < 30 % → 2; CA configurations observed but none can issue an alternative family → 3.
 * Supports: auto_cov ≥ 70 % and median lifetime ≤ 398 days → 3; auto_cov ≥ 90 % and median lifetime ≤ 100 days → 4
 * (a tuning: the analysis asks for an observed fleet change within 30 days, which one scan cannot see; a ≤ 100-day
 * median lifetime means the fleet is replaced at least every ~3 months, the same capability).
 * Gate: at least 3 fresh certificates.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { agilitySignals, agilityStatements, evidenceGate } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates', min: 3 });
  if (gate !== undefined) return [gate];
  return agilityStatements(assessor, agilitySignals(input), 'crypto-agility');
}

/** G.5.6 crypto agility: automation coverage, lifetimes and multi-family CA capability. */
const assessCryptoAgility: Assessor = defineAssessor({
  id: 'assess-crypto-agility',
  title: 'Crypto agility: automated renewal, lifetimes and multi-algorithm CAs',
  description: 'Caps 5.6 on low automation coverage or single-family CAs, and supports 3–4 from auto_cov and median certificate lifetime.',
  pkimm: '5.6',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessCryptoAgility, input),
});

export default assessCryptoAgility;
