import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanConfig } from '../../src/config/scan-config.js';
import { BUILTIN_PROFILES, defaultPolicy } from '../../src/policy/builtin-profiles.js';
import { loadPolicyProfile, loadWaivers, resolvePolicyConfig } from '../../src/policy/load-policy.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-policy-'));
  await writeFile(join(dir, 'ours.yaml'), 'extends: cabf-tls\nname: ours\nlifetimes: { privateTls: 90 }\nscope: { domains: [example.org] }\n');
  await writeFile(join(dir, 'child.yaml'), 'extends: ours.yaml\nname: child\nrenewal: { windowDays: 45 }\n');
  await writeFile(join(dir, 'plain.yaml'), 'name: plain\n');
  await writeFile(join(dir, 'loop-a.yaml'), 'extends: loop-b.yaml\n');
  await writeFile(join(dir, 'loop-b.yaml'), 'extends: loop-a.yaml\n');
  await writeFile(join(dir, 'typo.yaml'), 'name: typo\nlifetime: { privateTls: 90 }\n');
  await writeFile(join(dir, 'bad-value.yaml'), 'name: bad\nlifetimes: { privateTls: -3 }\n');
  await writeFile(join(dir, 'waivers.yaml'), 'waivers:\n  - { rule: cert-rsa-key-min-2048, owner: A. Person, reason: legacy device, expires: 2027-01-31 }\n');
  await writeFile(join(dir, 'bad-waivers.yaml'), 'waivers:\n  - { rule: cert-rsa-key-min-2048, reason: legacy device, expires: 2027-01-31 }\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadPolicyProfile', () => {
  it('resolves built-in names without touching the file system', async () => {
    expect((await loadPolicyProfile('cabf-tls', '/nonexistent')).profile).toEqual(BUILTIN_PROFILES['cabf-tls']);
  });

  it('follows extends through files and built-ins, most specific first', async () => {
    const { profile, sources } = await loadPolicyProfile('child.yaml', dir);
    expect(sources).toEqual(['child.yaml', 'ours.yaml', 'cabf-tls', 'default']);
    expect(profile.name).toBe('child');
    expect(profile.renewal.windowDays).toBe(45);
    expect(profile.lifetimes.privateTls).toEqual([{ days: 90 }]);
    expect(profile.scope.domains).toEqual(['example.org']);
    expect(profile.algorithms.keys).toEqual(BUILTIN_PROFILES['cabf-tls'].algorithms.keys);
  });

  it('inherits default when a file names no parent', async () => {
    const { profile, sources } = await loadPolicyProfile('plain.yaml', dir);
    expect(sources).toEqual(['plain.yaml', 'default']);
    expect({ ...profile, name: 'default', description: defaultPolicy.description }).toEqual(defaultPolicy);
  });

  it.each([
    ['loop-a.yaml', 'policy profile loop-a.yaml: "extends" forms a cycle'],
    ['typo.yaml', 'policy profile typo.yaml: lifetime: unknown field "lifetime"'],
    ['bad-value.yaml', 'policy profile bad-value.yaml: lifetimes.privateTls: '],
    ['missing.yaml', 'policy profile missing.yaml: file not found'],
  ])('%s → one clear error', async (file, message) => {
    await expect(loadPolicyProfile(file, dir)).rejects.toThrow(message);
  });
});

describe('resolvePolicyConfig', () => {
  it('uses default when the configuration says nothing', async () => {
    const config = ScanConfig.parse({});
    expect((await resolvePolicyConfig(config.policy, dir)).profile).toEqual(defaultPolicy);
  });

  it('merges inline fields over the profile they extend', async () => {
    const config = ScanConfig.parse({ policy: { extends: 'cabf-tls', renewal: { windowDays: 14 } } });
    const { profile, sources } = await resolvePolicyConfig(config.policy, dir);
    expect(sources).toEqual(['scan configuration', 'cabf-tls', 'default']);
    expect(profile.renewal).toEqual({ windowDays: 14, minRemainingFraction: 0.2 });
    expect(profile.name).toBe('cabf-tls');
  });

  it('loads a profile file named by the configuration', async () => {
    expect((await resolvePolicyConfig({ profile: 'ours.yaml' }, dir)).profile.name).toBe('ours');
  });

  it.each([
    [{ profile: 'default', extends: 'cabf-tls' }, 'scan configuration policy: give either "profile" or "extends", not both'],
    [{ renewal: { windowDays: 'soon' } }, 'scan configuration policy: renewal.windowDays:'],
    [{ renewals: {} }, 'scan configuration policy: renewals: unknown field "renewals"'],
  ])('rejects %j', async (policy, message) => {
    await expect(resolvePolicyConfig(policy, dir)).rejects.toThrow(message);
  });
});

describe('loadWaivers', () => {
  it('reads inline lists and files', async () => {
    const inline = ScanConfig.parse({ waivers: [{ rule: 'cert-*', owner: 'B', reason: 'r', expires: '2027-01-01' }] }).waivers;
    expect(await loadWaivers(inline, dir)).toHaveLength(1);
    expect((await loadWaivers('waivers.yaml', dir))[0]).toMatchObject({ rule: 'cert-rsa-key-min-2048', owner: 'A. Person' });
    expect(await loadWaivers(undefined, dir)).toEqual([]);
  });

  it('requires an owner', async () => {
    await expect(loadWaivers('bad-waivers.yaml', dir)).rejects.toThrow('waivers file bad-waivers.yaml: waivers[0].owner:');
    expect(() => ScanConfig.parse({ waivers: [{ rule: 'x', owner: 'o', reason: 'r', expires: 'next year' }] })).toThrow();
  });
});
