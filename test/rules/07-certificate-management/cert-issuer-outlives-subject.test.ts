import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-issuer-outlives-subject.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const ca = (notAfter: string, ski = 'ca01') =>
  certificateEvidence({ subject: 'CN=Example Issuing CA,O=Example', issuer: 'CN=Root', isCa: true, notAfter, subjectKeyIdentifier: ski, serialNumberHex: notAfter });
const leaf = certificateEvidence({ notAfter: '2027-06-01T00:00:00Z', authorityKeyIdentifier: 'ca01' });

describe(rule.id, () => {
  it('passes when the issuer outlives the certificate', () => {
    expect(resultFor(rule, leaf, [ca('2030-01-01T00:00:00Z')]).status).toBe('pass');
  });

  it('flags an issuer expiring first', () => {
    expect(resultFor(rule, leaf, [ca('2027-01-01T00:00:00Z')]).message).toBe(
      'Issuer CN=Example Issuing CA,O=Example expires 2027-01-01T00:00:00Z, before this certificate (2027-06-01T00:00:00Z).',
    );
  });

  it('counts a renewed issuer certificate with the same key as a successor', () => {
    expect(resultFor(rule, leaf, [ca('2027-01-01T00:00:00Z'), ca('2032-01-01T00:00:00Z')]).status).toBe('pass');
  });

  it('is not applicable when the issuer was not observed or has another key', () => {
    expect(resultFor(rule, leaf).status).toBe('not-applicable');
    expect(resultFor(rule, leaf, [ca('2027-01-01T00:00:00Z', 'other')]).status).toBe('not-applicable');
  });
});
