import { describe, expect, it } from 'vitest';
import rule from '../../../rules/12-interoperability/ca-enrollment-standard-protocol.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'ACME', enrollment: ['acme' as const], profiles: [], status: 'pass' },
    { name: 'API', enrollment: ['api' as const], profiles: [], status: 'pass' },
    { name: 'manual and proprietary only', enrollment: ['proprietary' as const, 'manual' as const], profiles: [], status: 'fail' },
    { name: 'manual setup, EST profile', enrollment: ['manual' as const], profiles: [caProfile({ enrollment: ['est'] })], status: 'pass' },
    { name: 'nothing stated', enrollment: [], profiles: [caProfile({ enrollment: undefined })], status: 'not-applicable' },
  ])('$name → $status', ({ enrollment, profiles, status }) => {
    const result = resultFor(rule, caConfigEvidence({ enrollment, profiles }));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('vault pki_int/ offers only manual, proprietary enrollment.');
  });
});
