/**
 * PKIMM 7.7 (model 1.1.0) Organisation-wide PKI governance: every PKI and CA the organisation uses is known,
 * registered and held to a common baseline.
 *
 * Partial (class P, analysis §4.5 M.7.7). Signals: issuing CAs of the observed certificates and CT entries; shadow
 * CAs: issuers not on the approved-CA register (cert-issuer-approved, ca-approved-in-policy, ct-entry-issuer-approved),
 * self-signed end-entity certificates (cert-leaf-not-self-signed) and cert-manager SelfSigned issuers.
 * CAA (dns-caa collector): domains with public certificates but no CAA records (caa-record-present), and public CAs
 * issuing for a domain whose CAA records do not name them (caa-authorises-observed-issuers).
 * Caps: without a register (`cas.approved` empty) → 3 (nothing shows that CAs are registered); ≥ 3 unregistered
 * issuers → 2; any → 3; a public CA the domain's CAA records do not authorise → 3 (a tuning: it issues outside the
 * organisation's declared choice of CAs, like an unregistered CA); CAA absent on a declared domain with public
 * certificates → 4.
 * Supports: a register exists, every observed issuer is on it and no shadow CA is seen → 3; and, in addition, CAA
 * restricts public issuance (every looked-up domain with public certificates has CAA `issue` records that authorise
 * its issuers) → 4. Cross-PKI baseline consistency, also part of the analysis' level 4, is for the person confirming.
 * Gate: at least one fresh certificate, CT entry or CA configuration.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedResults, freshItems, judgedIds, policyOf } from '../../src/engine/rule-helpers.js';

const REGISTER_CHECKS = ['cert-issuer-approved', 'ca-approved-in-policy', 'ct-entry-issuer-approved'];
const SHADOW_CHECKS = ['cert-leaf-not-self-signed'];
const CAA_PRESENT = 'caa-record-present';
const CAA_AUTHORISES = 'caa-authorises-observed-issuers';

/** CAA statements: absent records cap 4, unauthorised issuers cap 3; returns whether CAA restricts public issuance on every judged domain. */
function assessCaa(input: AssessorInput, out: StatementBuilder): boolean {
  const absent = failedResults(input, [CAA_PRESENT], true);
  const unauthorised = failedResults(input, [CAA_AUTHORISES], true);
  const ids = (results: typeof absent): string[] => results.flatMap((r) => (r.evidenceId === undefined ? [] : [r.evidenceId]));
  if (unauthorised.length > 0) out.cap(3, { text: `${unauthorised.length} domain(s) have public certificates from CAs their CAA records do not authorise: ${unauthorised.slice(0, 3).map((r) => r.message).join(' ')}`, ruleIds: [CAA_AUTHORISES] }, ids(unauthorised));
  if (absent.length > 0) out.cap(4, { text: `${absent.length} declared domain(s) with public certificates have no CAA records: ${absent.slice(0, 3).map((r) => r.message).join(' ')}`, ruleIds: [CAA_PRESENT] }, ids(absent));
  const judged = judgedIds(input, [CAA_PRESENT]);
  if (judged.size === 0 || absent.length > 0 || unauthorised.length > 0) return false;
  const byId = new Map(freshItems(input, 'dns-caa').map((e) => [e.id, e]));
  return [...judged].every((id) => byId.get(id)?.data.issuers.some((i) => i.tag === 'issue') === true);
}

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'ct-log-entry', 'ca-config'], describe: 'certificates, CT entries or CA configurations' });
  if (gate !== undefined) return [gate];
  const policy = policyOf(input);
  const issuers = new Set(freshItems(input, 'certificate').filter((c) => !c.data.isSelfSigned).map((c) => c.data.issuer));
  const unregistered = failedResults(input, REGISTER_CHECKS, true);
  const byId = new Map(input.evidence.map((e) => [e.id, e]));
  const unregisteredIssuers = new Set(
    unregistered.map((r) => {
      const item = r.evidenceId === undefined ? undefined : byId.get(r.evidenceId);
      return item?.kind === 'certificate' || item?.kind === 'ct-log-entry' ? item.data.issuer : item?.kind === 'ca-config' ? (item.data.ca?.subject ?? item.data.name) : r.evidenceId ?? r.ruleId;
    }),
  );
  const selfSigned = failedResults(input, SHADOW_CHECKS, true);
  const selfSignedIssuers = freshItems(input, 'ca-config').filter((c) => c.data.observations.some((o) => o.code === 'cert-manager-self-signed'));
  const shadows = unregisteredIssuers.size + (selfSigned.length > 0 ? 1 : 0) + selfSignedIssuers.length;
  const out = new StatementBuilder(assessor);
  if (policy.cas.approved.length === 0) out.cap(3, { text: 'The policy profile has no approved-CA register (`cas.approved`), so the CAs in use are not shown to be registered.' });
  if (unregisteredIssuers.size >= 3) out.cap(2, { text: `${unregisteredIssuers.size} issuers are not on the approved-CA register: ${[...unregisteredIssuers].slice(0, 5).join('; ')}.`, ruleIds: REGISTER_CHECKS }, unregistered.flatMap((r) => (r.evidenceId === undefined ? [] : [r.evidenceId])));
  else if (shadows > 0) out.cap(3, { text: `${shadows} shadow CA(s): ${[...unregisteredIssuers].join('; ') || 'none on the register list'}${selfSigned.length > 0 ? `; ${selfSigned.length} self-signed end-entity certificate(s)` : ''}${selfSignedIssuers.length > 0 ? `; ${selfSignedIssuers.length} cert-manager SelfSigned issuer(s)` : ''}.`, ruleIds: [...REGISTER_CHECKS, ...SHADOW_CHECKS] });
  const caaRestricts = assessCaa(input, out);
  if (policy.cas.approved.length > 0 && shadows === 0) {
    if (caaRestricts) out.support(4, { text: `All ${issuers.size} observed issuer(s) are on the approved-CA register, no shadow CA was seen and CAA records restrict public issuance on every looked-up domain with public certificates; cross-PKI baseline consistency is for a person to confirm.`, ruleIds: [CAA_PRESENT, CAA_AUTHORISES] });
    else out.support(3, { text: `All ${issuers.size} observed issuer(s) are on the approved-CA register and no shadow CA was seen; level 4 also needs CAA records restricting public issuance on the declared domains (dns-caa collector).` });
  }
  return out.build([{ text: `${issuers.size} distinct issuer(s) observed; ${policy.cas.approved.length} register entr${policy.cas.approved.length === 1 ? 'y' : 'ies'}.` }]);
}

/** M.7.7 organisation PKI governance: registered CAs and shadow CAs. */
const assessPkiGovernance: Assessor = defineAssessor({
  id: 'assess-pki-governance',
  title: 'PKI governance: registered CAs and shadow CAs',
  description: 'Caps 7.7 when CAs issue outside the approved-CA register (or none exists) or CAA is absent or bypassed; supports 3 when every observed issuer is registered, 4 when CAA also restricts public issuance.',
  pkimm: '7.7',
  automation: 'P',
  uses: [...REGISTER_CHECKS, ...SHADOW_CHECKS, CAA_PRESENT, CAA_AUTHORISES],
  assess: (input) => assess(assessPkiGovernance, input),
});

export default assessPkiGovernance;
