/**
 * PKIMM 7.2 (model 1.1.0; deprecated in 2.0) Certificate cipher suites: key and signature algorithms of issued
 * certificates are restricted by the CAs to the approved set.
 *
 * Partial (class P, analysis §4.5 M.7.2). Signals: `weak` among certificates; CA-side restrictions
 * (ca-profile-key-types-restricted, profiles that state no key types).
 * Caps: any weak certificate → 2; CA profiles that do not restrict key types (accept any, or state none) → 3.
 * Supports: every certificate conforms to the profile's algorithms and every CA profile restricts key types → 4.
 * Gate: at least one fresh certificate.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, WEAK_CHECKS, algorithmMetrics, evidenceGate, failedIds, freshItems } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const m = algorithmMetrics(input, ['certificate']);
  const cas = freshItems(input, 'ca-config').filter((c) => c.data.role === 'ca');
  const unrestricted = cas.filter((c) => failedIds(input, ['ca-profile-key-types-restricted'], true).has(c.id) || c.data.profiles.some((p) => !p.isCa && (p.keyTypes === undefined || p.keyTypes.length === 0)));
  const out = new StatementBuilder(assessor);
  if (m.weak.length > 0) out.cap(2, { text: `${m.weak.length} issued certificate(s) use prohibited key or signature algorithms.`, ruleIds: WEAK_CHECKS }, m.weak);
  if (unrestricted.length > 0) out.cap(3, { text: `${unrestricted.length} CA(s) do not restrict key types or sizes in every profile.`, ruleIds: ['ca-profile-key-types-restricted'] }, unrestricted.map((c) => c.id));
  if (m.assets > 0 && m.nonConforming.length === 0 && m.weak.length === 0 && cas.length > 0 && unrestricted.length === 0) {
    out.support(4, { text: `All ${m.assets} certificates use approved algorithms and all ${cas.length} CA(s) restrict key types.` });
  }
  return out.build([{ text: `${m.weak.length} weak and ${m.nonConforming.length} non-conforming of ${m.assets} certificates; ${cas.length} CA configuration(s) read.` }]);
}

/** M.7.2 certificate cipher suites: weak issued certificates and CA-side key restrictions. */
const assessCertCipherSuites: Assessor = defineAssessor({
  id: 'assess-cert-cipher-suites',
  title: 'Certificate algorithms: weak certificates and CA-side restrictions',
  description: 'Caps 7.2 on weak issued certificates and CAs without key-type restrictions; supports 4 when both are clean.',
  pkimm: '7.2',
  automation: 'P',
  uses: [...WEAK_CHECKS, 'ca-profile-key-types-restricted'],
  assess: (input) => assess(assessCertCipherSuites, input),
});

export default assessCertCipherSuites;
