import { describe, expect, it } from 'vitest';
import type { AnyEvidence } from '../../../model/evidence.js';
import rule from '../../../rules/06-key-management/cert-key-not-reused.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import { certificateEvidence, NOW, tlsEndpointEvidence } from '../../helpers/evidence.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
const KEY_C = 'c'.repeat(64);

const cert = (subject: string, spkiSha256: string, serialNumberHex = '01') => certificateEvidence({ subject, spkiSha256, serialNumberHex });

/** Runs the set rule over the evidence; returns its single result. */
const run = (evidence: readonly AnyEvidence[]) => {
  const results = evaluate(evidence, { rules: [rule], now: NOW });
  expect(results).toHaveLength(1);
  return results[0];
};

describe(rule.id, () => {
  it.each([
    { name: 'distinct keys', evidence: [cert('CN=a', KEY_A), cert('CN=b', KEY_B)], status: 'pass' },
    { name: 'same subject renewed without re-keying', evidence: [cert('CN=a', KEY_A, '01'), cert('CN=a', KEY_A, '02')], status: 'pass' },
    { name: 'the same certificate seen twice', evidence: [cert('CN=a', KEY_A), cert('CN=a', KEY_A), cert('CN=b', KEY_B)], status: 'pass' },
    {
      name: 'two subjects share one key',
      evidence: [cert('CN=a', KEY_A), cert('CN=b', KEY_A)],
      status: 'fail',
      message: '1 public key(s) are shared by 2 certificates with different subjects.',
    },
    {
      name: 'two shared keys, one with a renewal',
      evidence: [cert('CN=a', KEY_A, '01'), cert('CN=a', KEY_A, '02'), cert('CN=b', KEY_A), cert('CN=c', KEY_B), cert('CN=d', KEY_B), cert('CN=e', KEY_C)],
      status: 'fail',
      message: '2 public key(s) are shared by 5 certificates with different subjects.',
    },
    { name: 'no evidence', evidence: [], status: 'not-applicable' },
    { name: 'one certificate', evidence: [cert('CN=a', KEY_A)], status: 'not-applicable' },
    { name: 'one certificate and an endpoint', evidence: [cert('CN=a', KEY_A), tlsEndpointEvidence()], status: 'not-applicable' },
  ])('$name → $status', ({ evidence, status, message }) => {
    const result = run(evidence);
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('medium');
    expect(result?.evidenceId).toBeUndefined();
    expect(result?.message).toBe(message);
  });
});
