/**
 * PKIMM 16.2 (model 1.1.0) PKI information disclosure: the PKI's public repository (CRLs, OCSP, issuer certificates,
 * CP/CPS) is reachable and current for relying parties.
 *
 * Partial (class P, analysis §4.5 R.16.2). Signals: the CRL and OCSP pointers probed by this scan (HTTP failures,
 * unsuccessful OCSP answers, CRLs whose signature does not verify: a pointer that answers with the wrong object is
 * broken too); CP/CPS revision dates declared in the policy profile.
 * Caps: > 5 % of probed pointers broken → 2; any broken → 3.
 * Supports: every pointer reachable and the declared CP or CPS revised ≤ 12 months ago → 4; every pointer reachable →
 * 3 (a tuning: currency of the documents is what separates 3 from 4).
 * Gate: at least one CRL or OCSP probe.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, daysSinceNewest, freshItems, insufficient, percent, policyOf, ratioAtLeast, revocationAvailability } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const availability = revocationAvailability(input);
  const badSignatures = freshItems(input, 'crl').filter((c) => c.data.status === 'fetched' && c.data.signature === 'invalid');
  if (availability.attempts === 0) return [insufficient(assessor, 'no CRL or OCSP pointer was probed (configure the crl and ocsp collectors).')];
  const broken = availability.attempts - availability.successes + badSignatures.length;
  const n = availability.attempts;
  const { cp, cps } = policyOf(input).documents;
  const age = daysSinceNewest([...(cp?.revisions ?? []), ...(cps?.revisions ?? [])], input.facts.now);
  const out = new StatementBuilder(assessor);
  const metric = { name: 'broken_pointers', value: Math.min(1, broken / n), threshold: 0.05 };
  if (broken > 0 && !ratioAtLeast(n - broken, n, 0.95)) out.cap(2, { text: `${broken} of ${n} published pointers are broken (${percent(Math.min(1, broken / n))}).`, metric }, badSignatures.map((c) => c.id));
  else if (broken > 0) out.cap(3, { text: `${broken} of ${n} published pointers are broken.`, metric }, badSignatures.map((c) => c.id));
  else if (age !== undefined && age <= 365) out.support(4, { text: `All ${n} probed pointers answer correctly and the CP/CPS was revised ${Math.floor(age)} days ago.`, metric });
  else out.support(3, { text: `All ${n} probed pointers answer correctly; currency of the CP/CPS is not shown (no revision within 12 months declared).`, metric });
  return out.build([{ text: `Failing pointers: ${availability.failedTargets.slice(0, 5).join(', ') || 'none'}; CRLs with invalid signatures: ${badSignatures.length}.` }]);
}

/** R.16.2 PKI information disclosure: reachability of published pointers and document currency. */
const assessInformationDisclosure: Assessor = defineAssessor({
  id: 'assess-information-disclosure',
  title: 'Information disclosure: published pointers reachable and current',
  description: 'Caps 16.2 when CRL/OCSP pointers are broken and supports 3–4 when all answer and the CP/CPS is current.',
  pkimm: '16.2',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessInformationDisclosure, input),
});

export default assessInformationDisclosure;
