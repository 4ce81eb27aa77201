import type { ScoreValue } from '../../../model/assessment.js';
import { esc } from './escape.js';
import { fixed } from './format.js';

/** A table: header texts and rows of cells that are already HTML; `numeric` marks right-aligned columns. */
export interface TableSpec {
  readonly caption?: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric?: readonly number[];
  /** The first cell of each row heads its row. */
  readonly rowHeaders?: boolean;
  readonly className?: string;
}

/** Renders a table with column headers (and row headers when asked); returns HTML. */
export function table(spec: TableSpec): string {
  const numeric = new Set(spec.numeric ?? []);
  const cls = (i: number): string => (numeric.has(i) ? ' class="num"' : '');
  const head = spec.head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('');
  const body = spec.rows
    .map((row) => `<tr>${row.map((cell, i) => (i === 0 && spec.rowHeaders ? `<th scope="row">${cell}</th>` : `<td${cls(i)}>${cell}</td>`)).join('')}</tr>`)
    .join('');
  const caption = spec.caption === undefined ? '' : `<caption>${esc(spec.caption)}</caption>`;
  return `<div class="table-wrap"><table${spec.className === undefined ? '' : ` class="${spec.className}"`}>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Renders a description list from [term, HTML value] pairs, skipping pairs whose value is undefined; returns HTML. */
export function facts(pairs: readonly (readonly [string, string | undefined])[], className = 'facts'): string {
  const items = pairs.filter((p): p is readonly [string, string] => p[1] !== undefined).map(([term, value]) => `<div><dt>${esc(term)}</dt><dd>${value}</dd></div>`);
  return `<dl class="${className}">${items.join('')}</dl>`;
}

/** Returns a paragraph of escaped text; HTML. */
export function para(text: string, className?: string): string {
  return `<p${className === undefined ? '' : ` class="${className}"`}>${esc(text)}</p>`;
}

/** Returns a level badge: the number and the name in text, the colour only repeating them; HTML. */
export function levelBadge(value: Pick<ScoreValue, 'status' | 'level' | 'label'>): string {
  if (value.status !== 'scored') return `<span class="lvl lvl-none">${esc(value.label)}</span>`;
  return `<span class="lvl lvl-${value.level}">${value.level} ${esc(value.label)}</span>`;
}

/** Returns a badge for a plain requirement level (1–5) with its name; HTML. */
export function plainLevelBadge(level: number, name: string, prefix = ''): string {
  return `<span class="lvl lvl-${level}">${esc(prefix)}${level} ${esc(name)}</span>`;
}

/** Returns the raw value with two decimals (or "—"); HTML-safe text. */
export function rawText(value: Pick<ScoreValue, 'raw'>): string {
  return fixed(value.raw);
}

/** Returns a severity tag with the severity written out (colour is only a repeat); HTML. */
export function severityTag(severity: string): string {
  return `<span class="sev sev-${esc(severity)}">${esc(severity)}</span>`;
}

/** Returns text in a code element; HTML. */
export function code(text: string): string {
  return `<code>${esc(text)}</code>`;
}
