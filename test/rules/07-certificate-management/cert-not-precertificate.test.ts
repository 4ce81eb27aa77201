import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-not-precertificate.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it('passes final certificates', () => {
    expect(resultFor(rule, certificateEvidence()).status).toBe('pass');
  });

  it('flags precertificates', () => {
    expect(resultFor(rule, certificateEvidence({ precertificate: true }))).toMatchObject({ status: 'fail', severity: 'high', message: 'The certificate is a CT precertificate and cannot be used by clients.' });
  });
});
