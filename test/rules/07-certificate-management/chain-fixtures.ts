// A small served chain for the tls-chain-* tests: leaf ← intermediate ← root, as certificate evidence.
import type { Evidence } from '../../../model/evidence.js';
import { certificateEvidence, tlsEndpointEvidence, type DataOverrides } from '../../helpers/evidence.js';
import type { CertificateData } from '../../../model/evidence.js';

export const root = certificateEvidence({ subject: 'CN=Root', issuer: 'CN=Root', isCa: true, isSelfSigned: true, notAfter: '2040-01-01T00:00:00Z', signatureHash: 'SHA-1' });
export const intermediate = certificateEvidence({ subject: 'CN=Intermediate', issuer: 'CN=Root', isCa: true, notAfter: '2030-01-01T00:00:00Z' });
export const leaf = certificateEvidence({ subject: 'CN=www.example.test', issuer: 'CN=Intermediate' });

/** An intermediate variant (same name) with overrides. */
export const intermediateWith = (overrides: DataOverrides<CertificateData>): Evidence<'certificate'> =>
  certificateEvidence({ subject: 'CN=Intermediate', issuer: 'CN=Root', isCa: true, notAfter: '2030-01-01T00:00:00Z', ...overrides });

/** An endpoint serving the given certificates in order. */
export const serving = (certs: readonly Evidence<'certificate'>[], overrides: Parameters<typeof tlsEndpointEvidence>[0] = {}): Evidence<'tls-endpoint'> =>
  tlsEndpointEvidence({ chain: certs.map((c) => c.data.sha256), ...overrides });
