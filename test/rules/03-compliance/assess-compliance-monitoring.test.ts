import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/03-compliance/assess-compliance-monitoring.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { daysAgo } from '../helpers.js';

const clean = certificateEvidence({ subject: 'CN=www.example.org', subjectAltNames: ['DNS:www.example.org'] });
const monthly = { previousScans: [daysAgo(25), daysAgo(50)] };
const weekly = { previousScans: [daysAgo(7), daysAgo(14), daysAgo(21), daysAgo(28)] };
const sha1 = (notBefore: string) => certificateEvidence({ subject: 'CN=sha1', signatureHash: 'SHA-1', signatureAlgorithm: 'sha1WithRSAEncryption', notBefore });

describe(assessor.id, () => {
  it('is insufficient without evidence', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps by how long a critical compliance finding has existed', () => {
    expect(kinds(assessWith(assessor, [sha1('2026-01-01T00:00:00Z')]))).toEqual(['cap 2']);
    expect(kinds(assessWith(assessor, [sha1('2026-10-01T00:00:00Z')]))).toEqual(['cap 3']);
  });

  it('supports 3 for monthly checks and 4 for weekly checks without findings', () => {
    expect(kinds(assessWith(assessor, [clean], { facts: monthly }))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, [clean], { facts: weekly }))).toEqual(['support 4']);
  });
});
