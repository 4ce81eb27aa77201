import type { ScanReport } from '../report.js';
import type { Reporter } from './reporter.js';

/** The complete report as JSON (2-space indent, trailing newline). */
export const json: Reporter = {
  format: 'json',
  extension: 'json',
  render(report: ScanReport): string {
    return `${JSON.stringify(report, null, 2)}\n`;
  },
};
