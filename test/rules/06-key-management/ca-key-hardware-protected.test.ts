import { describe, expect, it } from 'vitest';
import rule from '../../../rules/06-key-management/ca-key-hardware-protected.js';
import { caConfigEvidence, policyWith, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'PKCS#11', data: {}, status: 'pass', message: undefined },
    { name: 'cloud KMS', data: { keyStorage: { kind: 'cloud-kms' as const } }, status: 'pass', message: undefined },
    { name: 'software with detail', data: { keyStorage: { kind: 'software' as const, detail: 'file ca.key' } }, status: 'fail', message: 'vault pki_int/ (vault) keeps its CA signing key in software (file ca.key).' },
    { name: 'unknown storage', data: { keyStorage: { kind: 'unknown' as const } }, status: 'not-applicable', message: undefined },
    { name: 'client setup', data: { role: 'client' as const, keyStorage: { kind: 'software' as const } }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, caConfigEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable when the profile does not require hardware keys', () => {
    const policy = policyWith({ name: 'soft', cas: { requireHardwareKeys: false } });
    expect(resultFor(rule, caConfigEvidence({ keyStorage: { kind: 'software' } }), [], { policy }).status).toBe('not-applicable');
  });
});
