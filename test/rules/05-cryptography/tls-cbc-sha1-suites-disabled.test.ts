import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/tls-cbc-sha1-suites-disabled.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'TLS 1.3 suite', data: {}, status: 'pass' },
    { name: 'ECDHE-RSA-AES128-SHA', data: { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA' }, status: 'fail' },
    { name: 'IANA CBC_SHA name', data: { protocol: 'TLSv1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA' }, status: 'fail' },
    { name: 'CBC with SHA-256', data: { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA256' }, status: 'pass' },
    { name: 'probe accepted', data: { weakSuites: { 'CBC-SHA1': { outcome: 'accepted' as const } } }, status: 'fail' },
    { name: 'nothing known', data: { cipher: undefined }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status }) => {
    const result = resultFor(rule, tlsEndpointEvidence(data));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toMatch(/^www\.example\.test:443 (negotiated .*, a CBC suite with SHA-1|accepts CBC suites with SHA-1)\.$/);
  });
});
