import { describe, expect, it } from 'vitest';
import rule from '../../../rules/16-awareness/crl-signature-valid.js';
import { crlEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { signature: 'valid' as const, status: 'pass' },
    { signature: 'invalid' as const, status: 'fail' },
    { signature: 'issuer-unknown' as const, status: 'not-applicable' },
  ])('$signature → $status', ({ signature, status }) => {
    const result = resultFor(rule, crlEvidence({ signature }));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('CRL http://crl.example.test/issuing.crl of CN=Example Issuing CA,O=Example does not verify with the issuer certificate.');
  });
});
