import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/16-awareness/assess-information-disclosure.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { crlEvidence, ocspEvidence, policyWith } from '../helpers.js';

const problem = { collector: 'crl', target: 'http://crl.example.test/b.crl', code: 'http-status' as const, message: '404' };

describe(assessor.id, () => {
  it('is insufficient without probes', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('supports 3 when everything answers, 4 with a current CP/CPS', () => {
    expect(kinds(assessWith(assessor, [crlEvidence(), ocspEvidence()]))).toEqual(['support 3']);
    const policy = policyWith({ name: 'docs', documents: { cps: { revisions: ['2026-03-01'] } } });
    expect(kinds(assessWith(assessor, [crlEvidence(), ocspEvidence()], { policy }))).toEqual(['support 4']);
  });

  it('caps at 2 for many broken pointers and 3 for a few', () => {
    expect(kinds(assessWith(assessor, [crlEvidence()], { problems: [problem] }))).toEqual(['cap 2']);
    expect(kinds(assessWith(assessor, [crlEvidence({ signature: 'invalid' })]))).toEqual(['cap 2']);
    const many = Array.from({ length: 30 }, (_, i) => ocspEvidence({ serialNumberHex: `${i}` }));
    expect(kinds(assessWith(assessor, many, { problems: [problem] }))).toEqual(['cap 3']);
  });
});
