import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/tls-chain-no-expired-certificate.js';
import { resultFor } from '../helpers.js';
import { intermediate, intermediateWith, leaf, serving } from './chain-fixtures.js';

describe(rule.id, () => {
  it('passes a valid chain', () => {
    expect(resultFor(rule, serving([leaf, intermediate]), [leaf, intermediate]).status).toBe('pass');
  });

  it('flags an expired intermediate', () => {
    const old = intermediateWith({ notAfter: '2026-06-01T00:00:00Z' });
    expect(resultFor(rule, serving([leaf, old]), [leaf, old]).message).toBe('www.example.test:443 serves CN=Intermediate (position 1), which expired 2026-06-01T00:00:00Z.');
  });

  it('flags a certificate not yet valid', () => {
    const future = intermediateWith({ notBefore: '2027-01-01T00:00:00Z' });
    expect(resultFor(rule, serving([leaf, future]), [leaf, future]).message).toBe('www.example.test:443 serves CN=Intermediate (position 1), which is not valid before 2027-01-01T00:00:00Z.');
  });

  it('is not applicable when no served certificate is known', () => {
    expect(resultFor(rule, serving([leaf])).status).toBe('not-applicable');
  });
});
