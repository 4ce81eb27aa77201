import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanConfig } from '../../src/config/scan-config.js';
import { scan } from '../../src/engine/scan.js';
import { ScanReportSchema } from '../../src/report/report.js';

const fixtures = new URL('../../fixtures/certificates/', import.meta.url).pathname;
const NOW = new Date('2026-11-22T00:00:00Z');

function estate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-scan-'));
  cpSync(fixtures, join(dir, 'certs'), { recursive: true });
  // The same certificate in a second place: one evidence item with two sightings.
  cpSync(join(fixtures, 'rsa-2048.pem'), join(dir, 'copy-of-rsa-2048.pem'));
  return dir;
}

describe('scan', () => {
  it('collects, checks, assesses and scores certificate files into a valid, sorted report', async () => {
    const dir = estate();
    const config = ScanConfig.parse({ collectors: { 'cert-file': { paths: ['certs', 'copy-of-rsa-2048.pem'] } } });
    const report = await scan({ config, baseDir: dir, now: () => NOW, previousScans: [] });

    expect(ScanReportSchema.safeParse(report).success).toBe(true);
    expect(report.model).toMatchObject({ version: '1.1.0', source: { kind: 'builtin' } });
    expect(report.scoring).toEqual({ mode: 'methodology', mergePolicy: report.assessment.mergePolicy });
    const ids = report.evidence.map((e) => e.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);

    const twice = report.evidence.find((e) => e.kind === 'certificate' && e.data.sightings.some((s) => s.target === 'copy-of-rsa-2048.pem'));
    expect(twice?.kind === 'certificate' && twice.data.sightings.map((s) => s.target)).toEqual(['certs', 'copy-of-rsa-2048.pem']);

    // Bad files are problems, and everything else is still collected.
    expect(report.problems.map((p) => p.code)).toContain('parse');
    expect(report.summary.certificates).toBeGreaterThanOrEqual(8);

    const failed = new Set(report.findings.map((f) => f.ruleId));
    for (const id of ['cert-not-expired', 'cert-rsa-key-min-2048', 'cert-signature-no-sha1', 'cert-tls-validity-max-398-days']) expect(failed).toContain(id);

    // Assessors spoke about 5.4 and 7.4; with no answers the proposals are the automated levels.
    expect(report.assessment.requirements['7.4']).toMatchObject({ source: 'automated', level: 1, coverage: 'automated' });
    expect(report.assessment.requirements['5.4']).toMatchObject({ source: 'automated', coverage: 'automated' });
    expect(report.assessment.requirements['1.1']).toMatchObject({ source: 'unanswered', coverage: 'manual' });
    // Every level that counts comes from an assessor here (no answers): completeness counts exactly those.
    const automated = Object.values(report.assessment.requirements).filter((r) => r.level !== undefined);
    expect(automated.every((r) => r.source === 'automated')).toBe(true);
    expect(report.assessment.overall.completeness.answered).toBe(automated.length);
    expect(automated.length).toBeGreaterThanOrEqual(2);

    // No absolute paths leak into the report.
    expect(JSON.stringify(report)).not.toContain(dir);
  });

  it('is deterministic: two scans of the same input differ only in their timestamps', async () => {
    const dir = estate();
    const config = ScanConfig.parse({ collectors: { 'cert-file': { paths: ['certs'] } } });
    const a = await scan({ config, baseDir: dir, now: () => NOW, previousScans: [] });
    const b = await scan({ config, baseDir: dir, now: () => NOW, previousScans: [] });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('merges answers and records a conflict when an answer exceeds an evidence cap', async () => {
    const dir = estate();
    writeFileSync(join(dir, 'inventory.csv'), 'sha256,owner,location,state\n' + '0'.repeat(64) + ',a,b,c\n');
    writeFileSync(join(dir, 'answers.yaml'), 'model: 1.1.0\nrequirements:\n  "7.4": { level: 5 }\n  "1.1": { level: 3 }\n');
    const config = ScanConfig.parse({ collectors: { 'cert-file': { paths: ['certs'] } }, inventory: { declared: 'inventory.csv' }, answers: 'answers.yaml' });
    const report = await scan({ config, baseDir: dir, now: () => NOW, previousScans: [] });
    const r74 = report.assessment.requirements['7.4']!;
    expect(r74.source).toBe('merged');
    expect(r74.level).toBe(3);
    expect(r74.conflicts.map((c) => c.kind)).toContain('cap-exceeded');
    expect(report.assessment.requirements['1.1']).toMatchObject({ source: 'manual', level: 3 });
    expect(report.answers).toMatchObject({ source: 'answers.yaml', kind: 'full' });
    expect(report.scan?.declaredInventory).toEqual({ source: 'inventory.csv', records: 1 });
  });

  it('reports every configuration problem at once, before any I/O', async () => {
    const config = ScanConfig.parse({ collectors: { 'cert-file': { paths: 'x' }, 'tls-endpoint': { targets: ['no-port'] }, nope: {} } });
    await expect(scan({ config, baseDir: tmpdir(), now: () => NOW, configSource: 'scan.yaml' })).rejects.toThrow(
      /^scan\.yaml: collectors\.cert-file: paths: .*; collectors\.tls-endpoint: targets.*; collectors\.nope: unknown collector/,
    );
  });
});
