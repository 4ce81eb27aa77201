import { describe, expect, it } from 'vitest';
import rule from '../../../rules/13-monitoring-and-auditing/ca-audit-logging-enabled.js';
import { caConfigEvidence, policyWith, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'enabled', data: {}, status: 'pass', message: undefined },
    { name: 'disabled', data: { product: 'adcs' as const, name: 'CORP-CA', audit: { enabled: false, detail: 'AuditFilter 0' } }, status: 'fail', message: 'CORP-CA (adcs) has audit logging disabled (AuditFilter 0).' },
    { name: 'unknown', data: { audit: undefined }, status: 'not-applicable', message: undefined },
    { name: 'client', data: { role: 'client' as const, audit: { enabled: false } }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, caConfigEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('follows the profile', () => {
    expect(resultFor(rule, caConfigEvidence({ audit: { enabled: false } }), [], { policy: policyWith({ name: 'x', cas: { requireAuditLogging: false } }) }).status).toBe('not-applicable');
  });
});
