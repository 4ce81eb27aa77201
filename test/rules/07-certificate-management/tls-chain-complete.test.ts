import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/tls-chain-complete.js';
import { resultFor } from '../helpers.js';
import { intermediate, leaf, serving } from './chain-fixtures.js';

describe(rule.id, () => {
  it('passes a trusted chain', () => {
    expect(resultFor(rule, serving([leaf, intermediate]), [leaf, intermediate]).status).toBe('pass');
  });

  it('flags a chain missing its intermediate', () => {
    const endpoint = serving([leaf], { chainTrusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' });
    expect(resultFor(rule, endpoint, [leaf]).message).toBe(
      'www.example.test:443 serves 1 certificate(s) without the intermediate that issued CN=www.example.test (UNABLE_TO_GET_ISSUER_CERT_LOCALLY).',
    );
  });

  it('leaves other validation failures to other checks', () => {
    expect(resultFor(rule, serving([leaf, intermediate], { chainTrusted: false, trustError: 'CERT_HAS_EXPIRED' }), [leaf]).status).toBe('pass');
  });

  it('is not applicable when nothing was served', () => {
    expect(resultFor(rule, serving([], { chainTrusted: false })).status).toBe('not-applicable');
  });
});
