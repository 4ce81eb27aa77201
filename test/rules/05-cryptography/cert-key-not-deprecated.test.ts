import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-key-not-deprecated.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { policyWith, resultFor } from '../helpers.js';

const strict = policyWith({
  name: 'strict',
  algorithms: { keys: { approved: [{ algorithm: 'RSA', minBits: 3072 }], deprecated: [{ algorithm: 'RSA', minBits: 2048, until: '2028-12-31' }], prohibited: [] } },
});

describe(rule.id, () => {
  it('passes approved keys', () => {
    expect(resultFor(rule, certificateEvidence({ keySizeBits: 3072 }), [], { policy: strict }).status).toBe('pass');
    expect(resultFor(rule, certificateEvidence()).status).toBe('pass');
  });

  it('fails deprecated keys with their sunset', () => {
    const result = resultFor(rule, certificateEvidence(), [], { policy: strict });
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('low');
    expect(result.message).toBe('RSA-2048 keys are deprecated by policy profile "strict"; sunset 2028-12-31.');
  });

  it('leaves keys past the sunset to cert-key-not-prohibited', () => {
    expect(resultFor(rule, certificateEvidence(), [], { policy: strict, now: new Date('2029-01-01T00:00:00Z') }).status).toBe('pass');
  });
});
