import { renderHtmlReport } from '../html/page.js';
import type { HtmlReportType } from '../html/report-types.js';
import type { ScanReport } from '../report.js';
import type { Reporter } from './reporter.js';

/** Returns the HTML reporter of one official PKIMM report type, written as report.<extension>. */
function htmlReporter(format: string, extension: string, type: HtmlReportType): Reporter {
  return { format, extension, render: (report: ScanReport) => renderHtmlReport(report, type) };
}

/** The detailed HTML report (everything, with the certificate inventory and the evidence appendix): report.html. */
export const html: Reporter = htmlReporter('html', 'html', 'detailed');

/** The other official report types: assessment (management), self-assessment and attestation, each its own file. */
export const htmlReportTypes = {
  'html-assessment': htmlReporter('html-assessment', 'assessment.html', 'assessment'),
  'html-self-assessment': htmlReporter('html-self-assessment', 'self-assessment.html', 'self-assessment'),
  'html-attestation': htmlReporter('html-attestation', 'attestation.html', 'attestation'),
} as const satisfies Record<string, Reporter>;
