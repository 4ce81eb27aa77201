import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-leaf-eku-present.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'serverAuth leaf', cert: {}, status: 'pass' },
    { name: 'leaf without EKU', cert: { extendedKeyUsage: [] }, status: 'fail' },
    { name: 'CA without EKU', cert: { isCa: true, extendedKeyUsage: [] }, status: 'not-applicable' },
    { name: 'self-signed leaf without EKU', cert: { isSelfSigned: true, extendedKeyUsage: [] }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('The certificate has no extended key usage, so it is valid for any purpose.');
  });
});
