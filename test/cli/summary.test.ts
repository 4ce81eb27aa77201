import { describe, expect, it } from 'vitest';
import { colorEnabled, terminalSummary } from '../../src/cli/summary.js';
import { fixtureReport } from '../report/render-fixture.js';

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are what this test looks for
const ANSI = /\u001b\[[0-9;]*m/g;

describe('terminal summary', () => {
  const report = fixtureReport();

  it('is plain text by default', () => {
    const text = terminalSummary(report);
    expect(text).not.toMatch(ANSI);
    expect(text.split('\n')).toEqual([
      'PKI maturity (PKIMM 1.1.0, methodology mode): level 2 Basic (raw 2.945054945054945)',
      '  completeness: 4/78 requirements with a level, 0 not applicable',
      '  modules: G 4 (4.00), M 2 (2.29), O Not evaluated, R Not evaluated',
      '  requirements: 0 automated, 0 merged, 4 manual, 74 unanswered, 0 N/A; 0 conflicts',
      '  evidence: 4 certificates, 1 TLS endpoints, 1 collection problems',
      '  failed checks: 0 critical, 1 high, 1 medium, 1 low, 1 info (1 waived)',
      '',
    ]);
  });

  it('colours the level and the counts that need attention, and says the same words', () => {
    const plain = terminalSummary(report);
    const coloured = terminalSummary(report, { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(plain);
    // Level 2 is yellow, level 4 green, unscored dim, high findings red, a collection problem yellow, zero counts uncoloured.
    expect(coloured).toContain('\u001b[33mlevel 2 Basic\u001b[39m');
    expect(coloured).toContain('modules: G \u001b[32m4 (4.00)\u001b[39m, M \u001b[33m2 (2.29)\u001b[39m, O \u001b[2mNot evaluated\u001b[22m');
    expect(coloured).toContain('\u001b[31m1 high\u001b[39m');
    expect(coloured).toContain('\u001b[33m1 collection problems\u001b[39m');
    expect(coloured).toContain('failed checks: 0 critical, ');
  });

  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ TERM: 'dumb' }, true, false],
  ])('colour with env %j on a TTY=%s: %s', (env, isTTY, expected) => {
    expect(colorEnabled(env, isTTY)).toBe(expected);
  });
});
