import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { ScanConfig } from '../../src/config/scan-config.js';
import { scan } from '../../src/engine/scan.js';
import { scoreAnswers } from '../../src/engine/score-answers.js';
import { evaluateGate } from '../../src/gate/gate.js';
import type { ScanReport } from '../../src/report/report.js';
import { NOW } from '../helpers/evidence.js';

const fixtures = new URL('../../fixtures/certificates/', import.meta.url).pathname;
const model = builtinModel('1.1.0');
const answers = { file: { model: '1.1.0', scope: {}, requirements: { '7.4': { level: 3 } }, categories: {}, extensions: {} }, source: 'answers.yaml' };
let dir: string;
let earlier: ScanReport;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-score-waivers-'));
  await writeFile(
    join(dir, 'waivers.yaml'),
    'waivers:\n  - { id: W-1, rule: cert-rsa-key-min-2048, owner: A. Person, reason: test device, expires: 2027-01-31 }\n  - { id: W-2, rule: cert-signature-no-sha1, owner: B. Person, reason: old exception, expires: 2026-01-31 }\n  - { id: W-3, rule: tls-*, owner: C. Person, reason: lab, expires: 2027-01-31 }\n',
  );
  const config = ScanConfig.parse({
    collectors: { 'cert-file': { paths: [join(fixtures, 'rsa-1024.pem'), join(fixtures, 'sha1-rsa.pem')] } },
    waivers: 'waivers.yaml',
    output: { dir: 'out' },
  });
  earlier = await scan({ config, baseDir: dir, model, now: () => NOW, previousScans: [] });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scoreAnswers with an earlier report (pkimm score --evidence)', () => {
  it('keeps the waived findings waived, the expired waiver expired, and the policy and inventory of the scan', () => {
    expect(earlier.waived?.map((w) => w.waiver.label)).toEqual(['W-1']);
    const report = scoreAnswers({ model, answers, evidenceReport: earlier, now: () => NOW });
    expect(report.waived?.map((w) => `${w.waiver.label} ${w.ruleId} ${w.waiver.owner} ${w.waiver.expires}`)).toEqual(['W-1 cert-rsa-key-min-2048 A. Person 2027-01-31']);
    expect(report.findings.some((f) => f.ruleId === 'cert-rsa-key-min-2048')).toBe(false);
    expect(report.findings.some((f) => f.ruleId === 'cert-signature-no-sha1')).toBe(true);
    expect(report.summary.waived).toBe(1);
    expect(report.waivers?.expired.map((e) => e.waiver.label)).toEqual(['W-2']);
    expect(report.waivers?.unused.map((w) => w.label)).toEqual(['W-3']);
    expect(report.policy).toEqual(earlier.policy);
    expect(report.inventory?.certificates).toBe(2);
    expect(report.answers?.source).toBe('answers.yaml');
    // The gate counts what the scan counted: the waived failure does not fail a gate on its rule's severity.
    const severity = earlier.waived![0]!.severity;
    const before = evaluateGate(earlier, { maxFindings: { [severity]: earlier.summary.findings[severity] } });
    const after = evaluateGate(report, { maxFindings: { [severity]: earlier.summary.findings[severity] } });
    expect(before.passed).toBe(true);
    expect(after.passed).toBe(true);
  });

  it('lets a waiver that has expired since the scan lapse: its failure counts again and the waiver is listed as expired', () => {
    const later = new Date('2027-02-15T00:00:00Z');
    const report = scoreAnswers({ model, answers, evidenceReport: earlier, now: () => later });
    expect(report.waived).toEqual([]);
    expect(report.findings.some((f) => f.ruleId === 'cert-rsa-key-min-2048')).toBe(true);
    const expired = report.waivers?.expired.map((e) => [e.waiver.label, e.matching]);
    expect(expired).toEqual([['W-2', 1], ['W-1', 1], ['W-3', 0]]);
    expect(report.waivers?.expired.find((e) => e.waiver.label === 'W-1')?.message).toBe('waiver W-1 (owner A. Person) for cert-rsa-key-min-2048 expired on 2027-01-31; 1 failed result(s) are no longer waived');
    expect(report.waivers?.unused).toEqual([]);
  });

  it('builds no waiver section for a report scanned without waivers', () => {
    const { waived, waivers, ...rest } = earlier;
    expect(waived).toBeDefined();
    const report = scoreAnswers({ model, answers, evidenceReport: { ...rest, summary: { ...rest.summary } }, now: () => NOW });
    expect(report.waived).toBeUndefined();
    expect(report.waivers).toBeUndefined();
    expect(waivers).toBeDefined();
  });
});
