import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-ca-subject-key-identifier-present.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'CA with SKI', cert: { isCa: true, subjectKeyIdentifier: 'ab01' }, status: 'pass' },
    { name: 'CA without SKI', cert: { isCa: true, subject: 'CN=Old CA' }, status: 'fail' },
    { name: 'leaf without SKI', cert: {}, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('CA certificate CN=Old CA has no subject key identifier.');
  });
});
