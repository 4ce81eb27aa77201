/**
 * PKIMM 9.3 (model 1.1.0) Change process: changes to the PKI follow the change process (tickets, approvals, reviews).
 *
 * Partial (class P, analysis §4.5 M.9.3). Signals: configuration drift between scans (ADCS templates, EJBCA profiles,
 * Vault roles, ca.json, issuers), computed as the checks `ca-config-unchanged` and `ca-config-not-removed` do, and
 * reconciled with change records. No change-ticket import exists: a waiver on a drift finding is the record that the
 * change was accounted for. Caps: ≥ 1 unexplained CA configuration change within 90 days (the previous scan is at
 * most 90 days old) → 3, for a person to review. Support (100 % of changes with a ticket) needs a ticket import: never
 * stated here. No previous scan, no CA configurations, no drift, or drift that cannot be dated within 90 days: no
 * statement from this signal (insufficient evidence, saying which).
 */
import { caConfigDrift, type SetupDrift } from '../../src/engine/ca-config-drift.js';
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { DAY_MS, StatementBuilder, freshItems, insufficient } from '../../src/engine/rule-helpers.js';

/** Drift older than this cannot be placed in the analysis' 90-day window. */
const WINDOW_DAYS = 90;
const SHOWN = 5;

/** The waiver key of the drift finding that covers one setup's drift. */
const findingKey = (d: SetupDrift): string => (d.status === 'removed' ? 'ca-config-not-removed|' : `ca-config-unchanged|${d.id}`);

const describeDrift = (d: SetupDrift): string => `${d.name} (${d.status === 'changed' ? `${d.changes.length} change(s)` : d.status})`;

function assess(assessor: Assessor, input: AssessorInput) {
  const configs = freshItems(input, 'ca-config');
  const previous = input.facts.previous;
  if (previous === undefined) {
    return [insufficient(assessor, `no previous scan to compare the ${configs.length} CA configuration(s) of this scan with, and no change records are imported.`)];
  }
  const before = previous.items('ca-config').length;
  if (configs.length === 0 && before === 0) return [insufficient(assessor, `no CA configurations in this scan or in the previous one (${previous.startedAt}).`)];
  const drift = caConfigDrift(configs, previous);
  const context = [{ text: `Compared with the previous scan of ${previous.startedAt} (${previous.source}): ${configs.length} CA configuration(s) now, ${before} then.` }];
  if (drift.length === 0) return [insufficient(assessor, 'no CA configuration changed since the previous scan; whether changes follow the change process needs change records.', context)];
  const waived = input.waived ?? new Set<string>();
  const unexplained = drift.filter((d) => !waived.has(findingKey(d)));
  if (unexplained.length === 0) {
    return [insufficient(assessor, `all ${drift.length} CA configuration change(s) since the previous scan are covered by waivers (accounted for); support needs imported change tickets.`, context)];
  }
  const ageDays = (input.facts.now.getTime() - Date.parse(previous.startedAt)) / DAY_MS;
  if (!(ageDays <= WINDOW_DAYS)) {
    return [insufficient(assessor, `${unexplained.length} CA configuration change(s), but the previous scan is ${Math.floor(ageDays)} days old: the changes cannot be placed within the last ${WINDOW_DAYS} days.`, context)];
  }
  const shown = unexplained.slice(0, SHOWN).map(describeDrift).join(', ');
  const more = unexplained.length > SHOWN ? ` and ${unexplained.length - SHOWN} more` : '';
  return new StatementBuilder(assessor)
    .cap(
      3,
      {
        text: `${unexplained.length} CA configuration change(s) since the previous scan ${Math.floor(ageDays)} days ago are not matched to a change record (no waiver): ${shown}${more}. A person reviews them.`,
        ruleIds: ['ca-config-unchanged', 'ca-config-not-removed'],
        metric: { name: 'unexplained_changes', value: unexplained.length, threshold: 0 },
      },
      unexplained.map((d) => d.id),
    )
    .build(context);
}

/** M.9.3 change process: CA-configuration drift since the previous scan, against waivers as change records. */
const assessChangeProcess: Assessor = defineAssessor({
  id: 'assess-change-process',
  title: 'Change process: CA-configuration drift against change records',
  description: 'Caps 9.3 at 3 when CA configurations changed within 90 days without a change record (a waiver on the drift finding); no statement without a previous scan.',
  pkimm: '9.3',
  automation: 'P',
  uses: ['ca-config-unchanged', 'ca-config-not-removed'],
  assess: (input) => assess(assessChangeProcess, input),
});

export default assessChangeProcess;
