import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/07-certificate-management/assess-cert-profiles.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, caProfile } from '../helpers.js';

const clean = (i: number) => certificateEvidence({ subject: `CN=h${i}.example.org`, subjectAltNames: [`DNS:h${i}.example.org`], authorityKeyIdentifier: 'ab', serialNumberHex: `0102030405060708${i}` });

describe(assessor.id, () => {
  it('is insufficient without certificates', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('supports 4 for clean certificates with CA profiles and revocation pointers', () => {
    expect(kinds(assessWith(assessor, [clean(1), clean(2), caConfigEvidence()]))).toEqual(['support 4']);
  });

  it('caps at 2 on lint errors above 5 %', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['cap 2']);
  });

  it('caps at 2 on ESC1-type profiles and at 3 when revocation pointers are missing', () => {
    const esc = caConfigEvidence({ profiles: [caProfile({ subject: { enrolleeSuppliesSubject: true }, extendedKeyUsage: ['clientAuth'] })] });
    expect(kinds(assessWith(assessor, [clean(1), esc]))).toEqual(['cap 2']);
    const noPointers = Array.from({ length: 3 }, (_, i) => certificateEvidence({ subject: `CN=h${i}.example.org`, subjectAltNames: [`DNS:h${i}.example.org`], authorityKeyIdentifier: 'ab', serialNumberHex: `0102030405060708${i}`, crlUrls: [], ocspUrls: [] }));
    expect(kinds(assessWith(assessor, [...noPointers, caConfigEvidence()]))).toEqual(['cap 3', 'support 3']);
  });
});
