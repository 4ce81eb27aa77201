import type { AnyEvidence } from '../../../../model/evidence.js';
import { chartFigure, evidenceLabel, evidenceRef, type RenderContext } from '../context.js';
import { esc, evidenceAnchor } from '../escape.js';
import { compareRef, compareText, count, fixed, minute } from '../format.js';
import { facts, para, table } from '../markup.js';
import type { Section } from '../section.js';

const BASELINE_COLOR = '#6e7781';
const EXTENSION_COLOR = '#bf3989';
const OVERALL_COLOR = '#1f6feb';
/** Distinct line colours for category trends (cycled). */
const SERIES_COLORS = ['#1f6feb', '#bc4c00', '#1a7f37', '#8250df', '#bf3989', '#9a6700', '#0969da', '#cf222e'];

/** Renders the extension view (e.g. PQC readiness): scores and per-category levels; undefined when none was scored. */
export function extensionsSection(ctx: RenderContext): Section | undefined {
  const extensions = ctx.report.assessment.extensions;
  if (extensions.length === 0) return undefined;
  const categories = ctx.report.assessment.categories;
  const blocks = extensions.map((e, index) => {
    const head = `<h3>${esc(`${e.name} ${e.version}`)}</h3>`;
    if (!e.compatible) return head + para(`This extension is not compatible with model ${ctx.report.model.version}; it was not scored.`);
    const summary = facts(
      [
        ['Extension score', esc(fixed(e.score))],
        ['Floor score (weakest category)', e.floor === null ? undefined : esc(fixed(e.floor))],
        ['PKIMM score with the extension weights', esc(fixed(e.weightedPkimm))],
        ['Relevance not answered', e.unansweredRelevance.length === 0 ? undefined : esc(e.unansweredRelevance.join(', '))],
      ],
      'numbers',
    );
    const cats = [...e.categories].sort((a, b) => compareRef(a.categoryId, b.categoryId));
    const label = (id: string): string => `${id} ${categories[id]?.name ?? ''}`.trim();
    const chart = chartFigure(
      ctx,
      `chart-extension-${index}`,
      {
        type: 'bar',
        horizontal: true,
        labels: cats.map((c) => label(c.categoryId)),
        datasets: [
          { label: 'Baseline level', data: cats.map((c) => c.baselineLevel), color: BASELINE_COLOR },
          { label: 'Extension level', data: cats.map((c) => c.extensionLevel), color: EXTENSION_COLOR },
        ],
        min: 0,
        max: 5,
        valueTitle: 'Level',
      },
      `${e.name}: baseline and extension level per category`,
      'tall',
    );
    const rows = cats.map((c) => [
      esc(label(c.categoryId)),
      esc(fixed(c.baselineLevel)),
      esc(fixed(c.level)),
      esc(c.relevanceLevel === undefined ? '—' : `${c.relevanceLevel} (weight ${fixed(c.relevanceWeight ?? 0, 0)})`),
      esc(fixed(c.extensionLevel)),
      esc(fixed(c.effectiveCategoryWeight, 2)),
    ]);
    const detail = table({
      caption: `${e.name} per category`,
      head: ['Category', 'Baseline level', 'Level with overlays', 'Relevance answer', 'Extension level', 'Category weight'],
      rows,
      numeric: [1, 2, 4, 5],
      rowHeaders: true,
    });
    return head + summary + chart + detail;
  });
  return {
    id: 'extensions',
    title: 'Extensions',
    body: para('Extension scores are shown with two decimals and are not truncated; they never change the baseline levels above.', 'note') + blocks.join(''),
  };
}

/** Renders trends over earlier scans (overall, categories, metrics) when the report carries history; else undefined. */
export function trendsSection(ctx: RenderContext): Section | undefined {
  const trends = ctx.report.trends;
  if (trends === undefined || trends.overall.length === 0) return undefined;
  const points = trends.overall;
  const labels = points.map((p) => p.scannedAt.slice(0, 10));
  const indexOf = new Map(points.map((p, i) => [p.scanId, i]));
  const align = (series: readonly { scanId: string; value: number | null }[]): (number | null)[] => {
    const out: (number | null)[] = points.map(() => null);
    for (const p of series) {
      const i = indexOf.get(p.scanId);
      if (i !== undefined) out[i] = p.value;
    }
    return out;
  };
  const categoryIds = Object.keys(trends.categories).sort(compareRef);
  const names = ctx.report.assessment.categories;
  const parts: string[] = [];
  const last = points[points.length - 1];
  const previous = points[points.length - 2];
  if (last !== undefined && previous !== undefined && last.value !== null && previous.value !== null) {
    const delta = last.value - previous.value;
    parts.push(para(`Compared with the previous assessment (${minute(previous.scannedAt)}), the overall weighted average ${delta === 0 ? 'is unchanged' : `${delta > 0 ? 'rose' : 'fell'} by ${fixed(Math.abs(delta))}`}: ${fixed(previous.value)} → ${fixed(last.value)}.`));
  }
  parts.push(
    '<div class="charts">',
    chartFigure(ctx, 'chart-trend-overall', { type: 'line', labels, datasets: [{ label: 'Overall weighted average', data: align(points), color: OVERALL_COLOR }], min: 0, max: 5, valueTitle: 'Maturity level' }, 'Overall maturity over the recorded scans', 'small'),
  );
  if (categoryIds.length > 0) {
    parts.push(
      chartFigure(
        ctx,
        'chart-trend-categories',
        {
          type: 'line',
          labels,
          datasets: categoryIds.map((id, i) => ({ label: `${id} ${names[id]?.name ?? ''}`.trim(), data: align(trends.categories[id] ?? []), color: SERIES_COLORS[i % SERIES_COLORS.length] ?? OVERALL_COLOR })),
          min: 0,
          max: 5,
          valueTitle: 'Maturity level',
        },
        'Category maturity over the recorded scans',
        'tall',
      ),
    );
  }
  parts.push('</div>');
  const metricRows = Object.keys(trends.metrics)
    .sort(compareText)
    .map((name) => {
      const series = trends.metrics[name] ?? [];
      const first = series[0]?.value ?? null;
      const end = series[series.length - 1]?.value ?? null;
      const change = first === null || end === null ? null : end - first;
      return [esc(name), esc(fixed(first, 3)), esc(fixed(end, 3)), esc(change === null ? '—' : `${change > 0 ? '+' : ''}${fixed(change, 3)}`), esc(series.length)];
    });
  if (metricRows.length > 0) parts.push(table({ caption: 'Metrics: first and latest recorded value', head: ['Metric', 'First', 'Latest', 'Change', 'Scans'], rows: metricRows, numeric: [1, 2, 3, 4], rowHeaders: true }));
  return { id: 'trends', title: 'Trends', body: parts.join('') };
}

