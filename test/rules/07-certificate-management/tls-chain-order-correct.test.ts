import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/tls-chain-order-correct.js';
import { resultFor } from '../helpers.js';
import { intermediate, leaf, root, serving } from './chain-fixtures.js';

const all = [leaf, intermediate, root];

describe(rule.id, () => {
  it('passes leaf → intermediate → root', () => {
    expect(resultFor(rule, serving([leaf, intermediate, root]), all).status).toBe('pass');
  });

  it('flags a reversed chain', () => {
    expect(resultFor(rule, serving([leaf, root, intermediate]), all).message).toBe(
      'www.example.test:443: served certificate 0 (CN=www.example.test) is not issued by the next one (CN=Root).',
    );
  });

  it('flags certificates after the root', () => {
    expect(resultFor(rule, serving([root, intermediate]), all).status).toBe('fail');
  });

  it('is not applicable to single certificates or unknown ones', () => {
    expect(resultFor(rule, serving([leaf]), all).status).toBe('not-applicable');
    expect(resultFor(rule, serving([leaf, intermediate]), [leaf]).status).toBe('not-applicable');
  });
});
