/**
 * PKIMM 2.3 (model 1.1.0) Certification Practice Statement published: the CPS exists, is published and practice
 * matches it.
 *
 * Partial (class P, analysis §4.5 G.2.3). Signals: the CPS declared in the policy profile (`documents.cps`); the
 * profile's machine-readable parameters (maximum lifetimes, minimum keys) compared with the observed certificates
 * (cert-validity-within-policy, cert-key-not-prohibited) and CRLs past their nextUpdate.
 * Caps: no CPS declared → 2; > 1 % of certificates, or any CRL, violating the declared parameters → 3 ("the practice
 * does not match the statement").
 * Supports: CPS declared with a URL and no violation → 4 (reachability and consistency of the text with the CP are for
 * a person).
 * Gate: at least one fresh certificate.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedIds, freshItems, percent, policyOf, ratioAtLeast } from '../../src/engine/rule-helpers.js';

const PARAMETER_CHECKS = ['cert-validity-within-policy', 'cert-key-not-prohibited'];

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const policy = policyOf(input);
  const certs = freshItems(input, 'certificate');
  const certIds = new Set(certs.map((c) => c.id));
  const violations = [...failedIds(input, PARAMETER_CHECKS, true)].filter((id) => certIds.has(id));
  const lateCrls = freshItems(input, 'crl').filter((c) => c.data.status === 'fetched' && c.data.headroomSeconds !== undefined && c.data.headroomSeconds < 0);
  const cps = policy.documents.cps;
  const out = new StatementBuilder(assessor);
  if (cps === undefined) out.cap(2, { text: 'No CPS is declared in the policy profile (`documents.cps`).' });
  if (!ratioAtLeast(certs.length - violations.length, certs.length, 0.99) || lateCrls.length > 0) {
    out.cap(3, { text: `Practice differs from the declared parameters: ${violations.length} certificate(s) (${percent(violations.length / certs.length)}) and ${lateCrls.length} CRL(s) past nextUpdate.`, ruleIds: PARAMETER_CHECKS }, [...violations, ...lateCrls.map((c) => c.id)]);
  } else if (cps?.url !== undefined && violations.length === 0) {
    out.support(4, { text: `CPS declared at ${cps.url} and no certificate or CRL violates the declared parameters.` });
  }
  return out.build([{ text: `${violations.length} of ${certs.length} certificates violate the profile's lifetime or key parameters; ${lateCrls.length} CRL(s) are past nextUpdate.`, ruleIds: PARAMETER_CHECKS }]);
}

/** G.2.3 CPS published: declared CPS and practice matching the declared parameters. */
const assessCpsPublished: Assessor = defineAssessor({
  id: 'assess-cps-published',
  title: 'CPS: declared statement and practice matching its parameters',
  description: 'Caps 2.3 without a declared CPS or when certificates and CRLs violate the declared parameters; supports 4 when practice matches.',
  pkimm: '2.3',
  automation: 'P',
  uses: PARAMETER_CHECKS,
  assess: (input) => assess(assessCpsPublished, input),
});

export default assessCpsPublished;
