import { describe, expect, it } from 'vitest';
import rule from '../../../rules/06-key-management/key-encryption-strong.js';
import { privateKeyEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'PBES2 AES-256, 600k iterations', data: { encrypted: true, encryption: 'PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC', kdfIterations: 600_000 }, status: 'pass', message: undefined },
    { name: 'legacy PEM 3DES', data: { encrypted: true, format: 'pem-legacy-encrypted' as const, encryption: 'DES-EDE3-CBC' }, status: 'fail', message: 'keys/server.key is encrypted with DES-EDE3-CBC, a weak scheme.' },
    { name: 'PKCS#12 RC2', data: { encrypted: true, encryption: 'pbeWithSHA1And40BitRC2-CBC', kdfIterations: 2048 }, status: 'fail', message: 'keys/server.key is encrypted with pbeWithSHA1And40BitRC2-CBC, a weak scheme.' },
    { name: '2048 iterations', data: { encrypted: true, encryption: 'PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC', kdfIterations: 2048 }, status: 'fail', message: 'keys/server.key derives its key with 2048 iterations; the minimum is 10000.' },
    { name: 'OpenSSH bcrypt rounds', data: { encrypted: true, format: 'openssh' as const, encryption: 'aes256-ctr bcrypt', kdfIterations: 16 }, status: 'pass', message: undefined },
    { name: 'unencrypted', data: {}, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, privateKeyEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('reads minIterations', () => {
    const key = privateKeyEvidence({ encrypted: true, encryption: 'PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC', kdfIterations: 100_000 });
    expect(resultFor(rule, key, [], { options: { minIterations: 600_000 } }).status).toBe('fail');
    expect(resultFor(rule, key, [], { options: { minIterations: 'many' } }).status).toBe('error');
  });
});
