import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-validity-not-before-in-future.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'valid since January', data: {}, status: 'pass' },
    { name: 'notBefore exactly now', data: { notBefore: '2026-11-22T00:00:00Z' }, status: 'pass' },
    { name: 'expired long ago', data: { notBefore: '2020-01-01T00:00:00Z', notAfter: '2021-01-01T00:00:00Z' }, status: 'pass' },
    {
      name: 'notBefore one second ahead',
      data: { notBefore: '2026-11-22T00:00:01Z' },
      status: 'fail',
      message: 'Certificate is not valid until 2026-11-22T00:00:01Z, 1 seconds after the scan time 2026-11-22T00:00:00.000Z.',
    },
    {
      name: 'notBefore one day ahead',
      data: { notBefore: '2026-11-23T00:00:00Z', notAfter: '2027-11-22T23:59:59Z' },
      status: 'fail',
      message: 'Certificate is not valid until 2026-11-23T00:00:00Z, 86400 seconds after the scan time 2026-11-22T00:00:00.000Z.',
    },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('low');
    expect(result?.message).toBe(message);
  });

  it('follows the scan clock, not the wall clock', () => {
    const result = evaluateOne(rule, certificateEvidence(), { now: new Date('2025-12-31T23:59:59Z') });
    expect(result?.status).toBe('fail');
    expect(result?.message).toBe('Certificate is not valid until 2026-01-01T00:00:00Z, 1 seconds after the scan time 2025-12-31T23:59:59.000Z.');
  });

  it('is never not-applicable: every certificate is in scope', () => {
    expect('applies' in rule).toBe(false);
  });

  it('reports an unparseable notBefore as an error', () => {
    const result = evaluateOne(rule, certificateEvidence({ notBefore: 'yesterday' }));
    expect(result?.status).toBe('error');
    expect(result?.detail).toBe('rule cert-validity-not-before-in-future threw: notBefore is not a date: yesterday');
  });
});
