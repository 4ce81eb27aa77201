import { describe, expect, it } from 'vitest';
import rule from '../../../rules/06-key-management/key-file-permissions-restrictive.js';
import { privateKeyEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { mode: '0600', status: 'pass' },
    { mode: '0400', status: 'pass' },
    { mode: '600', status: 'pass' },
    { mode: '0640', status: 'fail' },
    { mode: '0644', status: 'fail' },
    { mode: '0604', status: 'fail' },
    { mode: undefined, status: 'not-applicable' },
    { mode: 'rw-r--r--', status: 'not-applicable' },
  ])('mode $mode → $status', ({ mode, status }) => {
    const key = privateKeyEvidence(mode === undefined ? { fileMode: undefined } : { fileMode: mode });
    const result = resultFor(rule, key);
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe(`keys/server.key has mode ${mode}: group or others may access the private key.`);
  });
});
