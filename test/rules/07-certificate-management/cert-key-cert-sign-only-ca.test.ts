import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-key-cert-sign-only-ca.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'ordinary leaf', cert: {}, status: 'pass', message: undefined },
    { name: 'leaf with keyCertSign', cert: { keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] }, status: 'fail', message: 'The certificate is not a CA but asserts keyCertSign, cRLSign.' },
    { name: 'CA with keyCertSign', cert: { isCa: true, keyUsage: ['keyCertSign'] }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ cert, status, message }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
