/**
 * PKIMM 13.3 (model 1.1.0) Audit trail: issuance can be traced from a certificate in the wild to the CA's issuance
 * record and the audit event with the requester.
 *
 * Partial (class P, analysis §4.5 O.13.3): a sample of organisation-issued certificates seen in the wild is looked up
 * in the CA database and the audit log. Caps: a certificate from an organisation CA missing from its database → 2;
 * audit events not retrievable → 3. Supports: ≥ 95 % of the sample traceable → 4.
 *
 * CA databases are read only as counts (issued valid/revoked/expired), not per certificate, so no certificate can be
 * traced: this assessor states insufficient evidence, with the sample it would use.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { freshItems, insufficient, organisationIssued, policyOf } from '../../src/engine/rule-helpers.js';

const SAMPLE_SIZE = 20;

function assess(assessor: Assessor, input: AssessorInput) {
  const sample = organisationIssued(freshItems(input, 'certificate'), policyOf(input)).filter((c) => !c.data.isCa).length;
  const databases = freshItems(input, 'ca-config').filter((c) => c.data.issued !== undefined).length;
  return [insufficient(assessor, `issuance records are not read per certificate (${databases} CA database count(s) available); a sample of ${Math.min(SAMPLE_SIZE, sample)} organisation-issued certificate(s) could be traced once they are.`)];
}

/** O.13.3 audit trail: needs per-certificate issuance records; states what is missing. */
const assessAuditTrail: Assessor = defineAssessor({
  id: 'assess-audit-trail',
  title: 'Audit trail: tracing certificates to issuance records',
  description: 'Would cap or support 13.3 from a traced sample of certificates; states insufficient evidence until CA databases are read per certificate.',
  pkimm: '13.3',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessAuditTrail, input),
});

export default assessAuditTrail;
