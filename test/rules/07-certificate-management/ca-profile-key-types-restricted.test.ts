import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ca-profile-key-types-restricted.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'RSA ≥ 2048, P-256/P-384', keyTypes: undefined, status: 'pass', message: undefined },
    { name: 'any', keyTypes: [{ algorithm: 'any' }], status: 'fail', message: 'vault pki_int/: profile web-server accepts any key type.' },
    { name: 'RSA ≥ 1024', keyTypes: [{ algorithm: 'RSA', minBits: 1024 }], status: 'fail', message: 'vault pki_int/: profile web-server accepts RSA-1024 keys, prohibited by policy profile "default".' },
    { name: 'RSA sizes 1024/2048', keyTypes: [{ algorithm: 'RSA', bits: [2048, 1024] }], status: 'fail', message: 'vault pki_int/: profile web-server accepts RSA-1024 keys, prohibited by policy profile "default".' },
    { name: 'secp256k1', keyTypes: [{ algorithm: 'EC', curves: ['P-256', 'secp256k1'] }], status: 'fail', message: 'vault pki_int/: profile web-server accepts EC secp256k1 keys, prohibited by policy profile "default".' },
    { name: 'no key types', keyTypes: [], status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ keyTypes, status, message }) => {
    const result = resultFor(rule, caConfigEvidence({ profiles: [keyTypes === undefined ? caProfile() : caProfile({ keyTypes })] }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
