import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-signature-hash-policy-approved.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { hash: 'SHA-256', status: 'pass', message: undefined },
    { hash: 'SHA-1', status: 'fail', message: 'Signed with SHA-1, which policy profile "default" prohibits.' },
    { hash: 'SHA-224', status: 'fail', message: 'Signed with SHA-224, which policy profile "default" deprecates (sunset 2030-12-31).' },
    { hash: 'GOST R 34.11-2012-256', status: 'fail', message: 'Signed with GOST R 34.11-2012-256, which policy profile "default" does not list.' },
  ])('$hash → $status', ({ hash, status, message }) => {
    const result = resultFor(rule, certificateEvidence({ signatureHash: hash }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('SHA-224 passes its sunset into prohibited', () => {
    expect(resultFor(rule, certificateEvidence({ signatureHash: 'SHA-224' }), [], { now: new Date('2031-06-01T00:00:00Z') }).message).toBe(
      'Signed with SHA-224, past its sunset date 2030-12-31 in policy profile "default".',
    );
  });

  it.each([
    { name: 'self-signed root', cert: { signatureHash: 'SHA-1', isSelfSigned: true, isCa: true } },
    { name: 'Ed25519 (no separate hash)', cert: { signatureHash: undefined, signatureAlgorithm: 'Ed25519' } },
  ])('$name → not-applicable', ({ cert }) => {
    expect(resultFor(rule, certificateEvidence(cert)).status).toBe('not-applicable');
  });
});
