import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { ScanConfig } from '../../src/config/scan-config.js';
import { scan } from '../../src/engine/scan.js';
import { NOW } from '../helpers/evidence.js';

const fixtures = new URL('../../fixtures/certificates/', import.meta.url).pathname;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-scan-policy-'));
  await writeFile(join(dir, 'ours.yaml'), 'extends: cabf-tls\nname: ours\nlifetimes: { privateTls: 90 }\n');
  await writeFile(join(dir, 'waivers.yaml'), `waivers:\n  - { id: W-1, rule: cert-rsa-key-min-2048, target: "*rsa-1024.pem", owner: A. Person, reason: test device, expires: 2027-01-31 }\n  - { id: W-2, rule: cert-signature-no-sha1, owner: B. Person, reason: expired exception, expires: 2026-01-31 }\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scan with a policy profile and waivers', () => {
  it('judges against the configured profile, reports waived findings and expired waivers', async () => {
    const config = ScanConfig.parse({
      collectors: { 'cert-file': { paths: [join(fixtures, 'rsa-1024.pem'), join(fixtures, 'sha1-rsa.pem')] } },
      policy: { profile: 'ours.yaml' },
      waivers: 'waivers.yaml',
      output: { dir: 'out' },
    });
    const report = await scan({ config, baseDir: dir, model: builtinModel('1.1.0'), now: () => NOW, previousScans: [] });
    expect(report.policy).toEqual({ name: 'ours', sources: ['ours.yaml', 'cabf-tls', 'default'] });
    expect(report.waived?.map((w) => `${w.waiver.label} ${w.ruleId}`)).toEqual(['W-1 cert-rsa-key-min-2048']);
    expect(report.findings.some((f) => f.ruleId === 'cert-rsa-key-min-2048')).toBe(false);
    expect(report.findings.some((f) => f.ruleId === 'cert-signature-no-sha1')).toBe(true);
    expect(report.waivers?.expired.map((e) => e.waiver.label)).toEqual(['W-2']);
    // The private-TLS lifetime of the profile (90 days) applies to the year-long fixture certificates.
    expect(report.findings.filter((f) => f.ruleId === 'cert-validity-within-policy')).toHaveLength(2);
  });

  it('fails before any I/O on a bad profile', async () => {
    const config = ScanConfig.parse({ policy: { profile: 'missing.yaml' } });
    await expect(scan({ config, baseDir: dir, model: builtinModel('1.1.0'), now: () => NOW, previousScans: [] })).rejects.toThrow('policy profile missing.yaml: file not found');
  });
});
