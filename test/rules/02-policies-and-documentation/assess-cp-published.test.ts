import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/02-policies-and-documentation/assess-cp-published.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { policyWith } from '../helpers.js';

const privateCert = (i: number, policyOids: string[]) => certificateEvidence({ subject: `CN=p${i}`, policyOids });
const withCp = (revisions: string[]) => policyWith({ name: 'ours', documents: { cp: { url: 'https://pki.example.test/cp.pdf', revisions } } });

describe(assessor.id, () => {
  it('is insufficient without organisation-issued certificates', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['insufficient']);
  });

  it('caps at 2 without policy OIDs and without a declared CP', () => {
    expect(kinds(assessWith(assessor, [privateCert(1, []), privateCert(2, ['2.5.29.32.0'])]))).toEqual(['cap 2']);
  });

  it('supports 3 with a declared CP and consistent OIDs, 4 with a recent revision history', () => {
    const estate = [privateCert(1, ['1.3.6.1.4.1.99999.1']), privateCert(2, ['1.3.6.1.4.1.99999.1'])];
    expect(kinds(assessWith(assessor, estate, { policy: withCp(['2024-01-10']) }))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, estate, { policy: withCp(['2025-09-01', '2026-08-01']) }))).toEqual(['support 4']);
  });
});
