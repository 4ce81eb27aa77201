/**
 * PKIMM 2.4 (model 1.1.0) PKI Disclosure Statement: a PDS summarises the CP/CPS for relying parties.
 *
 * Partial (class P, analysis §4.5 G.2.4). The only machine signal is for qualified (eIDAS) certificates: the QcPDS
 * statement. Qualified certificates are recognised by the ETSI EN 319 411-2 policy OIDs (0.4.0.194112.1.*); the
 * QCStatements themselves are not parsed, so the declared PDS (`documents.pds`) stands in.
 * Caps: qualified certificates observed and no PDS declared → 2.
 * Supports: qualified certificates observed and a PDS declared with a URL → 3 (4 needs a person to review it against
 * the CP/CPS).
 * Without qualified certificates there is no signal: the statement is "insufficient evidence", and a person may
 * consider N/A when the PKI has no external relying parties.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, freshItems, insufficient, policyOf } from '../../src/engine/rule-helpers.js';

const QUALIFIED_POLICY = /^0\.4\.0\.194112\.1\.\d+$/;

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const qualified = freshItems(input, 'certificate').filter((c) => c.data.policyOids.some((oid) => QUALIFIED_POLICY.test(oid)));
  if (qualified.length === 0) return [insufficient(assessor, 'no qualified (eIDAS) certificate was observed, and a disclosure statement has no other machine signal; consider N/A if the PKI has no external relying parties.')];
  const pds = policyOf(input).documents.pds;
  const out = new StatementBuilder(assessor);
  if (pds === undefined) out.cap(2, { text: `${qualified.length} qualified certificate(s) observed but no PDS is declared (\`documents.pds\`).` }, qualified.map((c) => c.id));
  else if (pds.url !== undefined) out.support(3, { text: `${qualified.length} qualified certificate(s) observed and a PDS is declared at ${pds.url}.` }, qualified.map((c) => c.id));
  return out.build();
}

/** G.2.4 disclosure statement: qualified certificates and the declared PDS. */
const assessDisclosureStatement: Assessor = defineAssessor({
  id: 'assess-disclosure-statement',
  title: 'Disclosure statement: qualified certificates and the declared PDS',
  description: 'Caps 2.4 when qualified certificates exist without a declared PDS, supports 3 with one; insufficient evidence otherwise.',
  pkimm: '2.4',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessDisclosureStatement, input),
});

export default assessDisclosureStatement;
