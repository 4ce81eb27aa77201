import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = new URL('../../', import.meta.url).pathname;

describe('pkimm gate', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pkimm-gate-'));
    const { code } = await runCli(['score', '--answers', join(root, 'fixtures/answers/excel-sample-1.0.0.yaml'), '--mode', 'excel', '--out-dir', dir, '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
  });

  it('passes when every condition holds', async () => {
    const { code, out } = await runCli(['gate', 'report.json', '--min-overall', '2.8', '--min-category', '4=3'], { cwd: dir });
    expect(out).toBe('gate passed: 2 conditions met\n');
    expect(code).toBe(0);
  });

  it('fails with one line per failed condition', async () => {
    const { code, out } = await runCli(['gate', 'report.json', '--min-overall', '3', '--min-category', '1=2', '6=2'], { cwd: dir });
    expect(code).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines).toEqual([
      'gate failed: overall maturity 2.8628 (Basic) is below the minimum 3',
      'gate failed: category 1 Strategy and Vision maturity 1 (Initial) is below the minimum 2',
    ]);
  });

  it.each([
    [['gate', 'report.json'], /give at least one condition/],
    [['gate', 'report.json', '--min-overall', 'x'], /--min-overall x: expected a number/],
    [['gate', 'report.json', '--min-category', '99=2'], /no category 99 in model 1\.0\.0/],
    [['gate', 'report.json', '--max-findings', 'severe=1'], /unknown severity/],
    [['gate', 'missing.json', '--min-overall', '1'], /report missing\.json: file not found/],
  ])('exits 2 on %j', async (args, pattern) => {
    const { code, err } = await runCli(args, { cwd: dir });
    expect(code).toBe(2);
    expect(err).toMatch(pattern);
  });

  it('rejects a file that is not a report, naming the field', async () => {
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ schemaVersion: '1.0.0', tool: { name: 'pkimm-scan', version: '0' } }));
    const { code, err } = await runCli(['gate', 'other.json', '--min-overall', '1'], { cwd: dir });
    expect(code).toBe(2);
    expect(err).toMatch(/^pkimm: report other\.json: generatedAt: /);
  });
});
