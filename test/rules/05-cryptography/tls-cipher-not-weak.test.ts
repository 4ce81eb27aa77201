import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/tls-cipher-not-weak.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'AES-GCM', data: {}, status: 'pass', message: undefined },
    { name: 'negotiated 3DES', data: { protocol: 'TLSv1.2', cipher: 'DES-CBC3-SHA' }, status: 'fail', message: 'www.example.test:443 negotiated DES-CBC3-SHA (DES is prohibited by policy profile "default").' },
    {
      name: 'probe accepts RC4 and 3DES',
      data: { weakSuites: { RC4: { outcome: 'accepted' as const }, '3DES': { outcome: 'accepted' as const }, NULL: { outcome: 'rejected' as const } } },
      status: 'fail',
      message: 'www.example.test:443 accepts RC4, 3DES cipher suites.',
    },
    { name: 'probe accepts only CBC-SHA1 (another check)', data: { weakSuites: { 'CBC-SHA1': { outcome: 'accepted' as const } } }, status: 'pass', message: undefined },
    { name: 'nothing known', data: { cipher: undefined }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, tlsEndpointEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
