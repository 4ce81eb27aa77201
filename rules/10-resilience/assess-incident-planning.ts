/**
 * PKIMM 10.2 (model 1.1.0) Cyber-security and incident planning: PKI-specific threats are known, found and handled.
 *
 * Partial (class P, analysis §4.5 O.10.2). Signals: PKI-specific security findings — critical: ADCS ESC paths,
 * Fermat-factorable or Debian-weak keys; high: CA keys in software, exposed private-key files, weak CA keys,
 * requester-chosen subjects on authentication profiles (ESC1-like, Vault allow_any_name). Waived findings are
 * handled exceptions and do not count.
 * The finding's age is known only for certificate-borne weaknesses (since the certificate's notBefore). Caps: a
 * critical finding older than 30 days → 2; a critical finding of unknown or shorter age, or a high finding older than
 * 90 days → 3 (a tuning of the analysis' "open > 30 / > 90 days", which needs a findings lifecycle).
 * Supports: no critical or high PKI finding → 3 (incident plans and tests are manual).
 * Gate: at least one fresh certificate, key or CA configuration.
 */
import type { RuleResult } from '../../model/finding.js';
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { DAY_MS, StatementBuilder, evidenceGate, failedResults } from '../../src/engine/rule-helpers.js';

const CRITICAL = ['ca-adcs-no-escalation-paths', 'cert-key-not-fermat-factorable', 'cert-key-not-debian-weak'];
const HIGH = ['ca-key-hardware-protected', 'key-file-permissions-restrictive', 'ca-key-strength-approved', 'ca-profile-subject-controlled'];

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'private-key', 'ca-config'], describe: 'certificates, keys or CA configurations' });
  if (gate !== undefined) return [gate];
  const byId = new Map(input.evidence.map((e) => [e.id, e]));
  const ageDays = (r: RuleResult): number | undefined => {
    const item = r.evidenceId === undefined ? undefined : byId.get(r.evidenceId);
    return item?.kind === 'certificate' ? (input.facts.now.getTime() - Date.parse(item.data.notBefore)) / DAY_MS : undefined;
  };
  const critical = failedResults(input, CRITICAL);
  const high = failedResults(input, HIGH);
  const ids = (list: readonly RuleResult[]) => list.flatMap((r) => (r.evidenceId === undefined ? [] : [r.evidenceId]));
  const oldCritical = critical.filter((r) => (ageDays(r) ?? 0) > 30);
  const oldHigh = high.filter((r) => (ageDays(r) ?? 0) > 90);
  const out = new StatementBuilder(assessor);
  if (oldCritical.length > 0) out.cap(2, { text: `${oldCritical.length} critical PKI security finding(s) have existed for more than 30 days.`, ruleIds: CRITICAL }, ids(oldCritical));
  else if (critical.length > 0) out.cap(3, { text: `${critical.length} critical PKI security finding(s) are open (their age is not known).`, ruleIds: CRITICAL }, ids(critical));
  if (oldHigh.length > 0) out.cap(3, { text: `${oldHigh.length} high PKI security finding(s) have existed for more than 90 days.`, ruleIds: HIGH }, ids(oldHigh));
  if (critical.length === 0 && high.length === 0) out.support(3, { text: 'No critical or high PKI-specific security finding is open; incident plans and their tests need a person.' });
  return out.build([{ text: `${critical.length} critical and ${high.length} high PKI-specific finding(s) without a waiver.`, ruleIds: [...CRITICAL, ...HIGH] }]);
}

/** O.10.2 incident planning: PKI-specific security findings and their age. */
const assessIncidentPlanning: Assessor = defineAssessor({
  id: 'assess-incident-planning',
  title: 'Incident planning: PKI-specific security findings',
  description: 'Caps 10.2 on open critical and high PKI security findings (ESC paths, compromised keys, software CA keys, exposed keys); supports 3 when none is open.',
  pkimm: '10.2',
  automation: 'P',
  uses: [...CRITICAL, ...HIGH],
  assess: (input) => assess(assessIncidentPlanning, input),
});

export default assessIncidentPlanning;
