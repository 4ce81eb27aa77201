import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../model/finding.js';
import { applyWaivers, globToRegExp, isWaiverActive, type Waiver } from '../../src/policy/waivers.js';
import { NOW, certificateEvidence } from '../helpers/evidence.js';

const legacy = certificateEvidence({ subject: 'CN=legacy' }, { target: 'legacy.example.test:443' });
const modern = certificateEvidence({ subject: 'CN=modern' }, { target: 'www.example.test:443' });
const fail = (ruleId: string, evidenceId?: string): RuleResult => ({ ruleId, status: 'fail', severity: 'high', message: 'x', ...(evidenceId === undefined ? {} : { evidenceId }) });
const results: RuleResult[] = [
  fail('cert-rsa-key-min-2048', legacy.id),
  fail('cert-rsa-key-min-2048', modern.id),
  fail('cert-signature-no-sha1', legacy.id),
  { ruleId: 'cert-not-expired', evidenceId: legacy.id, status: 'pass', severity: 'high' },
  fail('cert-key-not-reused'),
];
const base = { owner: 'A. Person', reason: 'legacy appliance, replaced in Q1', expires: '2027-01-31' };
const run = (waivers: Waiver[]) => applyWaivers(results, [legacy, modern], waivers, NOW);

describe('waivers', () => {
  it('waives matching failures by rule and target glob', () => {
    const outcome = run([{ ...base, rule: 'cert-*', target: 'legacy.*' }]);
    expect(outcome.waived.map((w) => w.result.ruleId)).toEqual(['cert-rsa-key-min-2048', 'cert-signature-no-sha1']);
    expect(outcome.waived.every((w) => w.result.evidenceId === legacy.id)).toBe(true);
    expect(outcome.waived[0]?.waiver).toMatchObject({ label: '#1', owner: 'A. Person', expires: '2027-01-31' });
    expect(outcome.expired).toEqual([]);
    expect(outcome.unused).toEqual([]);
  });

  it('waives by evidence id, and a rule-only waiver covers set results too', () => {
    expect(run([{ ...base, rule: 'cert-rsa-key-min-2048', evidence: modern.id }]).waived.map((w) => w.result.evidenceId)).toEqual([modern.id]);
    expect(run([{ ...base, rule: 'cert-key-not-reused' }]).waived).toHaveLength(1);
    expect(run([{ ...base, rule: 'cert-key-not-reused', target: '*' }]).waived).toHaveLength(0);
  });

  it('never waives passing results and reports waivers that matched nothing', () => {
    const outcome = run([{ ...base, id: 'W-7', rule: 'cert-not-expired' }]);
    expect(outcome.waived).toEqual([]);
    expect(outcome.unused.map((w) => w.label)).toEqual(['W-7']);
  });

  it('an expired waiver silences nothing and says how much it would have covered', () => {
    const outcome = run([{ ...base, rule: 'cert-rsa-key-min-2048', expires: '2026-11-21' }]);
    expect(outcome.waived).toEqual([]);
    expect(outcome.expired.map((e) => e.message)).toEqual([
      'waiver #1 (owner A. Person) for cert-rsa-key-min-2048 expired on 2026-11-21; 2 failed result(s) are no longer waived',
    ]);
  });

  it.each([
    ['2026-11-22', true],
    ['2026-11-21', false],
  ])('a waiver expiring %s is active on 2026-11-22: %s', (expires, active) => {
    expect(isWaiverActive({ expires }, NOW)).toBe(active);
  });

  it.each([
    ['cert-*', 'cert-rsa-key-min-2048', true],
    ['cert-*', 'tls-chain-trusted', false],
    ['*.example.test:44?', 'www.example.test:443', true],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
  ])('glob %s matches %s: %s', (glob, value, expected) => {
    expect(globToRegExp(glob).test(value)).toBe(expected);
  });
});
