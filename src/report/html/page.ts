import type { Evidence } from '../../../model/evidence.js';
import type { ScanReport } from '../report.js';
import { chartJs } from './chartjs.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { createContext, type RenderContext } from './context.js';
import { cspHash, esc, jsonForScript } from './escape.js';
import { minute } from './format.js';
import { inventoryRows } from './inventory-data.js';
import { REPORT_TYPE_INFO, type HtmlReportType, type SectionId } from './report-types.js';
import type { Section, SectionRenderer } from './section.js';
import { findingsSection, problemsSection } from './sections/findings.js';
import { appendixIds, evidenceSection, extensionsSection, trendsSection } from './sections/more.js';
import { healthSection, inventorySection } from './sections/pki.js';
import { automationSection, conflictsSection, requirementsSection } from './sections/requirements.js';
import { ctSection, revocationSection } from './sections/revocation.js';
import { assessmentDate, attestationSection, levelsSection, overviewSection, recommendationsSection } from './sections/summary.js';
import { REPORT_CSS } from './styles.js';

const RENDERERS: Readonly<Record<SectionId, SectionRenderer>> = {
  attestation: attestationSection,
  overview: overviewSection,
  levels: levelsSection,
  recommendations: recommendationsSection,
  automation: automationSection,
  conflicts: conflictsSection,
  requirements: requirementsSection,
  findings: findingsSection,
  health: healthSection,
  inventory: inventorySection,
  revocation: revocationSection,
  ct: ctSection,
  problems: problemsSection,
  extensions: extensionsSection,
  trends: trendsSection,
  evidence: evidenceSection,
};

function anchoredEvidence(report: ScanReport, type: HtmlReportType): Set<string> {
  if (!REPORT_TYPE_INFO[type].sections.includes('evidence')) return new Set();
  const statementIds = Object.values(report.assessment.requirements).flatMap((r) => r.automated?.evidenceIds ?? []);
  const findingIds = report.findings.flatMap((f) => (f.evidenceId === undefined ? [] : [f.evidenceId]));
  return appendixIds(report.evidence, statementIds, findingIds);
}

function header(ctx: RenderContext): string {
  const info = REPORT_TYPE_INFO[ctx.type];
  const org = ctx.report.answers?.organisation;
  const subtitle = [org, `assessment of ${assessmentDate(ctx)}`, `PKIMM ${ctx.report.model.version}`].filter((x): x is string => x !== undefined).join(' · ');
  return (
    `<header class="page-header"><p class="report-type">${esc(ctx.type)} report</p><h1>${esc(info.title)}</h1>` +
    `<p class="subtitle">${esc(subtitle)}</p><p class="purpose">${esc(info.purpose)}</p></header>`
  );
}

function toc(sections: readonly Section[]): string {
  if (sections.length < 2) return '';
  return `<nav class="toc" aria-label="Contents"><ol>${sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`;
}

function footer(ctx: RenderContext, chartJsVersion: string | undefined): string {
  const r = ctx.report;
  const chartNote = chartJsVersion === undefined ? '' : ` Charts drawn with Chart.js ${chartJsVersion} (MIT licence, © Chart.js contributors), included in this file.`;
  return (
    `<footer><p>${esc(`Generated ${minute(r.generatedAt)} by pkimm-scan ${r.tool.version} from a JSON report of schema ${r.schemaVersion}. PKIMM is a model of the PKI Consortium.${chartNote}`)}</p>` +
    '<p>This file is self-contained: it loads nothing from the network.</p></footer>'
  );
}

/**
 * Renders the HTML report of one PKIMM report type: a single self-contained file whose scripts and stylesheet are
 * allowed by hash in a strict Content-Security-Policy. A pure function of the report: same report, same bytes.
 */
export function renderHtmlReport(report: ScanReport, type: HtmlReportType): string {
  const ctx = createContext(report, type, anchoredEvidence(report, type));
  const sections = REPORT_TYPE_INFO[type].sections.map((id) => RENDERERS[id](ctx)).filter((s): s is Section => s !== undefined);
  const main = sections.map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-title"><h2 id="${s.id}-title">${esc(s.title)}</h2>${s.body}</section>`).join('\n');

  const data: Record<string, unknown> = {};
  if (ctx.charts.size > 0) data.charts = Object.fromEntries(ctx.charts);
  if (sections.some((s) => s.id === 'inventory')) {
    const certificates = report.evidence.filter((e): e is Evidence<'certificate'> => e.kind === 'certificate');
    data.inventory = inventoryRows(certificates, ctx.nowMs, ctx.anchored);
  }
  const needsScript = Object.keys(data).length > 0;
  const chart = ctx.charts.size > 0 ? chartJs() : undefined;
  const script = needsScript ? `${chart === undefined ? '' : `${chart.source}\n`}${CLIENT_SCRIPT}` : undefined;
  const csp = [
    "default-src 'none'",
    `script-src ${script === undefined ? "'none'" : cspHash(script)}`,
    `style-src ${cspHash(REPORT_CSS)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `${REPORT_TYPE_INFO[type].title}${report.answers?.organisation === undefined ? '' : `: ${report.answers.organisation}`}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(`pkimm-scan ${report.tool.version}`)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    `<body class="report-${type}">`,
    header(ctx),
    toc(sections),
    `<main>\n${main}\n</main>`,
    footer(ctx, chart?.version),
    needsScript ? `<script type="application/json" id="pkimm-data">${jsonForScript(data)}</script>` : '',
    script === undefined ? '' : `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');
}
