import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-ca-key-usage-cert-sign.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'keyCertSign and cRLSign', data: { isCa: true, keyUsage: ['keyCertSign', 'cRLSign'] }, status: 'pass' },
    { name: 'self-signed root with keyCertSign', data: { isCa: true, isSelfSigned: true, keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] }, status: 'pass' },
    { name: 'cRLSign only', data: { isCa: true, keyUsage: ['cRLSign'] }, status: 'fail', message: 'CA certificate key usage (cRLSign) lacks keyCertSign.' },
    {
      name: 'subscriber key usage on a CA',
      data: { isCa: true, keyUsage: ['digitalSignature', 'keyEncipherment'] },
      status: 'fail',
      message: 'CA certificate key usage (digitalSignature, keyEncipherment) lacks keyCertSign.',
    },
    { name: 'no key usage', data: { isCa: true, keyUsage: [] }, status: 'fail', message: 'CA certificate has no key usage; keyCertSign is required.' },
    { name: 'end-entity certificate', data: {}, status: 'not-applicable' },
    { name: 'end-entity certificate without key usage', data: { keyUsage: [] }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('medium');
    expect(result?.message).toBe(message);
  });
});
