import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/ca-key-strength-approved.js';
import { caConfigEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'EC 384', ca: { keyAlgorithm: 'EC', keySizeBits: 384 }, status: 'pass', message: undefined },
    { name: 'RSA 4096', ca: { keyAlgorithm: 'RSA', keySizeBits: 4096 }, status: 'pass', message: undefined },
    { name: 'RSA 1024', ca: { keyAlgorithm: 'RSA', keySizeBits: 1024 }, status: 'fail', message: 'CA vault pki_int/ signs with a RSA-1024 key, prohibited by policy profile "default".' },
    { name: 'unknown key', ca: { subject: 'CN=x' }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ ca, status, message }) => {
    const result = resultFor(rule, caConfigEvidence({ ca }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('says when the CA key passed its sunset', () => {
    expect(resultFor(rule, caConfigEvidence({ ca: { keyAlgorithm: 'RSA', keySizeBits: 2048 } }), [], { now: new Date('2031-03-01T00:00:00Z') }).message).toBe(
      'CA vault pki_int/ signs with a RSA-2048 key, past its sunset by policy profile "default".',
    );
  });
});
