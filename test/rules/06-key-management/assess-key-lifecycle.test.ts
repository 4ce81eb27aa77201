import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/06-key-management/assess-key-lifecycle.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, privateKeyEvidence } from '../helpers.js';

const generation = (subject: string, year: number, key: string) =>
  certificateEvidence({ subject, spkiSha256: key, notBefore: `${year}-01-01T00:00:00Z`, notAfter: `${year}-12-31T23:59:59Z`, serialNumberHex: `${subject.length}${year}` });

describe(assessor.id, () => {
  it('is insufficient without certificates or keys', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 2 when renewals keep their keys', () => {
    const estate = [generation('CN=a', 2025, 'aa'), generation('CN=a', 2026, 'aa'), generation('CN=b', 2025, 'bb'), generation('CN=b', 2026, 'bb')];
    expect(kinds(assessWith(assessor, estate))).toEqual(['cap 2']);
  });

  it('supports 3 when renewals rotate and keys are protected', () => {
    const estate = [generation('CN=a', 2025, 'a1'), generation('CN=a', 2026, 'a2'), privateKeyEvidence({ spkiSha256: 'a2' })];
    expect(kinds(assessWith(assessor, estate))).toEqual(['support 3']);
  });

  it('caps at 3 for orphan or exposed keys', () => {
    const estate = [generation('CN=a', 2026, 'a2'), privateKeyEvidence({ spkiSha256: 'a2', fileMode: '0644' }), privateKeyEvidence({ spkiSha256: 'zz', location: 'old.key' })];
    expect(kinds(assessWith(assessor, estate))).toEqual(['cap 3', 'cap 3']);
  });

  it('supports 3 from renewal configurations that rotate keys', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence(), caConfigEvidence()]))).toEqual(['support 3']);
  });
});
