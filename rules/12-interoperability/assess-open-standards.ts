/**
 * PKIMM 12.3 (model 1.1.0) Open standards: the PKI uses open, standard protocols and formats.
 *
 * Partial (class P, analysis §4.5 O.12.3). Signals: enrollment protocols of the CA and client setups (ACME, EST,
 * SCEP, CMP vs manual or proprietary, ca-enrollment-standard-protocol); `lint_err` (RFC 5280 / CA/B Forum profile
 * lints, as in 7.1).
 * Caps: every setup proprietary-only or manual and lint_err > 5 % → 2.
 * Supports: ≥ 80 % of setups offering a standard protocol and lint_err < 1 % → 4 (the strategy and policy parts are
 * human).
 * Gate: at least one fresh CA configuration that states its enrollment.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, failedIds, freshItems, insufficient, judgedIds, percent, ratioAtLeast } from '../../src/engine/rule-helpers.js';

const LINT_CHECKS = ['cert-tls-san-present', 'cert-san-dns-names-valid', 'cert-key-usage-consistent', 'cert-key-cert-sign-only-ca', 'cert-eku-consistent', 'cert-authority-key-identifier-present', 'cert-ca-subject-key-identifier-present', 'cert-serial-number-valid'];
const STANDARD = new Set(['acme', 'est', 'scep', 'cmp']);

function assess(assessor: Assessor, input: AssessorInput) {
  const configs = freshItems(input, 'ca-config').filter((c) => c.data.enrollment.length > 0 || c.data.profiles.some((p) => (p.enrollment?.length ?? 0) > 0));
  if (configs.length === 0) return [insufficient(assessor, 'no CA or client configuration stating its enrollment protocols was read.')];
  const standard = configs.filter((c) => [...c.data.enrollment, ...c.data.profiles.flatMap((p) => p.enrollment ?? [])].some((e) => STANDARD.has(e)));
  const proprietaryOnly = failedIds(input, ['ca-enrollment-standard-protocol'], true);
  const linted = judgedIds(input, LINT_CHECKS);
  const lintFailed = failedIds(input, LINT_CHECKS, true);
  const lintErr = linted.size === 0 ? 0 : lintFailed.size / linted.size;
  const out = new StatementBuilder(assessor);
  if (proprietaryOnly.size === configs.length && lintErr > 0.05) out.cap(2, { text: `Enrollment is manual or proprietary in every setup and lint_err is ${percent(lintErr)}.`, ruleIds: ['ca-enrollment-standard-protocol', ...LINT_CHECKS] }, proprietaryOnly);
  if (ratioAtLeast(standard.length, configs.length, 0.8) && lintErr < 0.01) out.support(4, { text: `${standard.length} of ${configs.length} setups offer ACME, EST, SCEP or CMP, and lint_err is ${percent(lintErr)}.` });
  return out.build([{ text: `${standard.length} of ${configs.length} setups offer a standard enrollment protocol; lint_err ${percent(lintErr)} over ${linted.size} certificates.`, metric: { name: 'standard_enrollment', value: standard.length / configs.length, threshold: 0.8 } }]);
}

/** O.12.3 open standards: standard enrollment protocols and RFC 5280 lint conformance. */
const assessOpenStandards: Assessor = defineAssessor({
  id: 'assess-open-standards',
  title: 'Open standards: standard enrollment protocols and lint conformance',
  description: 'Caps 12.3 when enrollment is proprietary everywhere and lint errors exceed 5 %; supports 4 with mostly standard enrollment and clean certificates.',
  pkimm: '12.3',
  automation: 'P',
  uses: ['ca-enrollment-standard-protocol', ...LINT_CHECKS],
  assess: (input) => assess(assessOpenStandards, input),
});

export default assessOpenStandards;
