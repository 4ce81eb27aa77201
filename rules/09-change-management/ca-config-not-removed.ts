/**
 * A CA, issuer or automation setup seen in the previous scan and gone now is a change too (a CA decommissioned, an
 * issuer deleted, a renewal lineage dropped): change management must account for it like any other.
 *
 * Requirement: change process (PKIMM 9.3, analysis §4 M.9.3: configuration drift between scans, E9), policy review (2.5).
 */
import { removedSetups } from '../../src/engine/ca-config-drift.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const MAX_NAMES = 10;

export default defineRule({
  id: 'ca-config-not-removed',
  title: 'CA configurations seen in the previous scan are still there, or their removal is accounted for',
  description:
    'Lists CA and automation setups the previous scan saw that this scan no longer finds, although it read the same sources without a problem. Not applicable without a previous scan with CA configurations.',
  severity: 'info',
  pkimm: ['9.3', '2.5'],
  references: ['NIST SP 800-53 Rev. 5 CM-3', 'NIST SP 800-53 Rev. 5 CM-8'],
  remediation: 'Match each removal with its change record (decommissioning ticket); waive the finding with that reference as the reason.',
  docs: [
    'Only setups of collectors that ran again, from sources this scan read without a collection problem, count as',
    'removed: a source that could not be read this time is a collection problem, not a removal.',
  ].join('\n'),
  messages: { removed: '{{count}} CA configuration setup(s) from the previous scan ({{previousScan}}) are gone: {{names}}.' },
  scope: 'set',
  appliesTo: ['ca-config'],
  applies: (_items, ctx) => ctx.previous !== undefined && ctx.previous.items('ca-config').length > 0,
  evaluate(items, ctx) {
    if (ctx.previous === undefined) return pass();
    const configs = items.flatMap((i) => (i.kind === 'ca-config' ? [i] : []));
    const removed = removedSetups(configs, ctx.previous);
    if (removed.length === 0) return pass();
    const names = removed.slice(0, MAX_NAMES).map((d) => d.name);
    return fail('removed', { count: removed.length, previousScan: ctx.previous.startedAt, names: removed.length > MAX_NAMES ? `${names.join(', ')} and ${removed.length - MAX_NAMES} more` : names.join(', ') });
  },
});
