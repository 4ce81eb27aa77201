// The four standardised report types of the PKIMM methodology ("Reporting"), and which sections each one shows.

/** An official PKIMM report type. */
export type HtmlReportType = 'self-assessment' | 'assessment' | 'detailed' | 'attestation';

/** The report types, in the order the methodology lists them. */
export const HTML_REPORT_TYPES: readonly HtmlReportType[] = ['self-assessment', 'assessment', 'detailed', 'attestation'];

/** Every section the HTML report can show, in page order. */
export type SectionId =
  | 'attestation'
  | 'overview'
  | 'levels'
  | 'recommendations'
  | 'automation'
  | 'conflicts'
  | 'requirements'
  | 'findings'
  | 'health'
  | 'inventory'
  | 'revocation'
  | 'ct'
  | 'problems'
  | 'extensions'
  | 'trends'
  | 'evidence';

/** What one report type is called and shows. */
export interface ReportTypeInfo {
  /** Title of the page. */
  readonly title: string;
  /** One sentence under the title: who the report is for. */
  readonly purpose: string;
  readonly sections: readonly SectionId[];
}

/** Title, purpose and sections per report type (sections without data are left out at render time). */
export const REPORT_TYPE_INFO: Readonly<Record<HtmlReportType, ReportTypeInfo>> = {
  'self-assessment': {
    title: 'PKI maturity self-assessment report',
    purpose: 'A quick estimate of the maturity of the PKI, for the organisation itself.',
    sections: ['overview', 'levels', 'extensions', 'problems'],
  },
  assessment: {
    title: 'PKI maturity assessment report',
    purpose: 'The assessed maturity, what limits it and how to reach the next level, in a form for management.',
    sections: ['overview', 'levels', 'recommendations', 'automation', 'conflicts', 'findings', 'health', 'extensions', 'trends', 'problems'],
  },
  detailed: {
    title: 'PKI maturity detailed assessment report',
    purpose: 'Every result of the assessment in one place: requirement results with their reasons and evidence, the certificate inventory and the evidence itself, for the people who run the PKI.',
    sections: ['overview', 'levels', 'recommendations', 'automation', 'conflicts', 'requirements', 'findings', 'health', 'inventory', 'revocation', 'ct', 'extensions', 'trends', 'problems', 'evidence'],
  },
  attestation: {
    title: 'PKI maturity attestation',
    purpose: 'A short statement of the maturity level achieved, for customers and relying parties.',
    sections: ['attestation'],
  },
};
