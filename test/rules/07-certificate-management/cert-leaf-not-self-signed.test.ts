import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-leaf-not-self-signed.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'CA-issued leaf', cert: {}, status: 'pass' },
    { name: 'self-signed leaf', cert: { isSelfSigned: true, issuer: 'CN=www.example.test' }, status: 'fail' },
    { name: 'self-signed root', cert: { isSelfSigned: true, isCa: true }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('Self-signed end-entity certificate CN=www.example.test.');
  });
});
