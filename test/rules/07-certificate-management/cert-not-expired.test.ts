import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-not-expired.js';
import { certificateEvidence, evaluateOne, tlsEndpointEvidence } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'valid for weeks', notAfter: '2026-12-31T23:59:59Z', status: 'pass' },
    { name: 'notAfter equals now (still valid)', notAfter: '2026-11-22T00:00:00Z', status: 'pass' },
    { name: 'expired one second ago', notAfter: '2026-11-21T23:59:59Z', status: 'fail', message: 'Certificate expired on 2026-11-21T23:59:59Z (0 days ago).' },
    { name: 'expired 52 days ago', notAfter: '2026-10-01T00:00:00Z', status: 'fail', message: 'Certificate expired on 2026-10-01T00:00:00Z (52 days ago).' },
  ])('$name → $status', ({ notAfter, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence({ notAfter }));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('high');
    expect(result?.message).toBe(message);
  });

  it('is not run for other evidence kinds (no result at all)', () => {
    expect(evaluateOne(rule, tlsEndpointEvidence())).toBeUndefined();
  });

  it('reports an unparsable notAfter as an error of this one result', () => {
    const result = evaluateOne(rule, certificateEvidence({ notAfter: 'not a date' }));
    expect(result?.status).toBe('error');
    expect(result?.detail).toBe('rule cert-not-expired threw: notAfter is not a date: not a date');
  });
});
