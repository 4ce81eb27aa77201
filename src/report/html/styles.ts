// The page's only stylesheet; the page allows it by hash in its Content-Security-Policy, so it may not use url().

/** CSS of the HTML report: screen layout, level and severity tags (text first, colour second) and print rules for A4. */
export const REPORT_CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --band: #0b3d91; --band-ink: #ffffff; --zebra: #f6f8fa; --link: #0550ae; }
* { box-sizing: border-box; }
html { color: var(--ink); background: #ffffff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
body { margin: 0; }
a { color: var(--link); }
code, .id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.page-header { background: var(--band); color: var(--band-ink); padding: 1.5rem 2rem 1.25rem; }
.page-header h1 { margin: 0 0 0.25rem; font-size: 1.75rem; line-height: 1.25; }
.page-header p { margin: 0.25rem 0 0; max-width: 60rem; }
.page-header .report-type { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; font-weight: 600; }
nav.toc { padding: 0.75rem 2rem; border-bottom: 1px solid var(--line); background: var(--zebra); }
nav.toc ol { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0; list-style: none; }
main { padding: 0 2rem 2rem; max-width: 90rem; }
main > section { padding-top: 1.5rem; border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
main > section > h2 { font-size: 1.4rem; margin: 0 0 0.75rem; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 0 0 0.4rem; }
.note, .muted { color: var(--muted); }
.note { font-size: 0.9rem; }
.overall { border: 1px solid var(--line); border-left: 6px solid var(--band); padding: 0.75rem 1rem; margin-bottom: 1rem; }
.overall-level { font-size: 1.3rem; font-weight: 600; margin: 0 0 0.5rem; }
.overall-level .lvl { font-size: 1.3rem; }
.overall .raw { font-size: 1rem; font-weight: 400; color: var(--muted); margin-left: 0.5rem; }
.progress { margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
.progress meter { width: 16rem; height: 1.1rem; }
.level-description { margin: 0.5rem 0 0; }
.lvl { display: inline-block; padding: 0 0.5em; border-radius: 0.3em; border: 1px solid; font-weight: 600; white-space: nowrap; }
.lvl-none { background: #eff2f5; border-color: #afb8c1; color: #424a53; }
.lvl-1 { background: #ffebe9; border-color: #cf222e; color: #82071e; }
.lvl-2 { background: #fff1e5; border-color: #bc4c00; color: #762c00; }
.lvl-3 { background: #fff8c5; border-color: #9a6700; color: #4d2d00; }
.lvl-4 { background: #dafbe1; border-color: #1a7f37; color: #044f1e; }
.lvl-5 { background: #ddf4ff; border-color: #0969da; color: #0a3069; }
.sev { display: inline-block; padding: 0 0.45em; border-radius: 0.3em; font-size: 0.85em; font-weight: 600; border: 1px solid; text-transform: uppercase; letter-spacing: 0.03em; white-space: nowrap; }
.sev-critical { background: #82071e; border-color: #82071e; color: #ffffff; }
.sev-high { background: #ffebe9; border-color: #cf222e; color: #82071e; }
.sev-medium { background: #fff1e5; border-color: #bc4c00; color: #762c00; }
.sev-low { background: #fff8c5; border-color: #9a6700; color: #4d2d00; }
.sev-info { background: #eff2f5; border-color: #afb8c1; color: #424a53; }
.ok { color: #1a7f37; font-weight: 600; }
.ok::before { content: "✓ "; }
.bad { color: #cf222e; font-weight: 600; }
.bad::before { content: "✗ "; }
dl.facts { display: grid; grid-template-columns: minmax(12rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0 1rem; }
dl.facts > div { display: contents; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
dl.numbers { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0.5rem 0 1rem; }
dl.numbers > div { border: 1px solid var(--line); border-radius: 0.4rem; padding: 0.4rem 0.75rem; min-width: 9rem; }
dl.numbers dt { font-size: 0.85rem; color: var(--muted); }
dl.numbers dd { margin: 0; font-size: 1.15rem; font-weight: 600; }
dl.data { display: grid; grid-template-columns: max-content 1fr; gap: 0 0.75rem; margin: 0; font-size: 0.9rem; }
dl.data > div { display: contents; }
dl.data dt { color: var(--muted); }
dl.data dd { margin: 0; overflow-wrap: anywhere; }
ul.plain { margin: 0; padding-left: 1.1rem; }
ul.reasons { margin: 0; padding-left: 1.1rem; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: #eaeef2; }
tbody tr:nth-child(even) { background: var(--zebra); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem 2rem; }
figure.chart { margin: 0.5rem 0 1rem; min-width: 0; }
.chart-box { position: relative; height: 20rem; }
.chart-small .chart-box { height: 16rem; }
.chart-tall .chart-box { height: 28rem; }
figcaption { font-size: 0.9rem; color: var(--muted); margin-top: 0.25rem; }
details.chart-data summary { cursor: pointer; font-size: 0.85rem; color: var(--link); }
.requirement { border-top: 1px solid var(--line); padding: 0.6rem 0; break-inside: avoid; }
.statement { border: 2px solid var(--band); padding: 1rem 1.5rem; max-width: 60rem; }
.statement-text { font-size: 1.1rem; }
.caveat { font-style: italic; }
.evidence { border-top: 1px solid var(--line); padding: 0.5rem 0; break-inside: avoid; content-visibility: auto; contain-intrinsic-size: auto 24rem; }
.evidence:target, .requirement:target { outline: 3px solid #bf8700; outline-offset: 4px; }
.inventory .controls { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; }
.inventory input[type=search] { min-width: 20rem; padding: 0.3rem 0.5rem; font: inherit; }
.inventory select { padding: 0.3rem; font: inherit; }
.inventory-table thead th { position: sticky; top: 0; z-index: 1; }
.inventory-table th button.sort { all: unset; cursor: pointer; font-weight: 600; }
.inventory-table th button.sort:focus-visible { outline: 2px solid var(--link); }
.inventory-table th[aria-sort=ascending] button.sort::after { content: " ▲"; }
.inventory-table th[aria-sort=descending] button.sort::after { content: " ▼"; }
.inventory-table .sans { display: block; color: var(--muted); font-size: 0.85em; }
.expiry-expired { color: #82071e; font-weight: 600; }
.expiry-soon { color: #762c00; font-weight: 600; }
.pager { display: flex; gap: 1rem; align-items: center; }
.pager button { font: inherit; padding: 0.25rem 0.75rem; }
.print-only { display: none; }
footer { padding: 1rem 2rem 2rem; color: var(--muted); font-size: 0.85rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10.5pt; }
  .page-header { background: none; color: var(--ink); border-bottom: 3px solid var(--band); padding: 0 0 0.5rem; }
  nav.toc, .inventory .controls, .pager, details.chart-data, noscript { display: none; }
  main { padding: 0; max-width: none; }
  main > section { break-before: page; border-bottom: none; }
  main > section:first-child { break-before: auto; }
  .inventory-table thead th { position: static; }
  .table-wrap { overflow: visible; }
  tr, .chart, dl.numbers > div { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .charts { display: block; }
  .chart-box { height: 8cm; width: 100%; }
  .chart-small .chart-box { height: 6.5cm; }
  .chart-tall .chart-box { height: 11cm; }
  .chart-box canvas { max-width: 100% !important; height: auto !important; }
  .print-only { display: block; }
  .evidence { content-visibility: visible; }
  footer { padding: 1rem 0 0; }
  a { color: inherit; text-decoration: none; }
}
`;
