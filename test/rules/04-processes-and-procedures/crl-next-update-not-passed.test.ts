import { describe, expect, it } from 'vitest';
import rule from '../../../rules/04-processes-and-procedures/crl-next-update-not-passed.js';
import { crlEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'current', crl: {}, status: 'pass', message: undefined },
    { name: 'stale by 36 h', crl: { nextUpdate: '2026-11-20T12:00:00Z' }, status: 'fail', message: 'CRL http://crl.example.test/issuing.crl of CN=Example Issuing CA,O=Example was past its nextUpdate 2026-11-20T12:00:00Z by 36.0 hours.' },
    { name: 'no nextUpdate', crl: { nextUpdate: undefined, hasNextUpdate: false }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ crl, status, message }) => {
    const result = resultFor(rule, crlEvidence(crl));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
