import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/04-processes-and-procedures/assess-recurring-activities.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { crlEvidence, policyWith } from '../helpers.js';

const renewal = (renewedAt: string) => [
  certificateEvidence({ notBefore: '2026-01-01T00:00:00Z', notAfter: '2026-12-31T23:59:59Z', serialNumberHex: '01' }),
  certificateEvidence({ notBefore: renewedAt, notAfter: '2027-10-01T00:00:00Z', serialNumberHex: '02' }),
];

describe(assessor.id, () => {
  it('is insufficient without evidence', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 2 for a late CRL', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence(), crlEvidence({ nextUpdate: '2026-11-20T00:00:00Z' })]))).toEqual(['cap 2']);
  });

  it('caps at 2 for expired certificates in use (leaf and chain) and 3 for an expired critical endpoint', () => {
    const expired = certificateEvidence({ notAfter: '2026-11-01T00:00:00Z' });
    const endpoint = tlsEndpointEvidence({ chain: [expired.data.sha256] });
    const policy = policyWith({ name: 'crit', scope: { units: [{ id: 'www', kind: 'host', match: 'www.example.test', critical: true }] } });
    expect(kinds(assessWith(assessor, [expired, endpoint], { policy }))).toEqual(['cap 2', 'cap 2', 'cap 3']);
  });

  it('supports 4 when renewals leave ≥ 20 % of the lifetime, 3 when none was observed', () => {
    expect(kinds(assessWith(assessor, renewal('2026-10-01T00:00:00Z')))).toEqual(['support 4']);
    expect(kinds(assessWith(assessor, renewal('2026-12-20T00:00:00Z')))).toEqual(['insufficient']);
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['support 3']);
  });
});
