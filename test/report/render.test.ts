import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, reporters, type ReportFormat } from '../../src/report/render.js';
import { writeReports } from '../../src/report/write-reports.js';
import { runCli } from '../helpers/cli.js';
import { fixtureReport } from './render-fixture.js';

const root = new URL('../../', import.meta.url).pathname;
const formats = Object.keys(reporters) as ReportFormat[];
/** The formats for CI and other tools, with the files they write. */
const CI_FILES = {
  sarif: 'report.sarif',
  junit: 'report.junit.xml',
  cbom: 'report.cdx.json',
  openmetrics: 'report.prom',
  csv: 'report.csv',
  'findings-csv': 'report.findings.csv',
} as const;
const ciFormats = Object.keys(CI_FILES) as (keyof typeof CI_FILES)[];

describe('render', () => {
  const report = fixtureReport();

  it('knows the CI formats, and every format has its own file name', () => {
    for (const f of ciFormats) expect(`report.${reporters[f].extension}`).toBe(CI_FILES[f]);
    const files = formats.map((f) => `report.${reporters[f].extension}`);
    expect(new Set(files).size).toBe(files.length);
  });

  it.each(ciFormats)('%s is a pure function of the report: same report, same bytes, no absolute paths', (format) => {
    const text = render(report, format);
    expect(render(fixtureReport(), format)).toBe(text);
    expect(text).not.toContain(root);
    expect(text).not.toContain(tmpdir());
  });

  it('writes the CI formats into the output folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-render-'));
    const written = await writeReports(report, ciFormats, dir);
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual(Object.values(CI_FILES));
    expect(readdirSync(dir).sort()).toEqual(Object.values(CI_FILES).sort());
    expect(readFileSync(join(dir, 'report.prom'), 'utf8')).toBe(render(report, 'openmetrics'));
  });

  it('lets pkimm score write the new formats and names them in the unknown-format error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-render-cli-'));
    const answers = join(root, 'fixtures/answers/excel-sample-1.0.0.yaml');
    const ok = await runCli(['score', '--answers', answers, '--out-dir', dir, '--format', 'sarif,junit,cbom,openmetrics,csv,findings-csv'], { cwd: dir });
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report.cdx.json', 'report.csv', 'report.findings.csv', 'report.junit.xml', 'report.prom', 'report.sarif']);
    const bad = await runCli(['score', '--answers', answers, '--out-dir', dir, '--format', 'pdf'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format pdf: unknown format (known: json, markdown, sarif, junit, cbom, openmetrics, csv, findings-csv');
  });
});
