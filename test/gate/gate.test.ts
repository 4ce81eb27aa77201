import { describe, expect, it } from 'vitest';
import { evaluateGate, type GateConditions } from '../../src/gate/gate.js';
import type { ScanReport } from '../../src/report/report.js';
import { fixtureReport } from '../report/render-fixture.js';

const report = fixtureReport();
const NOW = new Date('2026-11-22T00:00:00Z');

/** The fixture report as an earlier scan: same findings unless changed. */
function baseline(change: (r: ScanReport) => Partial<ScanReport> = () => ({})): NonNullable<GateConditions['baseline']> {
  return { report: { ...report, ...change(report) }, source: 'old.json' };
}

function withCategory(r: ScanReport, id: string, level: number, status: 'scored' | 'not-evaluated' = 'scored'): ScanReport['assessment'] {
  const c = r.assessment.categories[id]!;
  return { ...r.assessment, categories: { ...r.assessment.categories, [id]: { ...c, level, raw: level === 0 ? null : level + 0.5, status, label: status === 'scored' ? c.label : 'Not evaluated' } } };
}

describe('evaluateGate', () => {
  it('keeps the existing conditions and their messages', () => {
    const result = evaluateGate(report, { minOverall: 3, minCategory: { '7': 2 }, maxFindings: { high: 0 }, noConflicts: true });
    expect(result.failures).toEqual(['overall maturity 2.9451 (Basic) is below the minimum 3', '1 failed checks of severity high or higher, more than the 0 allowed']);
    expect(result.checked).toBe(4);
    expect(result.conditions.map((c) => [c.id, c.name, c.passed])).toEqual([
      ['min-overall', 'overall maturity at least 3', false],
      ['min-category', 'category 7 Certificate management maturity at least 2', true],
      ['max-findings', 'at most 0 failed checks of severity high or higher', false],
      ['no-conflicts', 'no conflicts between answers and evidence', true],
    ]);
  });

  it.each([
    [{ '7.3': 3 }, []],
    [{ '7.4': 3 }, ['requirement 7.4 Cert inventory level 2 is below the minimum 3']],
    [{ '1.1': 1 }, ['requirement 1.1 Sponsor & support has no level (unanswered), below the minimum 1']],
    [{ '7.3': 4, '5.2': 4 }, ['requirement 7.3 Cert lifecycle level 3 is below the minimum 4']],
  ])('checks requirement levels %j', (minRequirement, failures) => {
    const result = evaluateGate(report, { minRequirement });
    expect(result.failures).toEqual(failures);
    expect(result.passed).toBe(failures.length === 0);
  });

  it('passes a requirement that is not applicable and rejects an unknown one', () => {
    const r7 = report.assessment.requirements['7.4']!;
    const na: ScanReport = { ...report, assessment: { ...report.assessment, requirements: { ...report.assessment.requirements, '7.4': { ...r7, source: 'not-applicable', notApplicable: 'no certificates' } } } };
    expect(evaluateGate(na, { minRequirement: { '7.4': 5 } }).passed).toBe(true);
    expect(() => evaluateGate(report, { minRequirement: { '99.9': 2 } })).toThrow('--min-requirement 99.9=2: no requirement 99.9 in model 1.1.0');
  });

  it('never counts findings the report waived', () => {
    expect(report.waived?.map((w) => w.severity)).toEqual(['critical']);
    expect(evaluateGate(report, { maxFindings: { critical: 0 } }).passed).toBe(true);
  });

  it('applies a waivers file at gate time, and notes expired waivers without honouring them', () => {
    const waiver = { rule: 'fixture-cert-not-*', owner: 'Ops', reason: 'renewal in progress', expires: '2026-12-01' };
    const active = evaluateGate(report, { maxFindings: { high: 0 }, waivers: { list: [waiver], now: NOW } });
    expect(active.passed).toBe(true);
    expect(active.waived.map((w) => [w.ruleId, w.waiver.owner])).toEqual([['fixture-cert-not-expired', 'Ops']]);
    const expired = evaluateGate(report, { maxFindings: { high: 0 }, waivers: { list: [{ ...waiver, expires: '2026-11-01' }], now: NOW } });
    expect(expired.passed).toBe(false);
    expect(expired.notes).toEqual(['waiver #1 (owner Ops) for fixture-cert-not-* expired on 2026-11-01; 1 failed result(s) are no longer waived']);
  });

  describe('against a baseline', () => {
    it('fails on a category whose level dropped or that is no longer evaluated, and ignores rises', () => {
      const old = baseline((r) => ({ assessment: withCategory({ ...r, assessment: withCategory(r, '7', 3) }, '13', 2) }));
      const result = evaluateGate({ ...report, assessment: withCategory(report, '5', 5) }, { baseline: old, noRegression: true });
      expect(result.failures).toEqual([
        'category 7 Certificate management dropped from level 3 to 2 since the baseline old.json',
        'category 13 Monitoring and auditing was level 2 in the baseline old.json and is now not evaluated',
      ]);
      expect(result.conditions).toHaveLength(1);
      expect(evaluateGate(report, { baseline: baseline(), noRegression: true }).passed).toBe(true);
    });

    it('fails on findings at or above the severity that the baseline did not have, matched by rule and evidence', () => {
      const expired = report.findings.find((f) => f.ruleId === 'fixture-cert-not-expired')!;
      const old = baseline((r) => ({ findings: r.findings.filter((f) => f !== expired) }));
      const high = evaluateGate(report, { baseline: old, noNewFindings: 'high' });
      expect(high.failures).toEqual(['1 new failed check of severity high or higher since the baseline old.json']);
      expect(high.conditions[0]!.findings).toEqual([expired]);
      // The same check on another certificate is a new finding too.
      const moved = baseline((r) => ({ findings: r.findings.map((f) => (f === expired ? { ...f, evidenceId: 'certificate:sha256:other' } : f)) }));
      expect(evaluateGate(report, { baseline: moved, noNewFindings: 'high' }).passed).toBe(false);
      expect(evaluateGate(report, { baseline: old, noNewFindings: 'critical' }).passed).toBe(true);
      expect(evaluateGate(report, { baseline: baseline(), noNewFindings: 'info' }).passed).toBe(true);
    });

    it('does not call a finding new when the baseline had it waived', () => {
      const unwaived = fixtureReport({ waive: false });
      expect(evaluateGate(unwaived, { baseline: baseline(), noNewFindings: 'critical' }).passed).toBe(true);
    });
  });
});
