import { ConfigError } from '../errors.js';
import { displayPath, formatZodError, readBoundedText } from '../config/load-file.js';
import { ScanReportSchema, type ScanReport } from './report.js';

const MAX_REPORT_BYTES = 1_000_000_000;

/** Reads a JSON report written by `pkimm scan` or `pkimm score`; throws one ConfigError naming the file and field. */
export async function readReport(path: string, baseDir: string): Promise<ScanReport> {
  const shown = displayPath(path, baseDir);
  const text = await readBoundedText(path, baseDir, 'report', MAX_REPORT_BYTES);
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
