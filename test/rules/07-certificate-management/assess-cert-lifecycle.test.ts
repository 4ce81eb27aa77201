import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/07-certificate-management/assess-cert-lifecycle.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { crlEvidence, daysAgo } from '../helpers.js';

const managed = (i: number) => certificateEvidence({ subject: `CN=m${i}`, sightings: [{ collector: 'kubernetes', target: `secret m${i}`, attributes: { managedBy: 'cert-manager' } }] });

describe(assessor.id, () => {
  it('is insufficient without certificates', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 2 when more than 1 % of certificates in use expired', () => {
    expect(kinds(assessWith(assessor, [managed(1), certificateEvidence({ notAfter: '2026-10-01T00:00:00Z' })]))).toEqual(['cap 2']);
  });

  it('supports 4 for a fully automated estate with nothing expired', () => {
    expect(kinds(assessWith(assessor, [managed(1), managed(2)]))).toEqual(['support 4']);
  });

  it('supports 3 with half automated and weekly scans', () => {
    const facts = { previousScans: [daysAgo(7)] };
    expect(kinds(assessWith(assessor, [managed(1), certificateEvidence()], { facts }))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, [managed(1), certificateEvidence()]))).toEqual(['insufficient']);
  });

  it('caps at 3 when revocation services fail probes', () => {
    const problems = [{ collector: 'crl', target: 'http://crl.example.test/x.crl', code: 'http-status' as const, message: '503' }];
    expect(kinds(assessWith(assessor, [managed(1), managed(2), crlEvidence()], { problems }))).toEqual(['cap 3', 'support 4']);
  });
});
