import { describe, expect, it } from 'vitest';
import rule from '../../../rules/06-key-management/cert-key-reused-on-renewal.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const key = 'aa'.repeat(32);
const first = certificateEvidence({ spkiSha256: key, notBefore: '2025-01-01T00:00:00Z', notAfter: '2025-12-31T23:59:59Z', serialNumberHex: '01' });
const renewed = certificateEvidence({ spkiSha256: key, notBefore: '2026-01-01T00:00:00Z', serialNumberHex: '02' });

describe(rule.id, () => {
  it('flags a renewal that kept the key', () => {
    expect(resultFor(rule, renewed, [first]).message).toBe('Renewal reuses the key of the certificate issued 2025-01-01T00:00:00Z (1 earlier certificate(s) with the same key and subject).');
  });

  it('passes the first generation and renewals with a new key', () => {
    expect(resultFor(rule, first, [renewed]).status).toBe('pass');
    expect(resultFor(rule, certificateEvidence({ spkiSha256: 'bb'.repeat(32), notBefore: '2026-01-01T00:00:00Z' }), [first]).status).toBe('pass');
  });

  it('ignores other subjects (cert-key-not-reused covers those) and CA certificates', () => {
    expect(resultFor(rule, certificateEvidence({ spkiSha256: key, subject: 'CN=other', notBefore: '2026-02-01T00:00:00Z' }), [first]).status).toBe('pass');
    expect(resultFor(rule, certificateEvidence({ spkiSha256: key, isCa: true, notBefore: '2026-03-01T00:00:00Z' }), [first]).status).toBe('not-applicable');
  });
});
