/**
 * PKIMM 13.5 (model 1.1.0) Critical alerting: critical PKI events raise alerts to the people on call.
 *
 * Partial (class P, analysis §4.5 O.13.5). Signals: critical events in the evidence — an expired CA certificate in a
 * served chain, an expired certificate served on an endpoint, a CRL past nextUpdate, a CT entry for a declared domain
 * from an unapproved issuer (ct-entry-issuer-approved); the attestation "critical-alerting" (critical classes routed to
 * on-call); CT time-to-detect = observation time − logging time of entries from unapproved issuers.
 * Caps: critical events present without the attestation → 2; CT detection > 7 days → 3.
 * Supports: the attestation, CT monitored and every detection ≤ 24 h → 4 (5 needs incident-response test evidence).
 * Gate: none beyond the scan itself.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { DAY_MS, StatementBuilder, expiredInUse, failedIds, failedResults, freshItems, sourceClass } from '../../src/engine/rule-helpers.js';

const ATTESTATION = 'critical-alerting';

function assess(assessor: Assessor, input: AssessorInput) {
  const now = input.facts.now;
  const expiredChains = failedIds(input, ['tls-chain-no-expired-certificate']);
  const expiredCerts = new Set(expiredInUse(freshItems(input, 'certificate'), now).expired);
  const expiredServed = freshItems(input, 'tls-endpoint').filter((e) => e.data.chain[0] !== undefined && expiredCerts.has(`certificate:sha256:${e.data.chain[0]}`));
  const lateCrls = freshItems(input, 'crl').filter((c) => c.data.status === 'fetched' && c.data.nextUpdate !== undefined && Date.parse(c.data.nextUpdate) < Date.parse(c.observedAt));
  const unknownIssuer = failedResults(input, ['ct-entry-issuer-approved'], true);
  const byId = new Map(input.evidence.map((e) => [e.id, e]));
  const detectionDays = unknownIssuer.flatMap((r) => {
    const item = r.evidenceId === undefined ? undefined : byId.get(r.evidenceId);
    return item?.kind === 'ct-log-entry' && item.data.loggedAt !== undefined ? [(Date.parse(item.observedAt) - Date.parse(item.data.loggedAt)) / DAY_MS] : [];
  });
  const events = expiredChains.size + expiredServed.length + lateCrls.length + unknownIssuer.length;
  const alerting = input.facts.attestations[ATTESTATION] === true;
  const ctMonitored = input.facts.sourceTypes.some((s) => sourceClass(s) === 'ct');
  const slowest = detectionDays.length === 0 ? undefined : Math.max(...detectionDays);
  const out = new StatementBuilder(assessor);
  if (events > 0 && !alerting) out.cap(2, { text: `${events} critical event(s) (expired chain links or served certificates, late CRLs, unknown-issuer CT entries) and no alert routing is attested ("${ATTESTATION}").` }, [...expiredChains, ...expiredServed.map((e) => e.id), ...lateCrls.map((c) => c.id)]);
  if (slowest !== undefined && slowest > 7) out.cap(3, { text: `A CT entry from an unapproved issuer was detected ${slowest.toFixed(1)} days after it was logged.`, metric: { name: 'ct_detection_days', value: slowest, threshold: 7 } });
  if (alerting && ctMonitored && (slowest === undefined || slowest <= 1)) out.support(4, { text: 'Critical events are routed to on-call (attested) and CT detections happen within 24 hours.' });
  return out.build([{ text: `${events} critical event(s) observed; CT monitoring ${ctMonitored ? 'configured' : 'not configured'}.`, ruleIds: ['tls-chain-no-expired-certificate', 'ct-entry-issuer-approved'] }]);
}

/** O.13.5 critical alerting: critical events against attested alert routing and CT detection time. */
const assessCriticalAlerting: Assessor = defineAssessor({
  id: 'assess-critical-alerting',
  title: 'Critical alerting: critical events, alert routing and CT detection time',
  description: 'Caps 13.5 when critical events exist without attested alerting or CT detection is slow; supports 4 with attested alerting and fast CT detection.',
  pkimm: '13.5',
  automation: 'P',
  uses: ['tls-chain-no-expired-certificate', 'ct-entry-issuer-approved'],
  assess: (input) => assess(assessCriticalAlerting, input),
});

export default assessCriticalAlerting;
