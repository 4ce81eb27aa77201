import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanReport } from './report.js';
import { reporters, type ReportFormat } from './render.js';

/** Writes the report in each format into `dir` as report.<extension>, atomically; returns the paths written. */
export async function writeReports(report: ScanReport, formats: readonly ReportFormat[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const format of [...new Set(formats)]) {
    const reporter = reporters[format];
    const path = join(dir, `report.${reporter.extension}`);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, reporter.render(report), 'utf8');
    await rename(temp, path);
    written.push(path);
  }
  return written;
}
