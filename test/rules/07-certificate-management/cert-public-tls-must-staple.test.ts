import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-public-tls-must-staple.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { policyWith, resultFor } from '../helpers.js';

const policy = policyWith({ name: 'staple', tls: { requireMustStaple: true } });

describe(rule.id, () => {
  it('is not applicable under the default profile', () => {
    expect(resultFor(rule, certificateEvidence()).status).toBe('not-applicable');
  });

  it.each([
    { cert: { mustStaple: true as const }, status: 'pass' },
    { cert: {}, status: 'fail' },
  ])('with the requirement: $cert → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert), [], { policy });
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('The certificate does not request OCSP stapling (no must-staple extension).');
  });
});
