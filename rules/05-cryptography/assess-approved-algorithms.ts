/**
 * PKIMM 5.2 (model 1.1.0) Approved cryptographic algorithms and parameters: the organisation defines which algorithms
 * and parameters are approved and its assets use them.
 *
 * Partial (class P, analysis §4.5 G.5.2): the scanner sees algorithms in use and compares them with the policy
 * profile; whether the list is approved, communicated and reviewed is for a person.
 *
 * Signals: `weak` = assets failing a weak check (WEAK_CHECKS: prohibited keys, SHA-1/MD5 signatures, legacy TLS,
 * weak suites, static RSA, compromised keys); `conform` = assets with no unwaived failure of any policy check.
 * Caps: the profile is the built-in `default` and the attestation "crypto-policy-documented" is not given → 2 (no
 * organisation list; a person may lift this with a document); weak > 5 % of assets → 2; any weak asset without a
 * waiver (registered exception) → 3.
 * Supports: conform ≥ 95 % → 3; conform ≥ 99 %, every deviation waived and the profile reviewed ≤ 12 months ago → 4.
 * Gate: at least one fresh certificate, endpoint, key or CA configuration, and declared-scope coverage.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { DAY_MS, StatementBuilder, algorithmMetrics, evidenceGate, percent, policyOf, ratioAtLeast, WEAK_CHECKS, POLICY_CHECKS } from '../../src/engine/rule-helpers.js';

const ATTESTATION = 'crypto-policy-documented';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'tls-endpoint', 'private-key', 'ca-config'], describe: 'certificates, endpoints, keys or CA configurations' });
  if (gate !== undefined) return [gate];
  const policy = policyOf(input);
  const m = algorithmMetrics(input);
  const out = new StatementBuilder(assessor);
  const weakRatio = m.assets === 0 ? 0 : m.weak.length / m.assets;
  const conform = m.assets === 0 ? 1 : (m.assets - m.nonConforming.length) / m.assets;
  const context = [
    { text: `${m.weak.length} of ${m.assets} assets use prohibited algorithms or parameters (weak ${percent(weakRatio)}).`, metric: { name: 'weak', value: weakRatio, threshold: 0.05 }, ruleIds: WEAK_CHECKS },
    { text: `${m.assets - m.nonConforming.length} of ${m.assets} assets conform to policy profile "${policy.name}" (conform ${percent(conform)}); ${m.waivedDeviations} deviation(s) are waived.`, metric: { name: 'conform', value: conform, threshold: 0.95 }, ruleIds: POLICY_CHECKS },
  ];
  if (policy.name === 'default' && input.facts.attestations[ATTESTATION] !== true) {
    out.cap(2, { text: `The scan used the built-in "default" profile and the attestation "${ATTESTATION}" is not given: no approved-algorithm list of the organisation is known (a person may lift this with the document).` });
  }
  if (m.assets > 0 && !ratioAtLeast(m.assets - m.weak.length, m.assets, 0.95)) out.cap(2, { text: `More than 5 % of assets are weak (${percent(weakRatio)}).`, metric: { name: 'weak', value: weakRatio, threshold: 0.05 } }, m.weak);
  else if (m.weakUnwaived.length > 0) out.cap(3, { text: `${m.weakUnwaived.length} weak asset(s) have no registered exception (waiver).` }, m.weakUnwaived);
  const reviewedDays = policy.reviewed === undefined ? undefined : (input.facts.now.getTime() - Date.parse(`${policy.reviewed}T00:00:00Z`)) / DAY_MS;
  if (m.assets > 0 && ratioAtLeast(m.assets - m.nonConforming.length, m.assets, 0.99) && m.weakUnwaived.length === 0 && reviewedDays !== undefined && reviewedDays <= 365) {
    out.support(4, { text: `conform ≥ 99 %, every deviation is waived, and the profile was reviewed ${Math.floor(reviewedDays)} days ago.`, metric: { name: 'conform', value: conform, threshold: 0.99 } });
  } else if (m.assets > 0 && ratioAtLeast(m.assets - m.nonConforming.length, m.assets, 0.95)) {
    out.support(3, { text: `conform ≥ 95 % (${percent(conform)}).${reviewedDays === undefined ? ' Level 4 also needs a review date on the profile (`reviewed`).' : ''}`, metric: { name: 'conform', value: conform, threshold: 0.95 } });
  }
  return out.build(context);
}

/** G.5.2 approved algorithms: caps on weak assets and a missing list, supports from conformance to the profile. */
const assessApprovedAlgorithms: Assessor = defineAssessor({
  id: 'assess-approved-algorithms',
  title: 'Approved algorithms: weak assets and conformance to the policy profile',
  description: 'Caps 5.2 when assets use prohibited algorithms or no organisation list exists, and supports 3–4 from the share of assets conforming to the policy profile.',
  pkimm: '5.2',
  automation: 'P',
  uses: POLICY_CHECKS,
  assess: (input) => assess(assessApprovedAlgorithms, input),
});

export default assessApprovedAlgorithms;
