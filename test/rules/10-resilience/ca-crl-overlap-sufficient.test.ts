import { describe, expect, it } from 'vitest';
import rule from '../../../rules/10-resilience/ca-crl-overlap-sufficient.js';
import { caConfigEvidence, policyWith, resultFor } from '../helpers.js';

const H = 3600;
const crl = (intervalSeconds: number, overlapSeconds?: number) =>
  caConfigEvidence({ revocation: { crl: { enabled: true, intervalSeconds, ...(overlapSeconds === undefined ? {} : { overlapSeconds }) } } });

describe(rule.id, () => {
  it.each([
    { interval: 168 * H, overlap: 24 * H, status: 'pass' },
    { interval: 168 * H, overlap: 12 * H, status: 'fail' },
    { interval: 24 * H, overlap: undefined, status: 'not-applicable' },
  ])('interval $interval s, overlap $overlap s → $status', ({ interval, overlap, status }) => {
    expect(resultFor(rule, crl(interval, overlap)).status).toBe(status);
  });

  it('explains the shortfall', () => {
    expect(resultFor(rule, crl(168 * H, 12 * H)).message).toBe('vault pki_int/ publishes CRLs every 168 h with 12 h overlap; the policy minimum is 24 h.');
  });

  it('reads the minimum from the profile', () => {
    expect(resultFor(rule, crl(168 * H, 48 * H), [], { policy: policyWith({ name: 'p', cas: { minCrlOverlapHours: 72 } }) }).status).toBe('fail');
  });

  it('is not applicable when CRLs are off', () => {
    expect(resultFor(rule, caConfigEvidence({ revocation: { crl: { enabled: false, intervalSeconds: 1, overlapSeconds: 0 } } })).status).toBe('not-applicable');
  });
});
