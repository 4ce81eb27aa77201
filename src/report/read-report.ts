import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { displayPath, formatZodError } from '../config/load-file.js';
import { ScanReportSchema, type ScanReport } from './report.js';

const MAX_REPORT_BYTES = 1_000_000_000;

/** Reads a JSON report written by `pkimm scan` or `pkimm score`; throws one ConfigError naming the file and field. */
export async function readReport(path: string, baseDir: string): Promise<ScanReport> {
  const shown = displayPath(path, baseDir);
  const absolute = resolve(baseDir, path);
  let text: string;
  try {
    const info = await stat(absolute);
    if (info.size > MAX_REPORT_BYTES) throw new ConfigError(`report ${shown}: larger than ${MAX_REPORT_BYTES} bytes`, shown);
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`report ${shown}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`, shown, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`report ${shown}: not valid JSON: ${(error as Error).message}`, shown);
  }
  const parsed = ScanReportSchema.safeParse(data);
  if (!parsed.success) throw new ConfigError(formatZodError(parsed.error, `report ${shown}`), shown);
  return parsed.data as unknown as ScanReport;
}
