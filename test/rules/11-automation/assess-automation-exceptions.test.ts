import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/11-automation/assess-automation-exceptions.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';

const manual = (i: number) => certificateEvidence({ subject: `CN=x${i}` }, { target: `x${i}.example.test:443` });
const waiver = (target: string) => ({ rule: 'cert-renewal-automated', target, owner: 'Ops', reason: 'vendor appliance', expires: '2027-03-31' });
const five = [1, 2, 3, 4, 5].map(manual);

describe(assessor.id, () => {
  it('is insufficient without certificates', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 2 when manual certificates lack exceptions', () => {
    expect(kinds(assessWith(assessor, five))).toEqual(['cap 2']);
  });

  it('supports 3 at ≥ 90 % and 4 at 100 % registered exceptions', () => {
    const ten = Array.from({ length: 10 }, (_, i) => manual(i));
    expect(kinds(assessWith(assessor, ten, { waivers: Array.from({ length: 9 }, (_, i) => waiver(`x${i}.example.test:443`)) }))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, five, { waivers: [waiver('*')] }))).toEqual(['support 4']);
  });

  it('supports 4 when nothing is outside automation', () => {
    const managed = certificateEvidence({ sightings: [{ collector: 'kubernetes', target: 's', attributes: { managedBy: 'cert-manager' } }] });
    expect(kinds(assessWith(assessor, [managed]))).toEqual(['support 4']);
  });
});
