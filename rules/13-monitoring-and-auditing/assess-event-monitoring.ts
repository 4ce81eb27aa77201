/**
 * PKIMM 13.4 (model 1.1.0) Event monitoring: expiry, revocation services, CT, CA and HSM health are monitored.
 *
 * Partial (class P, analysis §4.5 O.13.4). Signals: expiry monitoring (this scanner running at least weekly, or the
 * attestation "expiry-monitoring"); revocation health probes (the crl or ocsp collector configured); CT monitoring
 * (crtsh or ct-log configured); CA service health and HSM monitoring (attestations "ca-health-monitoring",
 * "hsm-monitoring"); the declared-scope coverage of the scans.
 * Caps: none of these present → 2.
 * Supports: expiry, revocation and CT monitoring covering ≥ 90 % of scope → 3; plus CA and HSM health → 4.
 * Gate: none beyond the scan itself (the signals are about the monitoring set-up).
 */
import type { Reason } from '../../model/statement.js';
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, cadence, coverageReason, scopeCoverage, sourceClass } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const { facts } = input;
  const classes = new Set(facts.sourceTypes.map(sourceClass));
  const runs = cadence(input);
  const expiry = facts.attestations['expiry-monitoring'] === true || (runs.previousAgeDays !== undefined && runs.previousAgeDays <= 7);
  const revocation = classes.has('revocation');
  const ct = classes.has('ct');
  const caHealth = facts.attestations['ca-health-monitoring'] === true;
  const hsm = facts.attestations['hsm-monitoring'] === true;
  const coverage = scopeCoverage(input);
  const broad = (coverage.ratio ?? 0) >= 0.9;
  const present = [expiry && 'expiry', revocation && 'revocation probes', ct && 'CT monitoring', caHealth && 'CA health', hsm && 'HSM health'].filter((x): x is string => typeof x === 'string');
  const out = new StatementBuilder(assessor);
  if (present.length === 0) out.cap(2, { text: 'No monitoring is present: no recurring expiry scan, no revocation probes, no CT monitoring, and no CA or HSM health monitoring attested.' });
  if (expiry && revocation && ct && broad) {
    if (caHealth && hsm) out.support(4, { text: 'Expiry, revocation and CT monitoring cover the scope, and CA and HSM health monitoring is attested.' });
    else out.support(3, { text: 'Expiry, revocation and CT monitoring cover ≥ 90 % of the scope.' });
  }
  const context: Reason[] = [{ text: `Monitoring present: ${present.join(', ') || 'none'}.` }, coverageReason(coverage, 0.9)];
  return out.build(context);
}

/** O.13.4 event monitoring: which monitoring is present and how much scope it covers. */
const assessEventMonitoring: Assessor = defineAssessor({
  id: 'assess-event-monitoring',
  title: 'Event monitoring: expiry, revocation, CT, CA and HSM',
  description: 'Caps 13.4 at 2 when no monitoring is present and supports 3–4 as expiry, revocation, CT, CA and HSM monitoring accumulate.',
  pkimm: '13.4',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessEventMonitoring, input),
});

export default assessEventMonitoring;
