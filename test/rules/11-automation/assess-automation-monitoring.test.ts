import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/11-automation/assess-automation-monitoring.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, daysAgo } from '../helpers.js';

const managed = (notAfter: string, attributes: Record<string, string> = {}) =>
  certificateEvidence({ notBefore: '2026-10-01T00:00:00Z', notAfter, sightings: [{ collector: 'aws-acm', target: 'arn:cert', attributes: { renewalEligibility: 'ELIGIBLE', ...attributes } }] });

describe(assessor.id, () => {
  it('is insufficient without automated certificates', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['insufficient']);
  });

  it('caps at 2 for silent failures', () => {
    expect(kinds(assessWith(assessor, [managed('2026-12-01T00:00:00Z')]))).toEqual(['cap 2']);
    expect(kinds(assessWith(assessor, [managed('2027-09-01T00:00:00Z', { renewalStatus: 'FAILED' })]))).toEqual(['cap 2']);
  });

  it('supports 4 with attested monitoring and 3 with weekly scans', () => {
    expect(kinds(assessWith(assessor, [managed('2027-09-01T00:00:00Z')], { facts: { attestations: { 'automation-monitoring': true } } }))).toEqual(['support 4']);
    expect(kinds(assessWith(assessor, [managed('2027-09-01T00:00:00Z')], { facts: { previousScans: [daysAgo(3)] } }))).toEqual(['support 3']);
  });

  it('caps at 3 when a client has no renewal scheduler', () => {
    const certbot = caConfigEvidence({ product: 'certbot', role: 'client', automation: { autoRenewal: true, schedulerPresent: false } });
    expect(kinds(assessWith(assessor, [managed('2027-09-01T00:00:00Z'), certbot]))).toEqual(['cap 3']);
  });
});