/** Most evidence items written into the appendix; the rest stay in the JSON report. */
export const APPENDIX_LIMIT = 1000;
const MAX_LIST = 20;
const MAX_DEPTH = 3;
const KIND_ORDER = ['certificate', 'tls-endpoint', 'private-key', 'crl', 'ocsp-response', 'ct-query', 'ct-log-entry', 'ca-config', 'platform', 'dns-caa', 'security-txt'];

/**
 * Chooses the evidence items the appendix holds, deterministically: items behind assessor statements first, then items
 * behind failed checks, then the rest by id, at most APPENDIX_LIMIT. Returns their ids.
 */
export function appendixIds(evidence: readonly AnyEvidence[], statementIds: readonly string[], findingIds: readonly string[]): Set<string> {
  const known = new Set(evidence.map((e) => e.id));
  const chosen = new Set<string>();
  const add = (ids: Iterable<string>): void => {
    for (const id of ids) {
      if (chosen.size >= APPENDIX_LIMIT) return;
      if (known.has(id)) chosen.add(id);
    }
  };
  add([...new Set(statementIds)].sort(compareText));
  add([...new Set(findingIds)].sort(compareText));
  add(evidence.map((e) => e.id).sort(compareText));
  return chosen;
}

/** Renders any JSON value as readable HTML (nested lists for objects), bounded in length and depth. */
function value(ctx: RenderContext, v: unknown, depth: number): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return esc(String(v));
  if (typeof v === 'string') {
    // A certificate fingerprint that the report holds as evidence becomes a link to it.
    if (/^[0-9a-f]{64}$/.test(v) && ctx.evidenceById.has(`certificate:sha256:${v}`)) return evidenceRef(ctx, `certificate:sha256:${v}`);
    return esc(v);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    const more = v.length > MAX_LIST ? `<li class="muted">${esc(`and ${v.length - MAX_LIST} more`)}</li>` : '';
    return `<ul class="plain">${v.slice(0, MAX_LIST).map((x) => `<li>${value(ctx, x, depth + 1)}</li>`).join('')}${more}</ul>`;
  }
  if (typeof v === 'object') {
    if (depth >= MAX_DEPTH) return esc(JSON.stringify(v).slice(0, 200));
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '—';
    return `<dl class="data">${entries.map(([k, x]) => `<div><dt>${esc(k)}</dt><dd>${value(ctx, x, depth + 1)}</dd></div>`).join('')}</dl>`;
  }
  return '—';
}

/** Renders the evidence appendix: each chosen evidence item with an anchor, grouped by kind. */
export function evidenceSection(ctx: RenderContext): Section {
  const items = ctx.report.evidence.filter((e) => ctx.anchored.has(e.id));
  const kindRank = (k: string): number => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  items.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || compareText(a.kind, b.kind) || compareText(a.id, b.id));
  const parts: string[] = [];
  const total = ctx.report.evidence.length;
  parts.push(para(items.length < total ? `${count(items.length)} of ${count(total)} evidence items; the rest are in the JSON report.` : `${count(total)} evidence items, as the collectors observed them.`));
  let kind = '';
  for (const item of items) {
    if (item.kind !== kind) {
      kind = item.kind;
      parts.push(`<h3>${esc(kind)}</h3>`);
    }
    const meta = `${item.collector} · ${item.target} · observed ${minute(item.observedAt)}`;
    parts.push(
      `<article class="evidence" id="${evidenceAnchor(item.id)}"><h4>${esc(evidenceLabel(item, item.id))}</h4><p class="muted">${esc(meta)}</p><p class="id">${esc(item.id)}</p>${value(ctx, item.data, 0)}</article>`,
    );
  }
  return { id: 'evidence', title: 'Evidence appendix', body: parts.join('') };
}
