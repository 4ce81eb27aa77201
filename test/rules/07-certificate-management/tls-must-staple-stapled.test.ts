import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/tls-must-staple-stapled.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';
import { leaf, serving } from './chain-fixtures.js';

const stapleLeaf = certificateEvidence({ mustStaple: true });

describe(rule.id, () => {
  it.each([
    { name: 'must-staple, stapled', cert: stapleLeaf, stapled: true, status: 'pass' },
    { name: 'must-staple, not stapled', cert: stapleLeaf, stapled: false, status: 'fail' },
    { name: 'no must-staple', cert: leaf, stapled: false, status: 'not-applicable' },
  ])('$name → $status', ({ cert, stapled, status }) => {
    const result = resultFor(rule, serving([cert], { ocspStapled: stapled }), [cert]);
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('www.example.test:443 serves a must-staple certificate without stapling an OCSP response.');
  });

  it('is not applicable when stapling was not observed', () => {
    expect(resultFor(rule, serving([stapleLeaf]), [stapleLeaf]).status).toBe('not-applicable');
  });
});
