import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-key-on-approved-list.js';
import { BUILTIN_PROFILES } from '../../../src/policy/builtin-profiles.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const gost = certificateEvidence({ keyAlgorithm: 'other', keyAlgorithmOid: '1.2.643.7.1.1.1.1', keyAlgorithmName: 'GOST R 34.10-2012 (256 bit)', keySizeBits: undefined });

describe(rule.id, () => {
  it.each([
    { name: 'RSA-2048', cert: certificateEvidence(), status: 'pass' },
    { name: 'RSA-1024 (prohibited, not unlisted)', cert: certificateEvidence({ keySizeBits: 1024 }), status: 'pass' },
    { name: 'ML-DSA-65', cert: certificateEvidence({ keyAlgorithm: 'ML-DSA', keyAlgorithmName: 'ML-DSA-65', keySizeBits: undefined }), status: 'pass' },
    { name: 'GOST', cert: gost, status: 'fail' },
  ])('$name → $status', ({ cert, status }) => {
    expect(resultFor(rule, cert).status).toBe(status);
  });

  it('names the key and the profile', () => {
    expect(resultFor(rule, gost).message).toBe('GOST R 34.10-2012 (256 bit) keys are not in policy profile "default".');
  });

  it('never fails under a profile that prohibits everything unlisted', () => {
    expect(resultFor(rule, gost, [], { policy: BUILTIN_PROFILES['cabf-tls'] }).status).toBe('pass');
  });
});
