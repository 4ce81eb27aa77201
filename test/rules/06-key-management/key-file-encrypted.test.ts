import { describe, expect, it } from 'vitest';
import rule from '../../../rules/06-key-management/key-file-encrypted.js';
import { privateKeyEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it('passes encrypted keys', () => {
    expect(resultFor(rule, privateKeyEvidence({ encrypted: true, format: 'pkcs8-encrypted' })).status).toBe('pass');
  });

  it('fails unencrypted keys, naming the location', () => {
    const result = resultFor(rule, privateKeyEvidence());
    expect(result).toMatchObject({ status: 'fail', severity: 'low', message: 'keys/server.key holds an unencrypted RSA private key.' });
  });
});
