import type { ScanReport } from './report.js';
import { json } from './reporters/json.js';
import { markdown } from './reporters/markdown.js';
import type { Reporter } from './reporters/reporter.js';

/** Every built-in reporter, by format. */
export const reporters = { json, markdown } as const satisfies Record<string, Reporter>;
export type ReportFormat = keyof typeof reporters;

/** Renders a report in one format. */
export function render(report: ScanReport, format: ReportFormat): string {
  return reporters[format].render(report);
}
