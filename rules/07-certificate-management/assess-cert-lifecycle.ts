/**
 * PKIMM 7.3 (model 1.1.0) Certificate lifecycle: enrollment, renewal, revocation and expiry are managed, ideally
 * automated, and certificates do not expire in use.
 *
 * Partial (class P, analysis §4.5 M.7.3). Signals: `expired_in_use` (certificates with a sighting that have expired);
 * revocation information in end-entity certificates (cert-revocation-info-present); revocation availability from this
 * scan's CRL and OCSP probes; `auto_cov`; expiry monitoring = this scanner running recurrently (≤ 7 days between
 * scans) over ≥ 90 % of the declared scope, or the attestation "expiry-monitoring".
 * Caps: expired_in_use > 1 % → 2; > 10 % of end-entity certificates without revocation information → 2; revocation
 * availability < 99 % → 3.
 * Supports: auto_cov ≥ 50 %, expiry monitoring, and (when probed) availability ≥ 99.9 % → 3; auto_cov ≥ 90 % and no
 * expired certificate in use → 4.
 * Gate: at least one fresh certificate.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, automationCoverage, cadence, evidenceGate, expiredInUse, failedIds, freshItems, percent, policyOf, ratioAtLeast, revocationAvailability, scopeCoverage } from '../../src/engine/rule-helpers.js';

const MONITORING_ATTESTATION = 'expiry-monitoring';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const now = input.facts.now;
  const certs = freshItems(input, 'certificate');
  const expired = expiredInUse(certs, now);
  const leaves = certs.filter((c) => !c.data.isCa);
  const leafIds = new Set(leaves.map((c) => c.id));
  const noRevocation = [...failedIds(input, ['cert-revocation-info-present'], true)].filter((id) => leafIds.has(id));
  const availability = revocationAvailability(input);
  const auto = automationCoverage(certs, now);
  const coverage = scopeCoverage(input);
  const runs = cadence(input);
  const monitored = input.facts.attestations[MONITORING_ATTESTATION] === true || (runs.previousAgeDays !== undefined && runs.previousAgeDays <= 7 && (coverage.ratio ?? 0) >= 0.9);
  const out = new StatementBuilder(assessor);
  if (expired.total > 0 && !ratioAtLeast(expired.total - expired.expired.length, expired.total, 0.99)) out.cap(2, { text: `${expired.expired.length} of ${expired.total} certificates in use have expired (expired_in_use ${percent(expired.expired.length / expired.total)}).`, metric: { name: 'expired_in_use', value: expired.expired.length / expired.total, threshold: 0.01 } }, expired.expired);
  if (leaves.length > 0 && !ratioAtLeast(leaves.length - noRevocation.length, leaves.length, 0.9)) out.cap(2, { text: `${percent(noRevocation.length / leaves.length)} of end-entity certificates have no revocation information.`, ruleIds: ['cert-revocation-info-present'] }, noRevocation);
  if (availability.ratio !== undefined && availability.ratio < 0.99) out.cap(3, { text: `Revocation services answered ${availability.successes} of ${availability.attempts} probes (${percent(availability.ratio)}).`, metric: { name: 'revocation_availability', value: availability.ratio, threshold: 0.99 } });
  const ratio = auto.ratio ?? 0;
  if (auto.total > 0 && ratio >= 0.9 && expired.expired.length === 0) out.support(4, { text: `auto_cov ${percent(ratio)} and no expired certificate in use.`, metric: { name: 'auto_cov', value: ratio, threshold: 0.9 } });
  else if (auto.total > 0 && ratio >= 0.5 && monitored && (availability.ratio === undefined || availability.ratio >= 0.999)) out.support(3, { text: `auto_cov ${percent(ratio)}, expiry monitoring in place${availability.ratio === undefined ? '' : ` and revocation availability ${percent(availability.ratio)}`}.`, metric: { name: 'auto_cov', value: ratio, threshold: 0.5 } });
  return out.build([
    { text: `auto_cov ${percent(ratio)} over ${auto.total} valid end-entity certificates; expiry monitoring ${monitored ? 'present' : 'not shown'} (previous scan ${runs.previousAgeDays === undefined ? 'none' : `${runs.previousAgeDays.toFixed(1)} days ago`}, scope coverage ${coverage.ratio === undefined ? 'unknown' : percent(coverage.ratio)}, policy "${policyOf(input).name}").` },
  ]);
}

/** M.7.3 certificate lifecycle: expired certificates in use, revocation, automation and monitoring. */
const assessCertLifecycle: Assessor = defineAssessor({
  id: 'assess-cert-lifecycle',
  title: 'Certificate lifecycle: expired-in-use, revocation, automation, monitoring',
  description: 'Caps 7.3 on expired certificates in use, missing revocation information and unavailable revocation services; supports 3–4 from automation coverage and monitoring.',
  pkimm: '7.3',
  automation: 'P',
  uses: ['cert-revocation-info-present', 'cert-not-expired'],
  assess: (input) => assess(assessCertLifecycle, input),
});

export default assessCertLifecycle;
