import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-expiry-within-window.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: '39.99 days left', notAfter: '2026-12-31T23:59:59Z', status: 'pass' },
    { name: '30 days and 1 second left', notAfter: '2026-12-22T00:00:01Z', status: 'pass' },
    {
      name: 'exactly 30 days left',
      notAfter: '2026-12-22T00:00:00Z',
      status: 'fail',
      message: 'Certificate expires in 30 days (on 2026-12-22T00:00:00Z); the renewal window is 30 days.',
    },
    {
      name: '3.5 days left',
      notAfter: '2026-11-25T12:00:00Z',
      status: 'fail',
      message: 'Certificate expires in 3 days (on 2026-11-25T12:00:00Z); the renewal window is 30 days.',
    },
    {
      name: 'notAfter equals now (last valid second)',
      notAfter: '2026-11-22T00:00:00Z',
      status: 'fail',
      message: 'Certificate expires in 0 days (on 2026-11-22T00:00:00Z); the renewal window is 30 days.',
    },
    { name: 'already expired', notAfter: '2026-11-21T23:59:59Z', status: 'not-applicable' },
  ])('$name → $status', ({ notAfter, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence({ notAfter }));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('medium');
    expect(result?.message).toBe(message);
  });

  it.each([
    { warnDays: 60, notAfter: '2026-12-31T23:59:59Z', status: 'fail', message: 'Certificate expires in 39 days (on 2026-12-31T23:59:59Z); the renewal window is 60 days.' },
    { warnDays: 7, notAfter: '2026-12-22T00:00:00Z', status: 'pass', message: undefined },
    { warnDays: 0, notAfter: '2026-11-22T00:00:00Z', status: 'fail', message: 'Certificate expires in 0 days (on 2026-11-22T00:00:00Z); the renewal window is 0 days.' },
  ])('warnDays $warnDays, notAfter $notAfter → $status', ({ warnDays, notAfter, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence({ notAfter }), { ruleOptions: { warnDays } });
    expect(result?.status).toBe(status);
    expect(result?.message).toBe(message);
  });

  it('turns an invalid warnDays option into an error result', () => {
    const result = evaluateOne(rule, certificateEvidence(), { ruleOptions: { warnDays: 'soon' } });
    expect(result?.status).toBe('error');
    expect(result?.detail).toBe('rule cert-expiry-within-window threw: option warnDays must be a non-negative number, got "soon"');
  });
});
