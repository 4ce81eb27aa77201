import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/02-policies-and-documentation/assess-cps-published.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { crlEvidence, policyWith } from '../helpers.js';

const withCps = policyWith({ name: 'ours', documents: { cps: { url: 'https://pki.example.test/cps.pdf', revisions: ['2026-05-01'] } } });

describe(assessor.id, () => {
  it('is insufficient without certificates', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 2 without a declared CPS', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['cap 2']);
  });

  it('supports 4 when practice matches the declared parameters', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()], { policy: withCps }))).toEqual(['support 4']);
  });

  it('caps at 3 when certificates or CRLs break the declared parameters', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence({ policyOids: [], validitySeconds: 800 * 86_400 })], { policy: withCps }))).toEqual(['cap 3']);
    expect(kinds(assessWith(assessor, [certificateEvidence(), crlEvidence({ headroomSeconds: -3600 })], { policy: withCps }))).toEqual(['cap 3']);
  });
});
