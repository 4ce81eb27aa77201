import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/12-interoperability/assess-open-standards.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, caProfile } from '../helpers.js';

const clean = certificateEvidence({ subject: 'CN=www.example.org', subjectAltNames: ['DNS:www.example.org'], authorityKeyIdentifier: 'aa', serialNumberHex: '0102030405060708' });
const proprietary = caConfigEvidence({ product: 'adcs', enrollment: ['proprietary'], profiles: [caProfile({ enrollment: ['manual'] })] });

describe(assessor.id, () => {
  it('is insufficient without enrollment information', () => {
    expect(kinds(assessWith(assessor, [clean]))).toEqual(['insufficient']);
  });

  it('supports 4 for standard enrollment and clean certificates', () => {
    expect(kinds(assessWith(assessor, [clean, caConfigEvidence()]))).toEqual(['support 4']);
  });

  it('caps at 2 for proprietary-only enrollment with lint errors', () => {
    const broken = certificateEvidence({ subjectAltNames: ['DNS:bad_name.example.org'] });
    expect(kinds(assessWith(assessor, [broken, proprietary]))).toEqual(['cap 2']);
  });
});
