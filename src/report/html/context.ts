import type { AnyEvidence } from '../../../model/evidence.js';
import type { RuleInfo, ScanReport } from '../report.js';
import { esc, evidenceAnchor } from './escape.js';
import type { HtmlReportType } from './report-types.js';

/** One data series of a chart. */
export interface ChartDataset {
  readonly label: string;
  readonly data: readonly (number | null)[];
  /** CSS colour (hex). */
  readonly color: string;
}

/** What the client script needs to draw one chart with Chart.js. */
export interface ChartSpec {
  readonly type: 'bar' | 'line';
  /** Bars grow to the right (category labels on the y axis). */
  readonly horizontal?: boolean;
  readonly stacked?: boolean;
  readonly labels: readonly string[];
  readonly datasets: readonly ChartDataset[];
  /** Bounds and title of the value axis. */
  readonly min?: number;
  readonly max?: number;
  readonly valueTitle?: string;
  /** Whole-number ticks only (counts). */
  readonly integer?: boolean;
}

/** Everything section renderers share while one page is rendered. */
export interface RenderContext {
  readonly report: ScanReport;
  readonly type: HtmlReportType;
  /** "Now" of the report: the end of the scan, else the time it was generated (never the render time). */
  readonly nowMs: number;
  readonly evidenceById: ReadonlyMap<string, AnyEvidence>;
  readonly rules: ReadonlyMap<string, RuleInfo>;
  /** Evidence ids that have an anchor on this page (the evidence appendix). */
  readonly anchored: ReadonlySet<string>;
  /** Chart specs by canvas id, filled in page order while sections render. */
  readonly charts: Map<string, ChartSpec>;
}

/** Creates the render context of one page; `anchored` lists the evidence ids the page's appendix will hold. */
export function createContext(report: ScanReport, type: HtmlReportType, anchored: ReadonlySet<string>): RenderContext {
  const now = Date.parse(report.scan?.finishedAt ?? report.generatedAt);
  return {
    report,
    type,
    nowMs: Number.isNaN(now) ? 0 : now,
    evidenceById: new Map(report.evidence.map((e) => [e.id, e])),
    rules: new Map(report.rules.map((r) => [r.id, r])),
    anchored,
    charts: new Map(),
  };
}

/** Returns a short readable name for an evidence item: a certificate's subject, an endpoint, a URL, a domain. */
export function evidenceLabel(item: AnyEvidence | undefined, fallback: string): string {
  if (item === undefined) return fallback;
  const data = item.data as unknown as Readonly<Record<string, unknown>>;
  const pick = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = data[key];
      if (typeof value === 'string' && value !== '') return value;
    }
    return undefined;
  };
  switch (item.kind) {
    case 'certificate':
      return pick('subject') ?? `certificate ${item.data.sha256.slice(0, 16)}`;
    case 'ct-log-entry': {
      const names = data.dnsNames;
      const first = Array.isArray(names) && typeof names[0] === 'string' ? names[0] : undefined;
      return first ?? pick('subject', 'serialNumberHex') ?? item.target;
    }
    default:
      return pick('url', 'endpoint', 'domain', 'logUrl', 'file', 'name', 'location') ?? item.target;
  }
}

/** Returns a link to an evidence item's anchor when the page has one, else its name as plain text; HTML. */
export function evidenceRef(ctx: RenderContext, evidenceId: string, label?: string): string {
  const text = label ?? evidenceLabel(ctx.evidenceById.get(evidenceId), evidenceId);
  if (ctx.anchored.has(evidenceId)) return `<a class="ev" href="#${evidenceAnchor(evidenceId)}">${esc(text)}</a>`;
  return `<span class="ev" title="${esc(evidenceId)}">${esc(text)}</span>`;
}

/**
 * Registers a chart and returns its figure: the canvas (drawn by the client script), a caption and the same numbers
 * as a table for screen readers and readers without scripts. HTML.
 */
export function chartFigure(ctx: RenderContext, id: string, spec: ChartSpec, caption: string, size: 'small' | 'medium' | 'tall' = 'medium'): string {
  ctx.charts.set(id, { ...spec, labels: spec.labels.map(shortLabel) });
  const head = `<tr><th scope="col">${esc(spec.horizontal ? 'Item' : 'Label')}</th>${spec.datasets.map((d) => `<th scope="col">${esc(d.label)}</th>`).join('')}</tr>`;
  const rows = spec.labels
    .map((label, i) => `<tr><th scope="row">${esc(label)}</th>${spec.datasets.map((d) => `<td class="num">${esc(formatValue(d.data[i]))}</td>`).join('')}</tr>`)
    .join('');
  return (
    `<figure class="chart chart-${size}"><div class="chart-box"><canvas id="${id}" role="img" aria-label="${esc(caption)}"></canvas></div>` +
    `<figcaption>${esc(caption)}</figcaption>` +
    `<details class="chart-data"><summary>Chart data as a table</summary><table><thead>${head}</thead><tbody>${rows}</tbody></table></details></figure>`
  );
}

/** Longest axis label drawn on a chart; the data table keeps the full text. */
const MAX_LABEL = 48;

function shortLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
