/**
 * PKIMM 7.1 (model 1.1.0) Certificate profiles: certificates are issued from defined profiles that enforce the
 * policy.
 *
 * Partial (class P, analysis §4.5 M.7.1). Signals: `lint_err` = share of non-root certificates failing a profile
 * lint (SAN/CN, DNS syntax, key usage, EKU, basic constraints, key identifiers, serial numbers, CA/B Forum validity and
 * internal names); ESC1/ESC6 enforcement weaknesses (ca-adcs-no-escalation-paths, ca-profile-subject-controlled);
 * revocation pointers missing from end-entity certificates (cert-revocation-info-present).
 * Caps: lint_err > 5 % or any ESC1/ESC6-type weakness → 2; revocation pointers missing in > 10 % of end-entity
 * certificates → 3.
 * Supports: lint_err < 1 % and CA profiles observed in CA configurations → 3; in addition, revocation pointers in all
 * end-entity certificates → 4. ("Certificates matching no configured profile" needs issuance records per profile and
 * is left to a person.)
 * Gate: at least one fresh certificate.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedIds, failedResults, freshItems, percent, ratioAtLeast } from '../../src/engine/rule-helpers.js';

const LINT_CHECKS = [
  'cert-tls-san-present',
  'cert-tls-cn-in-san',
  'cert-san-dns-names-valid',
  'cert-key-usage-consistent',
  'cert-key-cert-sign-only-ca',
  'cert-ca-key-usage-cert-sign',
  'cert-eku-consistent',
  'cert-leaf-eku-present',
  'cert-authority-key-identifier-present',
  'cert-ca-subject-key-identifier-present',
  'cert-serial-number-valid',
  'cert-public-tls-validity-cabf',
  'cert-public-tls-no-internal-names',
];
const ENFORCEMENT_CHECKS = ['ca-adcs-no-escalation-paths', 'ca-profile-subject-controlled'];

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const certs = freshItems(input, 'certificate').filter((c) => !(c.data.isCa && c.data.isSelfSigned));
  const ids = new Set(certs.map((c) => c.id));
  const linted = [...failedIds(input, LINT_CHECKS, true)].filter((id) => ids.has(id));
  const lintErr = certs.length === 0 ? 0 : linted.length / certs.length;
  const leaves = certs.filter((c) => !c.data.isCa);
  const leafIds = new Set(leaves.map((c) => c.id));
  const noRevocation = [...failedIds(input, ['cert-revocation-info-present'], true)].filter((id) => leafIds.has(id));
  const escalation = failedResults(input, ENFORCEMENT_CHECKS, true).filter((r) => r.ruleId === 'ca-profile-subject-controlled' || /ESC(1|6)\b/.test(r.message ?? ''));
  const profiles = freshItems(input, 'ca-config').filter((c) => c.data.role === 'ca' && c.data.profiles.length > 0);
  const out = new StatementBuilder(assessor);
  if (certs.length > 0 && !ratioAtLeast(certs.length - linted.length, certs.length, 0.95)) out.cap(2, { text: `lint_err ${percent(lintErr)}: more than 5 % of certificates break their profile.`, metric: { name: 'lint_err', value: lintErr, threshold: 0.05 } }, linted);
  if (escalation.length > 0) out.cap(2, { text: `${escalation.length} profile enforcement weakness(es) of the ESC1/ESC6 kind.`, ruleIds: ENFORCEMENT_CHECKS }, escalation.flatMap((r) => (r.evidenceId === undefined ? [] : [r.evidenceId])));
  if (leaves.length > 0 && !ratioAtLeast(leaves.length - noRevocation.length, leaves.length, 0.9)) out.cap(3, { text: `${percent(noRevocation.length / leaves.length)} of end-entity certificates carry no revocation pointer.`, metric: { name: 'missing_revocation_pointers', value: noRevocation.length / leaves.length, threshold: 0.1 } }, noRevocation);
  if (certs.length > 0 && ratioAtLeast(certs.length - linted.length, certs.length, 0.99) && escalation.length === 0 && profiles.length > 0) {
    if (noRevocation.length === 0) out.support(4, { text: `lint_err ${percent(lintErr)}, ${profiles.length} CA configuration(s) with profiles, and revocation pointers in every end-entity certificate.` });
    else out.support(3, { text: `lint_err ${percent(lintErr)} and ${profiles.length} CA configuration(s) with profiles.` });
  }
  return out.build([{ text: `${linted.length} of ${certs.length} certificates fail a profile lint (lint_err ${percent(lintErr)}).`, ruleIds: LINT_CHECKS, metric: { name: 'lint_err', value: lintErr, threshold: 0.01 } }]);
}

/** M.7.1 certificate profiles: lint errors, ESC-type enforcement gaps and revocation pointers. */
const assessCertProfiles: Assessor = defineAssessor({
  id: 'assess-cert-profiles',
  title: 'Certificate profiles: lint errors, enforcement gaps, revocation pointers',
  description: 'Caps 7.1 on lint errors above 5 %, ESC1/ESC6-type weaknesses and missing revocation pointers; supports 3–4 when certificates follow their profiles.',
  pkimm: '7.1',
  automation: 'P',
  uses: [...LINT_CHECKS, ...ENFORCEMENT_CHECKS, 'cert-revocation-info-present'],
  assess: (input) => assess(assessCertProfiles, input),
});

export default assessCertProfiles;
