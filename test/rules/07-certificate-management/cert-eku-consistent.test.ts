import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-eku-consistent.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { ekus: ['serverAuth', 'clientAuth'], status: 'pass', message: undefined },
    { ekus: ['emailProtection', 'clientAuth'], status: 'pass', message: undefined },
    { ekus: ['serverAuth', 'anyExtendedKeyUsage'], status: 'fail', message: 'The certificate asserts anyExtendedKeyUsage.' },
    { ekus: ['2.5.29.37.0'], status: 'fail', message: 'The certificate asserts anyExtendedKeyUsage.' },
    { ekus: ['serverAuth', 'codeSigning', '1.3.6.1.5.5.7.3.4'], status: 'fail', message: 'The certificate combines serverAuth with codeSigning, emailProtection.' },
    { ekus: [], status: 'not-applicable', message: undefined },
  ])('$ekus → $status', ({ ekus, status, message }) => {
    const result = resultFor(rule, certificateEvidence({ extendedKeyUsage: ekus }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable to CA certificates', () => {
    expect(resultFor(rule, certificateEvidence({ isCa: true, extendedKeyUsage: ['anyExtendedKeyUsage'] })).status).toBe('not-applicable');
  });
});
