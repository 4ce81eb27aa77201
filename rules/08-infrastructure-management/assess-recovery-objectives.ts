/**
 * PKIMM 8.4 (model 1.1.0) Recovery objectives: recovery time and point objectives are defined and the infrastructure
 * can meet them.
 *
 * Partial and weak (class P, analysis §4.5 M.8.4): the objectives are manual; the scanner sees redundancy of the
 * revocation services. A CA's revocation is redundant when it publishes CRLs at ≥ 2 URLs, or CRLs and OCSP; issued
 * certificates show the same with ≥ 2 CRL distribution points or a CDP and an OCSP URL.
 * Caps: a CA with more than 1,000 valid certificates (from its database counts) whose revocation has a single point of
 * failure → 3.
 * Supports: every CA with revocation configured, and ≥ 95 % of organisation-issued end-entity certificates, have
 * redundant revocation pointers → 3 (the analysis' maximum for this requirement).
 * Gate: at least one fresh CA configuration or certificate.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, freshItems, organisationIssued, policyOf, ratioAtLeast } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['ca-config', 'certificate'], describe: 'CA configurations or certificates' });
  if (gate !== undefined) return [gate];
  const cas = freshItems(input, 'ca-config').filter((c) => c.data.role === 'ca' && c.data.revocation !== undefined);
  const redundant = (crl: number, ocsp: number): boolean => crl >= 2 || (crl >= 1 && ocsp >= 1) || ocsp >= 2;
  const caEndpoints = (c: (typeof cas)[number]) => {
    const r = c.data.revocation!;
    return { crl: r.crl?.enabled === true ? Math.max(1, r.crl.urls?.length ?? 1) : 0, ocsp: r.ocsp?.enabled === true ? Math.max(1, r.ocsp.urls?.length ?? 1) : 0 };
  };
  const caRedundant = (c: (typeof cas)[number]): boolean => {
    const { crl, ocsp } = caEndpoints(c);
    return redundant(crl, ocsp);
  };
  const spof = cas.filter((c) => (c.data.issued?.valid ?? 0) > 1000 && !caRedundant(c));
  const leaves = organisationIssued(freshItems(input, 'certificate'), policyOf(input)).filter((c) => !c.data.isCa);
  const redundantLeaves = leaves.filter((c) => redundant(c.data.crlUrls.length, c.data.ocspUrls.length));
  const out = new StatementBuilder(assessor);
  if (spof.length > 0) out.cap(3, { text: `${spof.length} CA(s) serving more than 1,000 valid certificates publish revocation through a single endpoint.` }, spof.map((c) => c.id));
  const casRedundant = cas.every(caRedundant);
  if (spof.length === 0 && (cas.length > 0 || leaves.length > 0) && casRedundant && (leaves.length === 0 || ratioAtLeast(redundantLeaves.length, leaves.length, 0.95))) {
    out.support(3, { text: 'Revocation is published redundantly by every CA read and in the organisation-issued certificates; recovery objectives and backup tests need a person.' });
  }
  return out.build([{ text: `${redundantLeaves.length} of ${leaves.length} organisation-issued end-entity certificates name redundant revocation endpoints; ${cas.length} CA(s) with revocation configuration.` }]);
}

/** M.8.4 recovery objectives: redundancy of revocation services. */
const assessRecoveryObjectives: Assessor = defineAssessor({
  id: 'assess-recovery-objectives',
  title: 'Recovery objectives: redundancy of revocation services',
  description: 'Caps 8.4 at 3 for single points of failure in revocation for large CAs; supports 3 when revocation is redundant.',
  pkimm: '8.4',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessRecoveryObjectives, input),
});

export default assessRecoveryObjectives;
