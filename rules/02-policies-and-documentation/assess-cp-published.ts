/**
 * PKIMM 2.2 (model 1.1.0) Certificate Policy published: a CP exists, is published and the certificates assert it.
 *
 * Partial (class P, analysis §4.5 G.2.2). Signals: certificatePolicies OIDs (other than anyPolicy) in
 * organisation-issued certificates (not public TLS, not self-signed roots); the CP declared in the policy profile
 * (`documents.cp`: URL and revision dates; the document itself is not fetched).
 * Caps: no policy OID in any organisation-issued certificate and no CP declared → 2 (a person may lift this with an
 * unpublished internal CP).
 * Supports: CP declared with a URL and the same policy OID set in ≥ 95 % of organisation-issued certificates → 3; in
 * addition, the newest revision ≤ 12 months old and at least two revisions (a change history) → 4. Reachability and
 * the RFC 3647 outline are for a person to confirm.
 * Gate: at least one fresh organisation-issued certificate.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, daysSinceNewest, evidenceGate, freshItems, insufficient, organisationIssued, percent, policyOf, ratioAtLeast } from '../../src/engine/rule-helpers.js';

const ANY_POLICY = '2.5.29.32.0';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const policy = policyOf(input);
  const certs = organisationIssued(freshItems(input, 'certificate'), policy);
  if (certs.length === 0) return [insufficient(assessor, 'no organisation-issued certificate (only public TLS certificates and roots) was observed.')];
  const oidSets = certs.map((c) => c.data.policyOids.filter((oid) => oid !== ANY_POLICY).sort().join(' '));
  const withOids = oidSets.filter((s) => s !== '');
  const counts = new Map<string, number>();
  for (const s of withOids) counts.set(s, (counts.get(s) ?? 0) + 1);
  const [commonSet, commonCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  const cp = policy.documents.cp;
  const age = cp === undefined ? undefined : daysSinceNewest(cp.revisions, input.facts.now);
  const out = new StatementBuilder(assessor);
  if (withOids.length === 0 && cp === undefined) out.cap(2, { text: `None of the ${certs.length} organisation-issued certificates asserts a policy OID, and no CP is declared in the policy profile.` }, certs.map((c) => c.id));
  if (cp?.url !== undefined && ratioAtLeast(commonCount, certs.length, 0.95)) {
    if (age !== undefined && age <= 365 && cp.revisions.length >= 2) out.support(4, { text: `CP declared at ${cp.url}, revised ${Math.floor(age)} days ago with ${cp.revisions.length} revisions, and policy OID(s) ${commonSet} in ${percent(commonCount / certs.length)} of certificates.` });
    else out.support(3, { text: `CP declared at ${cp.url} and policy OID(s) ${commonSet} in ${percent(commonCount / certs.length)} of certificates.` });
  }
  return out.build([{ text: `${withOids.length} of ${certs.length} organisation-issued certificates assert a policy OID; the most common set is in ${commonCount}.`, metric: { name: 'policy_oid_consistency', value: commonCount / certs.length, threshold: 0.95 } }]);
}

/** G.2.2 CP published: policy OIDs in organisation-issued certificates and the declared CP. */
const assessCpPublished: Assessor = defineAssessor({
  id: 'assess-cp-published',
  title: 'Certificate Policy: asserted policy OIDs and the declared CP',
  description: 'Caps 2.2 when no organisation-issued certificate asserts a policy and no CP is declared; supports 3–4 from consistent OIDs and CP revisions.',
  pkimm: '2.2',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessCpPublished, input),
});

export default assessCpPublished;
