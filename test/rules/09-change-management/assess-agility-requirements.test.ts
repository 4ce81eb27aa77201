import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/09-change-management/assess-agility-requirements.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, caProfile } from '../helpers.js';

const manual = (i: number) => certificateEvidence({ subject: `CN=x${i}` });
const managed = (i: number) => certificateEvidence({ subject: `CN=m${i}`, validitySeconds: 90 * 86_400, sightings: [{ collector: 'kubernetes', target: `s${i}`, attributes: { managedBy: 'cert-manager' } }] });
const rsaOnly = caConfigEvidence({ profiles: [caProfile({ keyTypes: [{ algorithm: 'RSA', minBits: 2048 }] })] });

describe(assessor.id, () => {
  it('needs three certificates', () => {
    expect(kinds(assessWith(assessor, [manual(1)]))).toEqual(['insufficient']);
  });

  it('caps at 2 only when automation is low and no CA offers a second family', () => {
    expect(kinds(assessWith(assessor, [manual(1), manual(2), manual(3), rsaOnly]))).toEqual(['cap 2']);
    expect(kinds(assessWith(assessor, [manual(1), manual(2), manual(3), caConfigEvidence()]))).toEqual(['insufficient']);
  });

  it('supports 4 with the 5.6 thresholds', () => {
    expect(kinds(assessWith(assessor, [managed(1), managed(2), managed(3)]))).toEqual(['support 4']);
  });
});
