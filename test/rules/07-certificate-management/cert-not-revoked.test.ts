import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-not-revoked.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { crlEvidence, ocspEvidence, resultFor } from '../helpers.js';

const cert = certificateEvidence();

describe(rule.id, () => {
  it('passes when no source lists it as revoked', () => {
    expect(resultFor(rule, cert, [crlEvidence(), ocspEvidence({ certificate: cert.data.sha256 })]).status).toBe('pass');
  });

  it('flags a certificate on a CRL', () => {
    const crl = crlEvidence({ revokedCertificates: [{ sha256: cert.data.sha256, serialNumberHex: '0A1B2C3D', revokedAt: '2026-10-01T00:00:00Z', reason: 'keyCompromise' }] });
    expect(resultFor(rule, cert, [crl]).message).toBe('The certificate was revoked on 2026-10-01T00:00:00Z (keyCompromise), according to the CRL http://crl.example.test/issuing.crl.');
  });

  it('flags a certificate OCSP reports as revoked', () => {
    const ocsp = ocspEvidence({ certificate: cert.data.sha256, certStatus: 'revoked', revokedAt: '2026-10-02T00:00:00Z' });
    expect(resultFor(rule, cert, [ocsp]).message).toBe('The certificate was revoked on 2026-10-02T00:00:00Z (no reason code), according to OCSP (fetched).');
  });
});
