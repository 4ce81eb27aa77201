/**
 * PKIMM 2.5 (model 1.1.0) Policy review: the CP and CPS are reviewed regularly and after material changes.
 *
 * Partial (class P, analysis §4.5 G.2.5). Signals: revision dates of the CP and CPS declared in the policy profile
 * (`documents.cp.revisions`, `documents.cps.revisions`), and material CA-configuration changes since the previous scan
 * (E9 drift: a new CA or issuer, a new profile, a new algorithm; see src/engine/ca-config-drift.ts).
 * Caps: newest revision > 24 months old → 2; 12–24 months → 3; a material change observed and no revision in the last
 * 90 days → 4.
 * Supports: at least two revisions in the last 24 months, the newest ≤ 12 months old ("≥ 2 consecutive annual
 * revisions") → 4.
 * Without declared revision dates there is nothing to judge: insufficient evidence (the gate here is the declaration,
 * not scanned scope).
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { caConfigDrift } from '../../src/engine/ca-config-drift.js';
import { DAY_MS, StatementBuilder, daysSinceNewest, freshItems, insufficient, policyOf } from '../../src/engine/rule-helpers.js';

/** A policy revision is expected within this many days of a material change. */
const REVISION_AFTER_CHANGE_DAYS = 90;

/** Material CA-configuration changes since the previous scan, as "name: change" texts; empty without a previous scan. */
function materialChanges(input: AssessorInput): string[] {
  const previous = input.facts.previous;
  if (previous === undefined) return [];
  return caConfigDrift(freshItems(input, 'ca-config'), previous).flatMap((d) => d.changes.filter((c) => c.material).map((c) => `${d.name}: ${c.text}`));
}

function assess(assessor: Assessor, input: AssessorInput) {
  const { cp, cps } = policyOf(input).documents;
  const revisions = [...(cp?.revisions ?? []), ...(cps?.revisions ?? [])];
  const age = daysSinceNewest(revisions, input.facts.now);
  const material = materialChanges(input);
  const materialReason = { text: `${material.length} material CA configuration change(s) since the previous scan (${input.facts.previous?.startedAt ?? ''}): ${material.slice(0, 5).join('; ')}${material.length > 5 ? `; and ${material.length - 5} more` : ''}.`, ruleIds: ['ca-config-unchanged'] };
  if (age === undefined) {
    return [insufficient(assessor, 'no CP or CPS revision dates are declared in the policy profile (`documents.cp.revisions`, `documents.cps.revisions`).', material.length > 0 ? [materialReason] : [])];
  }
  const nowMs = input.facts.now.getTime();
  const recent = revisions.filter((d) => nowMs - Date.parse(`${d}T00:00:00Z`) <= 730 * DAY_MS).length;
  const out = new StatementBuilder(assessor);
  const metric = { name: 'days_since_revision', value: age, threshold: 365 };
  if (age > 730) out.cap(2, { text: `The newest CP/CPS revision is ${Math.floor(age)} days old (over 24 months).`, metric });
  else if (age > 365) out.cap(3, { text: `The newest CP/CPS revision is ${Math.floor(age)} days old (12–24 months).`, metric });
  else if (recent >= 2) out.support(4, { text: `${recent} revisions in the last 24 months, the newest ${Math.floor(age)} days ago.`, metric });
  if (material.length > 0 && age > REVISION_AFTER_CHANGE_DAYS && !out.hasCapAtMost(4)) {
    out.cap(4, { ...materialReason, text: `${materialReason.text.slice(0, -1)}; no CP/CPS revision in the last ${REVISION_AFTER_CHANGE_DAYS} days (the newest is ${Math.floor(age)} days old).` });
  }
  return out.build([{ text: `${revisions.length} declared revision date(s).` }]);
}

/** G.2.5 policy review: age and regularity of declared CP/CPS revisions. */
const assessPolicyReview: Assessor = defineAssessor({
  id: 'assess-policy-review',
  title: 'Policy review: age of the declared CP/CPS revisions',
  description: 'Caps 2.5 when the newest declared CP/CPS revision is older than 12 or 24 months, or at 4 when CA configurations changed materially with no revision in 90 days; supports 4 for regular annual revisions.',
  pkimm: '2.5',
  automation: 'P',
  uses: ['ca-config-unchanged'],
  assess: (input) => assess(assessPolicyReview, input),
});

export default assessPolicyReview;
