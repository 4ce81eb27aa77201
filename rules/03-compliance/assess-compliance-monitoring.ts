/**
 * PKIMM 3.2 (model 1.1.0) Compliance monitoring: conformance to the applicable requirements is checked recurrently
 * and findings are tracked to closure.
 *
 * Partial (class P, analysis §4.5 G.3.2). Signals: this scanner's recurring conformance checks (cadence and scope
 * coverage); critical compliance findings (CA/B Forum validity and internal-name breaches on public TLS, SHA-1 in use,
 * expired links in served chains) and how long the non-compliant state has existed: since the certificate's notBefore
 * (issued non-compliant) or since the expired certificate's notAfter — a proxy for "finding open", since one scan cannot
 * see when a finding was first reported.
 * Caps: a critical compliance finding whose state is > 90 days old → 2; > 30 days → 3 (waived findings excepted).
 * Supports: checks ≥ monthly (largest gap ≤ 30 days, ≥ 3 runs in 90 days) over ≥ 80 % of scope with no critical finding
 * older than 30 days → 3; weekly (previous scan ≤ 7 days, ≥ 4 runs in 30 days) with no open critical finding → 4.
 * Gate: at least one fresh certificate or endpoint, and scope coverage.
 */
import type { RuleResult } from '../../model/finding.js';
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { DAY_MS, StatementBuilder, cadence, coverageReason, evidenceGate, failedResults, scopeCoverage } from '../../src/engine/rule-helpers.js';

const CRITICAL_CHECKS = ['cert-public-tls-validity-cabf', 'cert-public-tls-no-internal-names', 'cert-signature-no-sha1', 'tls-chain-no-expired-certificate', 'tls-chain-no-weak-signature'];

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'tls-endpoint'], describe: 'certificates or endpoints' });
  if (gate !== undefined) return [gate];
  const nowMs = input.facts.now.getTime();
  const byId = new Map(input.evidence.map((e) => [e.id, e]));
  /** How long the non-compliant state has existed, in days. */
  const ageDays = (r: RuleResult): number => {
    const item = r.evidenceId === undefined ? undefined : byId.get(r.evidenceId);
    if (item?.kind === 'certificate') return (nowMs - Date.parse(item.data.notBefore)) / DAY_MS;
    if (item?.kind === 'tls-endpoint') {
      const expiries = item.data.chain.flatMap((sha) => {
        const cert = byId.get(`certificate:sha256:${sha}`);
        return cert?.kind === 'certificate' && Date.parse(cert.data.notAfter) < nowMs ? [Date.parse(cert.data.notAfter)] : [];
      });
      return expiries.length === 0 ? 0 : (nowMs - Math.min(...expiries)) / DAY_MS;
    }
    return 0;
  };
  const findings = failedResults(input, CRITICAL_CHECKS);
  const ages = findings.map(ageDays);
  const over90 = findings.filter((_, i) => ages[i]! > 90);
  const over30 = findings.filter((_, i) => ages[i]! > 30);
  const runs = cadence(input);
  const coverage = scopeCoverage(input);
  const ids = (list: readonly RuleResult[]) => list.flatMap((r) => (r.evidenceId === undefined ? [] : [r.evidenceId]));
  const out = new StatementBuilder(assessor);
  if (over90.length > 0) out.cap(2, { text: `${over90.length} critical compliance finding(s) have existed for more than 90 days.`, ruleIds: CRITICAL_CHECKS }, ids(over90));
  else if (over30.length > 0) out.cap(3, { text: `${over30.length} critical compliance finding(s) have existed for more than 30 days.`, ruleIds: CRITICAL_CHECKS }, ids(over30));
  const monthly = runs.runs90 >= 3 && runs.maxGapDays90 !== undefined && runs.maxGapDays90 <= 30 && (coverage.ratio ?? 0) >= 0.8;
  const weekly = runs.previousAgeDays !== undefined && runs.previousAgeDays <= 7 && runs.runs30 >= 4;
  if (monthly && weekly && findings.length === 0) out.support(4, { text: 'Conformance checks run weekly over the scope and no critical compliance finding is open.' });
  else if (monthly && over30.length === 0) out.support(3, { text: 'Conformance checks run at least monthly over ≥ 80 % of the scope, and no critical finding is older than 30 days.' });
  return out.build([
    { text: `${findings.length} open critical compliance finding(s); ${runs.runs90} scan(s) in 90 days, largest gap ${runs.maxGapDays90 === undefined ? 'n/a' : `${runs.maxGapDays90.toFixed(1)} days`}.`, ruleIds: CRITICAL_CHECKS },
    coverageReason(coverage, 0.8),
  ]);
}

/** G.3.2 compliance monitoring: recurring conformance checks and the age of critical findings. */
const assessComplianceMonitoring: Assessor = defineAssessor({
  id: 'assess-compliance-monitoring',
  title: 'Compliance monitoring: recurring checks and the age of critical findings',
  description: 'Caps 3.2 when critical compliance findings have existed for over 30 or 90 days; supports 3–4 from the cadence and coverage of conformance scans.',
  pkimm: '3.2',
  automation: 'P',
  uses: CRITICAL_CHECKS,
  assess: (input) => assess(assessComplianceMonitoring, input),
});

export default assessComplianceMonitoring;
