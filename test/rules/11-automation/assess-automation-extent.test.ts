import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/11-automation/assess-automation-extent.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';

const managed = (i: number, notAfter = '2027-03-01T00:00:00Z') =>
  certificateEvidence({ subject: `CN=m${i}`, notBefore: '2026-11-01T00:00:00Z', notAfter, sightings: [{ collector: 'certbot', target: `lineage ${i}`, attributes: { managedBy: 'certbot' } }] });
const manual = (i: number) => certificateEvidence({ subject: `CN=x${i}` });

describe(assessor.id, () => {
  it('is insufficient without valid end-entity certificates', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
    expect(kinds(assessWith(assessor, [certificateEvidence({ notAfter: '2026-01-31T00:00:00Z' })]))).toEqual(['insufficient']);
  });

  it.each([
    { name: 'nothing automated', certs: [manual(1), manual(2)], expected: ['cap 1'] },
    { name: '1 of 3 automated', certs: [managed(1), manual(1), manual(2)], expected: ['cap 2'] },
    { name: '2 of 3 automated', certs: [managed(1), managed(2), manual(1)], expected: ['support 3'] },
    { name: 'all automated and on time', certs: [managed(1), managed(2)], expected: ['support 4'] },
    { name: 'all automated, one late', certs: [managed(1), managed(2, '2026-12-01T00:00:00Z')], expected: ['support 3'] },
  ])('$name → $expected', ({ certs, expected }) => {
    expect(kinds(assessWith(assessor, certs))).toEqual(expected);
  });

  it('names the tools', () => {
    expect(assessWith(assessor, [managed(1)])[0]?.reasons.at(-1)?.text).toBe('1 of 1 valid end-entity certificates renew automatically; tools identified: certbot.');
    expect(firstReasons(assessWith(assessor, [manual(1)]))[0]).toBe('No certificate has an observed automated renewal path (auto_cov = 0).');
  });
});
