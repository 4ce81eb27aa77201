import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/10-resilience/assess-incident-planning.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, privateKeyEvidence } from '../helpers.js';

describe(assessor.id, () => {
  it('is insufficient without evidence', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('supports 3 without PKI security findings', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence(), caConfigEvidence()]))).toEqual(['support 3']);
  });

  it('caps at 2 for an old compromised key and at 3 for a critical finding of unknown age', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence({ rsaWeaknesses: ['fermat'] })]))).toEqual(['cap 2']);
    expect(kinds(assessWith(assessor, [caConfigEvidence({ product: 'adcs', observations: [{ code: 'adcs-esc1', message: 'ESC1' }] })]))).toEqual(['cap 3']);
  });

  it('ignores waived findings', () => {
    const key = privateKeyEvidence({ fileMode: '0644' });
    const waivers = [{ rule: 'key-file-permissions-restrictive', owner: 'Ops', reason: 'read-only container', expires: '2027-01-01' }];
    expect(kinds(assessWith(assessor, [key], { waivers }))).toEqual(['support 3']);
  });
});
