import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/tls-chain-no-weak-signature.js';
import { resultFor } from '../helpers.js';
import { intermediate, intermediateWith, leaf, root, serving } from './chain-fixtures.js';

describe(rule.id, () => {
  it('passes SHA-256 links and ignores the SHA-1 self-signed root', () => {
    expect(resultFor(rule, serving([leaf, intermediate, root]), [leaf, intermediate, root]).status).toBe('pass');
  });

  it('flags a SHA-1 intermediate', () => {
    const sha1 = intermediateWith({ signatureHash: 'SHA-1', signatureAlgorithm: 'sha1WithRSAEncryption' });
    expect(resultFor(rule, serving([leaf, sha1]), [leaf, sha1]).message).toBe('www.example.test:443 serves CN=Intermediate (position 1) signed with SHA-1.');
  });

  it('is not applicable when no served certificate is known', () => {
    expect(resultFor(rule, serving([leaf])).status).toBe('not-applicable');
  });
});
