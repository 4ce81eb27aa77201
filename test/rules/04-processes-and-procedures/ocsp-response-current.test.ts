import { describe, expect, it } from 'vitest';
import rule from '../../../rules/04-processes-and-procedures/ocsp-response-current.js';
import { ocspEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'current', data: {}, status: 'pass' },
    { name: 'stale', data: { current: false, nextUpdate: '2026-11-20T00:00:00Z' }, status: 'fail' },
    { name: 'unknown currency', data: { current: undefined }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status }) => {
    const result = resultFor(rule, ocspEvidence(data));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('OCSP response (http://ocsp.example.test) for certificate 0A1B2C3D was not current (thisUpdate 2026-11-21T00:00:00Z, nextUpdate 2026-11-20T00:00:00Z).');
  });
});
