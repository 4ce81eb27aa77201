/**
 * PKIMM 4.3 (model 1.1.0) Recurring activities executed on time: CRLs are refreshed, certificates renewed before
 * expiry, CA certificates rolled over in time.
 *
 * Partial (class P, analysis §4.5 G.4.3). Signals: `late_crl` (fetched CRLs past nextUpdate); stale OCSP responses
 * (not current); `expired_in_use`; expired CA certificates in served chains (tls-chain-no-expired-certificate); CA
 * certificates expiring before what they issued (cert-issuer-outlives-subject); renewal margin = for each observed
 * renewal (a newer certificate with the same subject and issuer), the share of the old certificate's lifetime left
 * when the new one was issued.
 * Caps: any late CRL, an expired CA certificate in a served chain, or expired_in_use > 1 % → 2; any expired certificate
 * on a critical scope unit (or, without declared units, any expired end-entity certificate served on an endpoint) → 3.
 * Supports: no late CRL or stale OCSP, nothing expired in use, and ≥ 95 % of observed renewals with ≥ 20 % of the
 * lifetime left → 4; the same without any observed renewal → 3 (a tuning: renewal timeliness cannot be shown).
 * Gate: at least one fresh certificate, CRL or OCSP response.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, coversUnit, evidenceGate, expiredInUse, failedIds, freshItems, groupedBy, percent, policyOf, ratioAtLeast } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'crl', 'ocsp-response'], describe: 'certificates, CRLs or OCSP responses' });
  if (gate !== undefined) return [gate];
  const now = input.facts.now;
  const certs = freshItems(input, 'certificate');
  const lateCrls = freshItems(input, 'crl').filter((c) => c.data.status === 'fetched' && c.data.hasNextUpdate && c.data.nextUpdate !== undefined && Date.parse(c.data.nextUpdate) < Date.parse(c.observedAt));
  const staleOcsp = freshItems(input, 'ocsp-response').filter((o) => o.data.status === 'response' && o.data.current === false);
  const expired = expiredInUse(certs, now);
  const expiredChains = failedIds(input, ['tls-chain-no-expired-certificate']);
  const rollover = failedIds(input, ['cert-issuer-outlives-subject']);
  const critical = policyOf(input).scope.units.filter((u) => u.critical);
  const expiredIds = new Set(expired.expired);
  const expiredEndpoints = freshItems(input, 'tls-endpoint').filter((e) => e.data.chain[0] !== undefined && expiredIds.has(`certificate:sha256:${e.data.chain[0]}`));
  const criticalExpired = critical.length > 0 ? expiredEndpoints.filter((e) => critical.some((u) => coversUnit(e, u))) : expiredEndpoints;
  // Renewal margins: pairs (old, new) with the same subject and issuer, new issued after old.
  const margins: number[] = [];
  const lineages = groupedBy(certs, 'subject+issuer', (c) => `${c.data.subject}\u0000${c.data.issuer}`);
  for (const next of certs) {
    const previous = (lineages.get(`${next.data.subject}\u0000${next.data.issuer}`) ?? [])
      .filter((c) => c.id !== next.id && !c.data.isCa && Date.parse(c.data.notBefore) < Date.parse(next.data.notBefore))
      .sort((a, b) => Date.parse(b.data.notBefore) - Date.parse(a.data.notBefore))[0];
    if (previous === undefined) continue;
    const life = Date.parse(previous.data.notAfter) - Date.parse(previous.data.notBefore);
    margins.push(life <= 0 ? 0 : (Date.parse(previous.data.notAfter) - Date.parse(next.data.notBefore)) / life);
  }
  const timely = margins.filter((m) => m >= 0.2).length;
  const out = new StatementBuilder(assessor);
  if (lateCrls.length > 0) out.cap(2, { text: `${lateCrls.length} CRL(s) were past their nextUpdate when fetched (late_crl).` }, lateCrls.map((c) => c.id));
  if (expiredChains.size > 0) out.cap(2, { text: `${expiredChains.size} endpoint(s) serve an expired certificate in their chain.`, ruleIds: ['tls-chain-no-expired-certificate'] }, expiredChains);
  if (expired.total > 0 && !ratioAtLeast(expired.total - expired.expired.length, expired.total, 0.99)) out.cap(2, { text: `expired_in_use ${percent(expired.expired.length / expired.total)} (${expired.expired.length} of ${expired.total}).`, metric: { name: 'expired_in_use', value: expired.expired.length / expired.total, threshold: 0.01 } }, expired.expired);
  if (criticalExpired.length > 0) out.cap(3, { text: `${criticalExpired.length} ${critical.length > 0 ? 'critical ' : ''}endpoint(s) serve an expired certificate.` }, criticalExpired.map((e) => e.id));
  const clean = lateCrls.length === 0 && staleOcsp.length === 0 && expired.expired.length === 0 && expiredChains.size === 0 && rollover.size === 0;
  if (clean && margins.length > 0 && ratioAtLeast(timely, margins.length, 0.95)) out.support(4, { text: `Nothing late or expired, and ${timely} of ${margins.length} observed renewals left ≥ 20 % of the lifetime.`, metric: { name: 'timely_renewals', value: timely / margins.length, threshold: 0.95 } });
  else if (clean && margins.length === 0) out.support(3, { text: 'Nothing late or expired; no renewal was observed, so renewal timeliness (needed for 4) cannot be shown.' });
  return out.build([
    { text: `${lateCrls.length} late CRL(s), ${staleOcsp.length} stale OCSP response(s), ${expired.expired.length} expired certificate(s) in use, ${rollover.size} certificate(s) outliving their issuer, ${margins.length} renewal(s) observed (${timely} timely).`, ruleIds: ['tls-chain-no-expired-certificate', 'cert-issuer-outlives-subject'] },
  ]);
}

/** G.4.3 recurring activities on time: late CRLs, expired certificates in use and renewal margins. */
const assessRecurringActivities: Assessor = defineAssessor({
  id: 'assess-recurring-activities',
  title: 'Recurring activities on time: CRLs, expiry and renewal margins',
  description: 'Caps 4.3 on late CRLs, expired certificates in use and expired chain links; supports 3–4 when nothing is late and renewals leave enough margin.',
  pkimm: '4.3',
  automation: 'P',
  uses: ['tls-chain-no-expired-certificate', 'cert-issuer-outlives-subject'],
  assess: (input) => assess(assessRecurringActivities, input),
});

export default assessRecurringActivities;
