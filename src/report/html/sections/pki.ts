import type { Evidence } from '../../../../model/evidence.js';
import { chartFigure, type RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { count, percent } from '../format.js';
import { breakdown, expiryTimeline, keyText } from '../inventory-data.js';
import { facts, para } from '../markup.js';
import type { Section } from '../section.js';

const TOP_ISSUERS = 10;
const TOP_ALGORITHMS = 12;
const LEAF_COLOR = '#1f6feb';
const CA_COLOR = '#8250df';
const COUNT_COLOR = '#1a7f37';
const SIGNATURE_COLOR = '#bc4c00';

/** Returns the most telling part of a distinguished name for a chart label: its CN, else its O, else the whole name. */
function shortName(dn: string): string {
  const match = /(?:^|[,/]\s*)CN=([^,/]+)/i.exec(dn) ?? /(?:^|[,/]\s*)O=([^,/]+)/i.exec(dn);
  return match?.[1]?.trim() || dn;
}

/** Returns the certificate evidence of the report. */
function certificatesOf(ctx: RenderContext): Evidence<'certificate'>[] {
  return ctx.report.evidence.filter((e): e is Evidence<'certificate'> => e.kind === 'certificate');
}

function inventoryFacts(ctx: RenderContext): string {
  const inv = ctx.report.inventory;
  if (inv === undefined) return '';
  const rec = inv.reconciliation;
  return facts(
    [
      ['Certificates', esc(count(inv.certificates))],
      ['Roots / intermediates / leaves', esc(`${count(inv.roots)} / ${count(inv.intermediates)} / ${count(inv.leaves)}`)],
      ['Expired', esc(count(inv.expired))],
      ['Issuer not observed', esc(count(inv.issuerNotFound))],
      ['Keys shared by several certificates', esc(`${count(inv.reusedKeys)} keys, ${count(inv.certificatesWithReusedKeys)} certificates`)],
      ['RSA keys with a weakness', esc(count(inv.weakRsaKeys))],
      ['Private keys found', esc(`${count(inv.privateKeys)} (${count(inv.orphanKeys)} without a certificate, ${count(inv.unprotectedKeys)} unprotected)`)],
      [
        'Declared inventory',
        rec === undefined
          ? undefined
          : esc(
              `${rec.source}: ${count(rec.matchedObserved)} of ${count(rec.observed)} observed certificates declared${rec.invMatch === null ? '' : ` (${percent(rec.invMatch)})`}; ${count(rec.declaredNotObserved)} declared but not observed; ${count(rec.stale)} stale`,
            ),
      ],
    ],
    'numbers',
  );
}

/** Renders PKI health: inventory counts, the expiry timeline and the issuer and algorithm breakdowns (charts). */
export function healthSection(ctx: RenderContext): Section | undefined {
  const certs = certificatesOf(ctx);
  if (certs.length === 0 && ctx.report.inventory === undefined) return undefined;
  const parts = [inventoryFacts(ctx)];
  if (certs.length === 0) parts.push(para('No certificates were observed.'));
  else {
    const timeline = expiryTimeline(certs, ctx.nowMs);
    const issuers = breakdown(
      certs.map((c) => shortName(c.data.issuer)),
      TOP_ISSUERS,
      (n) => `other (${n} issuers)`,
    );
    const keys = breakdown(
      certs.map((c) => keyText(c.data)),
      TOP_ALGORITHMS,
      (n) => `other (${n} key types)`,
    );
    const signatures = breakdown(
      certs.map((c) => c.data.signatureAlgorithm),
      TOP_ALGORITHMS,
      (n) => `other (${n} algorithms)`,
    );
    parts.push(
      '<div class="charts">',
      chartFigure(
        ctx,
        'chart-expiry',
        {
          type: 'bar',
          stacked: true,
          integer: true,
          labels: timeline.labels,
          datasets: [
            { label: 'Leaf certificates', data: timeline.leaves, color: LEAF_COLOR },
            { label: 'CA certificates', data: timeline.cas, color: CA_COLOR },
          ],
          valueTitle: 'Certificates',
        },
        'Certificates by month of expiry: already expired, then month by month, then later',
        'medium',
      ),
      chartFigure(
        ctx,
        'chart-issuers',
        { type: 'bar', horizontal: true, integer: true, labels: issuers.map(([k]) => k), datasets: [{ label: 'Certificates', data: issuers.map(([, n]) => n), color: COUNT_COLOR }], valueTitle: 'Certificates' },
        'Certificates per issuer (by common name)',
        'medium',
      ),
      chartFigure(
        ctx,
        'chart-keys',
        { type: 'bar', horizontal: true, integer: true, labels: keys.map(([k]) => k), datasets: [{ label: 'Certificates', data: keys.map(([, n]) => n), color: COUNT_COLOR }], valueTitle: 'Certificates' },
        'Certificates per key algorithm and size',
        'small',
      ),
      chartFigure(
        ctx,
        'chart-signatures',
        { type: 'bar', horizontal: true, integer: true, labels: signatures.map(([k]) => k), datasets: [{ label: 'Certificates', data: signatures.map(([, n]) => n), color: SIGNATURE_COLOR }], valueTitle: 'Certificates' },
        'Certificates per signature algorithm',
        'small',
      ),
      '</div>',
    );
  }
  return { id: 'health', title: 'Certificates at a glance', body: parts.join('') };
}

/** Renders the inventory: a sortable, filterable, paginated table the client script fills from the embedded rows. */
export function inventorySection(ctx: RenderContext): Section | undefined {
  const total = certificatesOf(ctx).length;
  if (total === 0) return undefined;
  const columns: [string, string][] = [
    ['subject', 'Subject'],
    ['issuer', 'Issuer'],
    ['expires', 'Expires'],
    ['key', 'Key'],
    ['signature', 'Signature'],
    ['source', 'Source'],
    ['role', 'Role'],
  ];
  const head = columns.map(([key, label]) => `<th scope="col" data-key="${key}" aria-sort="none"><button type="button" class="sort">${esc(label)}</button></th>`).join('');
  return {
    id: 'inventory',
    title: 'Certificate inventory',
    body:
      `<div class="inventory" id="inventory" data-total="${total}">` +
      '<div class="controls">' +
      '<label for="inventory-filter">Filter</label><input id="inventory-filter" type="search" autocomplete="off" spellcheck="false" placeholder="subject, issuer, key, source…">' +
      '<label for="inventory-expiry">Expiry</label><select id="inventory-expiry"><option value="all">all</option><option value="expired">expired</option><option value="30">within 30 days</option><option value="90">within 90 days</option><option value="valid">valid</option></select>' +
      '</div>' +
      `<p class="status" id="inventory-status" role="status" aria-live="polite">${esc(`${count(total)} certificates`)}</p>` +
      `<div class="table-wrap"><table class="inventory-table"><caption>Observed certificates (sorted by expiry; select a column heading to sort)</caption><thead><tr>${head}</tr></thead><tbody id="inventory-rows"></tbody></table></div>` +
      '<div class="pager"><button type="button" id="inventory-prev">Previous page</button><span id="inventory-page"></span><button type="button" id="inventory-next">Next page</button></div>' +
      '<noscript><p>The inventory table needs JavaScript. The same certificates are in report.json and in the CSV report.</p></noscript>' +
      '<p class="print-only note">The printed table shows the page on screen; the full inventory is in report.json and in the CSV report.</p>' +
      '</div>',
  };
}
