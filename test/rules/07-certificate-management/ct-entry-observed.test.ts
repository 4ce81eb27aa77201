import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ct-entry-observed.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { ctEntryEvidence, resultFor } from '../helpers.js';

const deployed = certificateEvidence();

describe(rule.id, () => {
  it('passes when discovery found the certificate (by issuer and serial, or fingerprint)', () => {
    expect(resultFor(rule, ctEntryEvidence(), [deployed]).status).toBe('pass');
    expect(resultFor(rule, ctEntryEvidence({ serialNumberHex: 'FF', sha256: deployed.data.sha256.toUpperCase() }), [deployed]).status).toBe('pass');
  });

  it('flags a CT-logged certificate nobody found', () => {
    expect(resultFor(rule, ctEntryEvidence({ serialNumberHex: '0B' }), [deployed]).message).toBe('CT-logged certificate for www.example.test (serial 0B) was not found by discovery.');
  });

  it('is not applicable to expired entries', () => {
    expect(resultFor(rule, ctEntryEvidence({ notAfter: '2025-01-01T00:00:00Z' })).status).toBe('not-applicable');
  });
});
