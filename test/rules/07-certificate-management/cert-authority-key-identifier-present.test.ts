import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-authority-key-identifier-present.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'leaf with AKI', cert: { authorityKeyIdentifier: 'ab01' }, status: 'pass' },
    { name: 'leaf without AKI', cert: {}, status: 'fail' },
    { name: 'self-signed root without AKI', cert: { isCa: true, isSelfSigned: true }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('The certificate has no authority key identifier.');
  });
});
