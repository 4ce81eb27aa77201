import { describe, expect, it } from 'vitest';
import rule from '../../../rules/06-key-management/key-has-certificate.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { privateKeyEvidence, resultFor } from '../helpers.js';

const cert = certificateEvidence({ spkiSha256: 'ab'.repeat(32) });

describe(rule.id, () => {
  it('passes a key whose certificate was observed', () => {
    expect(resultFor(rule, privateKeyEvidence({ spkiSha256: 'AB'.repeat(32) }), [cert]).status).toBe('pass');
  });

  it('flags an orphan key', () => {
    expect(resultFor(rule, privateKeyEvidence({ spkiSha256: 'cd'.repeat(32), location: 'old/web.key' }), [cert]).message).toBe(
      'old/web.key holds a private key with no matching certificate in the scan.',
    );
  });

  it('is not applicable when the public key is unknown', () => {
    expect(resultFor(rule, privateKeyEvidence({ keyAlgorithm: 'unknown', encrypted: true }), [cert]).status).toBe('not-applicable');
  });
});
