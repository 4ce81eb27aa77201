import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/06-key-management/assess-crypto-device-inventory.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { caConfigEvidence } from '../helpers.js';

describe(assessor.id, () => {
  it('is insufficient without CA configurations, or with clients only', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
    expect(kinds(assessWith(assessor, [caConfigEvidence({ role: 'client' })]))).toEqual(['insufficient']);
  });

  it('supports 3 when every CA names its hardware key store', () => {
    const statements = assessWith(assessor, [caConfigEvidence(), caConfigEvidence({ name: 'aws-pca', keyStorage: { kind: 'cloud-kms' } })]);
    expect(kinds(statements)).toEqual(['support 3']);
    expect(firstReasons(statements)[0]).toMatch(/^All 2 CA\(s\) name their hardware key store/);
  });

  it('caps at 2 for a CA key in software', () => {
    expect(kinds(assessWith(assessor, [caConfigEvidence({ keyStorage: { kind: 'software' } })]))).toEqual(['cap 2']);
  });

  it('states nothing firm when storage is unknown', () => {
    expect(kinds(assessWith(assessor, [caConfigEvidence({ keyStorage: { kind: 'unknown' } })]))).toEqual(['insufficient']);
  });
});
