import type { ScanReport } from './report.js';
import { cbom } from './reporters/cbom.js';
import { csv, findingsCsv } from './reporters/csv.js';
import { html, htmlReportTypes } from './reporters/html.js';
import { json } from './reporters/json.js';
import { junit } from './reporters/junit.js';
import { markdown } from './reporters/markdown.js';
import { openmetrics } from './reporters/openmetrics.js';
import type { Reporter } from './reporters/reporter.js';
import { sarif } from './reporters/sarif.js';

/** Every built-in reporter, by format (`--format` names; files are written as report.<extension>). */
export const reporters = {
  json,
  markdown,
  sarif,
  junit,
  cbom,
  openmetrics,
  csv,
  'findings-csv': findingsCsv,
  html,
  ...htmlReportTypes,
} as const satisfies Record<string, Reporter>;
export type ReportFormat = keyof typeof reporters;

/** Renders a report in one format. */
export function render(report: ScanReport, format: ReportFormat): string {
  return reporters[format].render(report);
}
