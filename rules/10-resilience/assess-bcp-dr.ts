/**
 * PKIMM 10.3 (model 1.1.0) Business continuity and disaster recovery: revocation and issuance services stay available
 * and outages are survivable.
 *
 * Partial (class P, analysis §4.5 O.10.3). Signals: revocation availability from this scan's CRL and OCSP probes (a
 * snapshot; the 30/90-day series builds up across scans); CRL validity window vs publication interval from CA
 * configurations (window = interval + overlap; the analysis asks for ≥ 2 × the interval, i.e. overlap ≥ interval);
 * redundancy of revocation endpoints.
 * Caps: availability < 99 % → 2; < 99.9 %, or a CRL window shorter than 2 × the publication interval → 3.
 * Supports: availability ≥ 99.9 % with redundant revocation endpoints → 3 (levels 4–5 need DR-test evidence).
 * Gate: at least one fresh CRL, OCSP response or CA configuration, or a CRL/OCSP collection problem.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, freshItems, insufficient, percent, revocationAvailability } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const availability = revocationAvailability(input);
  const cas = freshItems(input, 'ca-config').filter((c) => c.data.role === 'ca' && c.data.revocation?.crl?.enabled === true && c.data.revocation.crl.intervalSeconds !== undefined);
  if (availability.attempts === 0 && cas.length === 0) return [insufficient(assessor, 'no CRL or OCSP probe ran and no CA configuration states its CRL schedule.')];
  const shortWindow = cas.filter((c) => (c.data.revocation!.crl!.overlapSeconds ?? 0) < c.data.revocation!.crl!.intervalSeconds!);
  const certs = freshItems(input, 'certificate').filter((c) => !c.data.isCa && (c.data.crlUrls.length > 0 || c.data.ocspUrls.length > 0));
  const redundant = certs.filter((c) => c.data.crlUrls.length + c.data.ocspUrls.length >= 2).length;
  const out = new StatementBuilder(assessor);
  const ratio = availability.ratio;
  if (ratio !== undefined && ratio < 0.99) out.cap(2, { text: `Revocation services answered ${availability.successes} of ${availability.attempts} probes (${percent(ratio)}); failing: ${availability.failedTargets.slice(0, 5).join(', ')}.`, metric: { name: 'revocation_availability', value: ratio, threshold: 0.99 } });
  else if (ratio !== undefined && ratio < 0.999) out.cap(3, { text: `Revocation availability ${percent(ratio)} is below 99.9 %.`, metric: { name: 'revocation_availability', value: ratio, threshold: 0.999 } });
  if (shortWindow.length > 0) out.cap(3, { text: `${shortWindow.length} CA(s) publish CRLs valid for less than twice their publication interval (overlap shorter than the interval).` }, shortWindow.map((c) => c.id));
  if (ratio !== undefined && ratio >= 0.999 && shortWindow.length === 0 && certs.length > 0 && redundant === certs.length) out.support(3, { text: `All ${availability.attempts} revocation probes succeeded and every certificate names at least two revocation endpoints; DR tests need a person.` });
  return out.build([{ text: `${availability.attempts} revocation probe(s), ${availability.successes} successful; ${redundant} of ${certs.length} certificates with redundant revocation endpoints.` }]);
}

/** O.10.3 BCP/DR: revocation availability, CRL windows and redundancy. */
const assessBcpDr: Assessor = defineAssessor({
  id: 'assess-bcp-dr',
  title: 'Business continuity: revocation availability, CRL windows, redundancy',
  description: 'Caps 10.3 on unavailable revocation services and short CRL windows; supports 3 with full availability and redundant endpoints.',
  pkimm: '10.3',
  automation: 'P',
  uses: ['ca-crl-overlap-sufficient'],
  assess: (input) => assess(assessBcpDr, input),
});

export default assessBcpDr;
