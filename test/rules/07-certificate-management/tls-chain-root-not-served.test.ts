import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/tls-chain-root-not-served.js';
import { resultFor } from '../helpers.js';
import { intermediate, leaf, root, serving } from './chain-fixtures.js';

describe(rule.id, () => {
  it('passes a chain without the root', () => {
    expect(resultFor(rule, serving([leaf, intermediate]), [leaf, intermediate]).status).toBe('pass');
  });

  it('flags a served root', () => {
    expect(resultFor(rule, serving([leaf, intermediate, root]), [leaf, intermediate, root]).message).toBe('www.example.test:443 sends the root CN=Root in its chain.');
  });

  it('is not applicable to a single certificate', () => {
    expect(resultFor(rule, serving([leaf]), [leaf]).status).toBe('not-applicable');
  });
});
