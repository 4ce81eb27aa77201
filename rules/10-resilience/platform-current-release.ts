/**
 * Platforms of the PKI stay close to the current release: a platform many release cycles behind is hard to upgrade in a
 * hurry (for a vulnerability or a new algorithm such as ML-DSA) and is usually close to its end of life.
 *
 * Requirement: PKIMM 10.4 future-proofing (analysis §4.5 O.10.4: "a platform > 2 major releases behind → 3"). The
 * number of newer cycles comes from the end-of-life table the platform collector was given; for a long-term-support
 * release only newer long-term-support releases count.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** Options of the check. */
interface Options {
  readonly maxCyclesBehind: number;
}

const DEFAULTS: Options = { maxCyclesBehind: 2 };

export default defineRule({
  id: 'platform-current-release',
  title: 'Platforms are at most a few release cycles behind the newest',
  description: 'Flags platforms whose release cycle has more than `maxCyclesBehind` (default 2) newer cycles in the configured end-of-life table. Platforms without a matching table entry are not applicable.',
  severity: 'medium',
  pkimm: ['10.4'],
  references: ['NIST SP 800-40 Rev 4 §3 (patch and upgrade planning)', 'https://endoflife.date'],
  remediation: 'Plan and test an upgrade to a current release cycle (the newest long-term-support one where the product has them).',
  options: { maxCyclesBehind: { default: DEFAULTS.maxCyclesBehind, description: 'Largest number of newer release cycles tolerated.' } },
  docs:
    'Cycles are ordered by release date (or by the table order when dates are missing). When the matched cycle is a long-term-support (LTS) release, only newer LTS cycles count, so Windows Server 2019 is two behind (2022, 2025), not behind every semi-annual release.',
  messages: { behind: '{{platform}} {{version}} (cycle {{cycle}}) is {{behind}} release cycles behind {{latest}}; at most {{max}} are tolerated.' },
  scope: 'item',
  appliesTo: 'platform',
  applies: (item) => item.data.lifecycle.status === 'matched' && item.data.lifecycle.cyclesBehind !== undefined,
  evaluate(item, ctx) {
    const { maxCyclesBehind } = ctx.options('platform-current-release', DEFAULTS);
    const { lifecycle: l, product, version, name } = item.data;
    const behind = l.cyclesBehind ?? 0;
    if (behind <= maxCyclesBehind) return pass();
    return fail('behind', { platform: name === undefined ? product : `${name} (${product})`, version, cycle: l.cycle ?? '', behind, latest: l.latestCycle ?? 'the newest cycle', max: maxCyclesBehind });
  },
});
