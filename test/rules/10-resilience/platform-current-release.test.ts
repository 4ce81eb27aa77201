import { describe, expect, it } from 'vitest';
import rule from '../../../rules/10-resilience/platform-current-release.js';
import { resultFor } from '../helpers.js';
import { platformEvidence } from './platform-helpers.js';

describe(rule.id, () => {
  it.each([
    { behind: 0, status: 'pass' },
    { behind: 2, status: 'pass' },
    { behind: 3, status: 'fail' },
  ])('$behind cycles behind → $status', ({ behind, status }) => {
    expect(resultFor(rule, platformEvidence({ lifecycle: { cyclesBehind: behind, latestCycle: '9.4' } })).status).toBe(status);
  });

  it('reads maxCyclesBehind from the rule options', () => {
    const item = platformEvidence({ lifecycle: { cyclesBehind: 2 } });
    expect(resultFor(rule, item, [], { options: { maxCyclesBehind: 1 } }).status).toBe('fail');
    expect(resultFor(rule, platformEvidence({ lifecycle: { cyclesBehind: 4 } }), [], { options: { maxCyclesBehind: 5 } }).status).toBe('pass');
  });

  it('is not applicable without a matched cycle', () => {
    const item = platformEvidence();
    const { cyclesBehind: _drop, ...without } = item.data.lifecycle;
    expect(resultFor(rule, { ...item, data: { ...item.data, lifecycle: { ...without, status: 'no-cycle' } } }).status).toBe('not-applicable');
  });

  it('says how far behind the platform is', () => {
    const item = platformEvidence({ product: 'windows-server', version: '2016', role: 'os', lifecycle: { cycle: '2016', cyclesBehind: 3, latestCycle: '2025' } });
    expect(resultFor(rule, item).message).toBe('windows-server 2016 (cycle 2016) is 3 release cycles behind 2025; at most 2 are tolerated.');
  });
});
