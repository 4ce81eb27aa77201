import type { ScanReport } from '../report.js';

/** A reporter: a pure function from the JSON report to text. Writing files is the CLI's job. */
export interface Reporter {
  readonly format: string;
  /** File extension without the dot. */
  readonly extension: string;
  render(report: ScanReport): string;
}
