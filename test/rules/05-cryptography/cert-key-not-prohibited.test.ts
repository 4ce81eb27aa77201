import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-key-not-prohibited.js';
import { BUILTIN_PROFILES } from '../../../src/policy/builtin-profiles.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'RSA-2048 in 2026', cert: {}, status: 'pass' },
    { name: 'EC P-256', cert: { keyAlgorithm: 'EC' as const, keySizeBits: 256, curve: 'P-256' }, status: 'pass' },
    { name: 'RSA-1024', cert: { keySizeBits: 1024 }, status: 'fail', message: 'RSA-1024 keys are prohibited by policy profile "default".' },
    { name: 'DSA', cert: { keyAlgorithm: 'DSA' as const }, status: 'fail', message: 'DSA-2048 keys are prohibited by policy profile "default".' },
    { name: 'secp256k1', cert: { keyAlgorithm: 'EC' as const, curve: 'secp256k1' }, status: 'fail', message: 'EC secp256k1 keys are prohibited by policy profile "default".' },
  ])('$name → $status', ({ cert, status, message }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('RSA-2048 fails after its 2030 sunset', () => {
    const result = resultFor(rule, certificateEvidence(), [], { now: new Date('2031-01-01T00:00:00Z') });
    expect(result.message).toBe('RSA-2048 keys passed their sunset date 2030-12-31 in policy profile "default".');
  });

  it('follows the profile: P-521 is prohibited under cabf-tls', () => {
    const cert = certificateEvidence({ keyAlgorithm: 'EC', keySizeBits: 521, curve: 'P-521' });
    expect(resultFor(rule, cert).status).toBe('pass');
    expect(resultFor(rule, cert, [], { policy: BUILTIN_PROFILES['cabf-tls'] }).status).toBe('fail');
  });
});
