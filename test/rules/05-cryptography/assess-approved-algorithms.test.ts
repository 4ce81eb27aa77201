import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/05-cryptography/assess-approved-algorithms.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { policyWith } from '../helpers.js';

const many = (n: number, overrides: Parameters<typeof certificateEvidence>[0] = {}) => Array.from({ length: n }, (_, i) => certificateEvidence({ subject: `CN=host${i}.example.test`, ...overrides }));
const documented = { attestations: { 'crypto-policy-documented': true } };

describe(assessor.id, () => {
  it('says "insufficient evidence" without evidence', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 2 without an organisation list, and supports 3 for a conforming estate', () => {
    const statements = assessWith(assessor, many(3));
    expect(kinds(statements)).toEqual(['cap 2', 'support 3']);
    expect(statements[0]?.ref).toBe('5.2');
    expect(firstReasons(statements)[0]).toMatch(/built-in "default" profile/);
  });

  it('caps at 2 when more than 5 % of assets are weak', () => {
    const statements = assessWith(assessor, [...many(9), certificateEvidence({ subject: 'CN=weak', keySizeBits: 1024 })], { facts: documented });
    expect(kinds(statements)).toEqual(['cap 2']);
    expect(statements[0]?.reasons.find((r) => r.metric?.name === 'weak')?.metric?.value).toBeCloseTo(0.1);
  });

  it('caps at 3 for a few weak assets without exception, and lifts to support 4 once they are waived and the list is reviewed', () => {
    const weak = certificateEvidence({ subject: 'CN=weak', keySizeBits: 1024 }, { target: 'legacy.example.test:443' });
    const estate = [...many(29), weak];
    expect(kinds(assessWith(assessor, estate, { facts: documented }))).toEqual(['cap 3', 'support 3']);
    const policy = policyWith({ name: 'ours', reviewed: '2026-06-01' });
    const waivers = [{ rule: 'cert-*', target: 'legacy.*', owner: 'A. Person', reason: 'appliance', expires: '2027-06-30' }];
    const statements = assessWith(assessor, estate, { policy, waivers });
    expect(kinds(statements)).toEqual(['support 4']);
  });
});
