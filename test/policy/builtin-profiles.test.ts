import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, defaultPolicy } from '../../src/policy/builtin-profiles.js';
import { loadPolicyProfile } from '../../src/policy/load-policy.js';

const profilesDir = fileURLToPath(new URL('../../profiles/', import.meta.url));

describe('built-in policy profiles', () => {
  it.each(Object.keys(BUILTIN_PROFILES))('profiles/%s.yaml is the same profile as the built-in one', async (name) => {
    const loaded = await loadPolicyProfile(`${name}.yaml`, profilesDir);
    expect(loaded.profile).toEqual(BUILTIN_PROFILES[name as keyof typeof BUILTIN_PROFILES]);
    expect(loaded.sources[0]).toBe(`${name}.yaml`);
  });

  it('cabf-tls inherits what it does not say from default', () => {
    const cabf = BUILTIN_PROFILES['cabf-tls'];
    expect(cabf.renewal).toEqual(defaultPolicy.renewal);
    expect(cabf.lifetimes.publicTls).toEqual(defaultPolicy.lifetimes.publicTls);
    expect(cabf.lifetimes.privateTls).toEqual(defaultPolicy.lifetimes.publicTls);
    expect(cabf.algorithms.keys.approved.map((k) => k.algorithm)).toEqual(['RSA', 'EC']);
  });

  it('default follows the SC-081 schedule for public TLS', () => {
    expect(defaultPolicy.lifetimes.publicTls).toEqual([
      { days: 398 },
      { from: '2026-03-15', days: 200 },
      { from: '2027-03-15', days: 100 },
      { from: '2029-03-15', days: 47 },
    ]);
  });
});
