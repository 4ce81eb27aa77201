import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/05-cryptography/assess-crypto-agility.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, caProfile } from '../helpers.js';

const DAY = 86_400;
const managed = (i: number, days = 90) =>
  certificateEvidence({ subject: `CN=m${i}`, validitySeconds: days * DAY, sightings: [{ collector: 'kubernetes', target: `secret default/m${i}`, attributes: { managedBy: 'cert-manager' } }] });
const manual = (i: number) => certificateEvidence({ subject: `CN=x${i}` });

describe(assessor.id, () => {
  it('needs at least three certificates', () => {
    expect(kinds(assessWith(assessor, [manual(1), manual(2)]))).toEqual(['insufficient']);
  });

  it('caps at 2 when less than 30 % renew automatically', () => {
    expect(kinds(assessWith(assessor, [manual(1), manual(2), manual(3), managed(1)]))).toEqual(['cap 2']);
  });

  it('supports 4 for a fully automated, short-lived fleet', () => {
    expect(kinds(assessWith(assessor, [managed(1), managed(2), managed(3)]))).toEqual(['support 4']);
  });

  it('supports 3 for mostly automated yearly certificates, and caps at 3 when no CA can issue a second family', () => {
    const fleet = [managed(1, 365), managed(2, 365), managed(3, 365), manual(1)];
    expect(kinds(assessWith(assessor, fleet))).toEqual(['support 3']);
    const rsaOnly = caConfigEvidence({ profiles: [caProfile({ keyTypes: [{ algorithm: 'RSA', minBits: 2048 }] })] });
    expect(kinds(assessWith(assessor, [...fleet, rsaOnly]))).toEqual(['cap 3', 'support 3']);
  });
});
