import { describe, expect, it } from 'vitest';
import rule from '../../../rules/06-key-management/key-algorithm-not-prohibited.js';
import { privateKeyEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'RSA-2048', data: {}, status: 'pass', message: undefined },
    { name: 'EC P-256', data: { keyAlgorithm: 'EC', keySizeBits: 256, curve: 'P-256' }, status: 'pass', message: undefined },
    { name: 'RSA-1024', data: { keySizeBits: 1024 }, status: 'fail', message: 'keys/server.key holds a RSA-1024 private key, prohibited in policy profile "default".' },
    { name: 'DSA', data: { keyAlgorithm: 'DSA', keySizeBits: 1024 }, status: 'fail', message: 'keys/server.key holds a DSA-1024 private key, prohibited in policy profile "default".' },
    { name: 'encrypted, algorithm hidden', data: { keyAlgorithm: 'unknown', keySizeBits: undefined, encrypted: true }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, privateKeyEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('says when a key passed its sunset', () => {
    expect(resultFor(rule, privateKeyEvidence(), [], { now: new Date('2031-02-01T00:00:00Z') }).message).toBe(
      'keys/server.key holds a RSA-2048 private key, past its sunset 2030-12-31 in policy profile "default".',
    );
  });
});
