import { describe, expect, it } from 'vitest';
import rule from '../../../rules/06-key-management/ca-renewal-rotates-key.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it('passes when every profile rotates', () => {
    expect(resultFor(rule, caConfigEvidence()).status).toBe('pass');
  });

  it('names the profiles that reuse keys', () => {
    const config = caConfigEvidence({ product: 'certbot', role: 'client', name: 'certbot', profiles: [caProfile({ name: 'www.example.test', kind: 'lineage', reusesKey: true }), caProfile({ name: 'api' })] });
    expect(resultFor(rule, config).message).toBe('certbot: www.example.test reuse the key pair on renewal.');
  });

  it('is not applicable when no profile says', () => {
    const { reusesKey: _unused, ...profile } = caProfile();
    expect(resultFor(rule, caConfigEvidence({ profiles: [profile] })).status).toBe('not-applicable');
  });
});
