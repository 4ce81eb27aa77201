import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-domain-in-scope.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { policyWith, resultFor } from '../helpers.js';

const policy = policyWith({ name: 'scoped', scope: { domains: ['example.test'] } });

describe(rule.id, () => {
  it.each([
    { sans: ['DNS:www.example.test', 'DNS:*.api.example.test'], status: 'pass', message: undefined },
    { sans: ['DNS:www.example.test', 'DNS:shop.other.test'], status: 'fail', message: '1 DNS name(s) are outside the declared domains: shop.other.test.' },
    { sans: ['IP:192.0.2.1'], status: 'not-applicable', message: undefined },
  ])('$sans → $status', ({ sans, status, message }) => {
    const result = resultFor(rule, certificateEvidence({ subjectAltNames: sans }), [], { policy });
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable without declared domains', () => {
    expect(resultFor(rule, certificateEvidence({ subjectAltNames: ['DNS:shop.other.test'] })).status).toBe('not-applicable');
  });
});
