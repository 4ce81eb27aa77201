import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/07-certificate-management/assess-pki-governance.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, ctEntryEvidence, policyWith } from '../helpers.js';

const registered = policyWith({ name: 'reg', cas: { approved: ['CN=Example Issuing CA*'] } });

describe(assessor.id, () => {
  it('is insufficient without certificates, CT entries or CA configurations', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 3 without a CA register', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['cap 3']);
  });

  it('supports 3 when every issuer is registered', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()], { policy: registered }))).toEqual(['support 3']);
  });

  it('caps at 3 for one shadow CA and at 2 for three', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence(), certificateEvidence({ issuer: 'CN=Dev CA' })], { policy: registered }))).toEqual(['cap 3']);
    const shadows = ['CN=A', 'CN=B'].map((issuer) => certificateEvidence({ issuer }));
    expect(kinds(assessWith(assessor, [...shadows, ctEntryEvidence({ issuer: 'CN=C' }), caConfigEvidence({ observations: [{ code: 'cert-manager-self-signed', message: 'x' }] })], { policy: registered }))).toEqual(['cap 2']);
  });
});
