import type { Evidence } from '../../../../model/evidence.js';
import { evidenceRef, type RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { compareText, count, day, duration, minute } from '../format.js';
import { breakdown } from '../inventory-data.js';
import { code, facts, para, table } from '../markup.js';
import type { Section } from '../section.js';

/** Rows listed per table in these sections (CT can return thousands of entries). */
const MAX_ROWS = 300;
const TOP_CT_ISSUERS = 10;

function ofKind<K extends Evidence['kind']>(ctx: RenderContext, kind: K): Evidence<K>[] {
  return ctx.report.evidence.filter((e): e is Evidence<K> & typeof e => e.kind === kind).sort((a, b) => compareText(a.id, b.id));
}

/** Text for an optional value, "—" when absent. */
function opt(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function headroom(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  return seconds < 0 ? `past by ${duration(-seconds)}` : duration(seconds);
}

function verdict(ok: boolean | undefined, good: string, bad: string): string {
  if (ok === undefined) return '—';
  return ok ? `<span class="ok">${esc(good)}</span>` : `<span class="bad">${esc(bad)}</span>`;
}

function certificateRef(ctx: RenderContext, sha256: string | undefined): string {
  if (sha256 === undefined || sha256 === '') return '—';
  const id = `certificate:sha256:${sha256}`;
  return ctx.evidenceById.has(id) ? evidenceRef(ctx, id) : code(sha256.slice(0, 16));
}

function rowsNote(total: number): string {
  return total > MAX_ROWS ? para(`${count(total - MAX_ROWS)} more are in the JSON report.`, 'note') : '';
}

function crlPart(ctx: RenderContext, crls: readonly Evidence<'crl'>[]): string {
  const data = crls.map((c) => c.data);
  const fetched = data.filter((d) => d.status === 'fetched');
  const summary = facts(
    [
      ['CRLs read', esc(count(fetched.length))],
      ['Distribution points not fetched', esc(count(data.length - fetched.length))],
      ['Signature not valid', esc(count(fetched.filter((d) => d.signature === 'invalid').length))],
      ['Past nextUpdate', esc(count(fetched.filter((d) => d.headroomSeconds !== undefined && d.headroomSeconds < 0).length))],
      ['Collected certificates listed as revoked', esc(count(fetched.reduce((n, d) => n + (d.revokedCertificates?.length ?? 0), 0)))],
    ],
    'numbers',
  );
  const rows = crls.slice(0, MAX_ROWS).map((item) => {
    const d = item.data;
    if (d.status !== 'fetched') return [evidenceRef(ctx, item.id, d.url ?? item.target), esc(`not fetched (${opt(d.reason)}, ${opt(d.scheme)})`), '—', '—', '—', '—', '—', '—'];
    return [
      evidenceRef(ctx, item.id, d.url ?? d.file ?? item.target),
      esc(`${d.isDelta ? 'delta' : 'full'}, ${d.source}${d.fetch === undefined ? '' : `, HTTP ${d.fetch.httpStatus} in ${Math.round(d.fetch.latencyMs)} ms`}`),
      esc(d.issuer),
      esc(minute(d.thisUpdate)),
      esc(d.hasNextUpdate ? minute(d.nextUpdate) : 'none'),
      esc(headroom(d.headroomSeconds)),
      esc(count(d.entryCount ?? 0)),
      verdict(d.signature === 'valid' ? true : d.signature === 'invalid' ? false : undefined, 'valid', 'invalid') + (d.signature === 'issuer-unknown' ? 'issuer unknown' : ''),
    ];
  });
  return (
    `<h3>Certificate revocation lists</h3>${summary}` +
    table({ caption: 'CRLs', head: ['CRL', 'Kind and fetch', 'Issuer', 'This update', 'Next update', 'Time left', 'Entries', 'Signature'], rows, numeric: [6] }) +
    rowsNote(crls.length)
  );
}

function ocspPart(ctx: RenderContext, responses: readonly Evidence<'ocsp-response'>[]): string {
  const data = responses.map((r) => r.data);
  const observed = data.filter((d) => d.status === 'response');
  const summary = facts(
    [
      ['Responses', esc(count(observed.length))],
      ['Not successful', esc(count(observed.filter((d) => d.responseStatus !== 'successful').length))],
      ['Revoked', esc(count(observed.filter((d) => d.certStatus === 'revoked').length))],
      ['Not current', esc(count(observed.filter((d) => d.current === false).length))],
      ['Signature or signer not valid', esc(count(observed.filter((d) => (d.signature !== undefined && d.signature !== 'valid') || d.signerAuthorized === false).length))],
      ['Must-staple without a staple', esc(count(data.length - observed.length))],
    ],
    'numbers',
  );
  const rows = responses.slice(0, MAX_ROWS).map((item) => {
    const d = item.data;
    if (d.status !== 'response') return [evidenceRef(ctx, item.id, d.endpoint), esc('missing staple'), certificateRef(ctx, d.certificate), '—', '—', '—', '—'];
    return [
      evidenceRef(ctx, item.id, d.url ?? d.endpoint ?? item.target),
      esc(`${d.source}${d.request === undefined ? '' : `, ${d.request.method}, HTTP ${d.request.httpStatus} in ${Math.round(d.request.latencyMs)} ms`}`),
      certificateRef(ctx, d.certificate),
      esc(`${d.responseStatus}${d.certStatus === undefined ? '' : `: ${d.certStatus}`}${d.revokedAt === undefined ? '' : ` since ${day(d.revokedAt)}`}`),
      verdict(d.current, 'current', 'not current'),
      esc(headroom(d.headroomSeconds)),
      verdict(d.signature === undefined ? undefined : d.signature === 'valid' && d.signerAuthorized !== false, `valid (${opt(d.signer)})`, `${opt(d.signature)}${d.signerAuthorized === false ? ', signer not authorised' : ''}`),
    ];
  });
  return (
    `<h3>OCSP</h3>${summary}` +
    table({ caption: 'OCSP responses', head: ['Responder', 'How', 'Certificate', 'Status', 'Current', 'Time left', 'Signature'], rows }) +
    rowsNote(responses.length)
  );
}

/** Renders revocation health from CRL and OCSP evidence (whatever the report carries). */
export function revocationSection(ctx: RenderContext): Section {
  const crls = ofKind(ctx, 'crl');
  const ocsp = ofKind(ctx, 'ocsp-response');
  const parts: string[] = [];
  if (crls.length > 0) parts.push(crlPart(ctx, crls));
  if (ocsp.length > 0) parts.push(ocspPart(ctx, ocsp));
  if (parts.length === 0) parts.push(para('No CRL or OCSP evidence was collected in this scan (enable the crl and ocsp collectors to see revocation health).'));
  return { id: 'revocation', title: 'Revocation health', body: parts.join('') };
}

function queryRows(ctx: RenderContext, queries: readonly Evidence<'ct-query'>[]): string[][] {
  return queries.slice(0, MAX_ROWS).map((item) => {
    const d = item.data;
    const failed = (d.requests ?? []).filter((r) => r.outcome === 'failed' || r.outcome === 'skipped').length;
    if (d.source === 'crtsh') {
      return [
        evidenceRef(ctx, item.id, d.domain),
        esc(`crt.sh ${d.baseUrl}`),
        esc(`${count(d.entries)} certificates (${count(d.rowsReturned)} rows)`),
        esc(count(failed)),
        d.complete ? '<span class="ok">complete</span>' : `<span class="bad">${esc(`incomplete: ${(d.unfetched ?? []).map((u) => `${u.query} (${u.reason})`).join(', ')}`)}</span>`,
      ];
    }
    return [
      evidenceRef(ctx, item.id, d.logName ?? d.logUrl),
      esc(`log ${d.logUrl}${d.window === undefined ? '' : `, entries ${d.window.start}–${d.window.end}`}${d.sthSignature === undefined ? '' : `, tree head signature ${d.sthSignature}`}`),
      esc(`${count(d.entriesRead)} read, ${count(d.entriesMatched)} matched, ${count(d.entriesUndecodable)} undecodable`),
      esc(count(failed)),
      d.complete ? '<span class="ok">complete</span>' : '<span class="bad">incomplete</span>',
    ];
  });
}

/** Renders Certificate Transparency: the searches made and the certificates CT shows for the configured domains. */
export function ctSection(ctx: RenderContext): Section {
  const queries = ofKind(ctx, 'ct-query');
  const entries = ofKind(ctx, 'ct-log-entry');
  const parts: string[] = [];
  if (queries.length > 0) {
    parts.push(table({ caption: 'CT searches', head: ['Search', 'Where', 'Result', 'Failed requests', 'Complete'], rows: queryRows(ctx, queries), numeric: [3] }), rowsNote(queries.length));
  }
  if (entries.length > 0) {
    const data = entries.map((e) => e.data);
    const inInventory = data.filter((d) => d.sha256 !== undefined && ctx.evidenceById.has(`certificate:sha256:${d.sha256}`)).length;
    parts.push(
      facts(
        [
          ['Certificates in CT', esc(count(entries.length))],
          ['Also observed by the scan', esc(count(inInventory))],
          ['Still valid', esc(count(data.filter((d) => Date.parse(d.notAfter) >= ctx.nowMs).length))],
        ],
        'numbers',
      ),
    );
    const issuers = breakdown(
      data.map((d) => d.issuer),
      TOP_CT_ISSUERS,
      (n) => `other (${n} issuers)`,
    );
    parts.push(table({ caption: 'Issuers seen in CT', head: ['Issuer', 'Certificates'], rows: issuers.map(([k, n]) => [esc(k), esc(count(n))]), numeric: [1], rowHeaders: true }));
    const sorted = [...entries].sort((a, b) => compareText(b.data.notBefore, a.data.notBefore) || compareText(a.id, b.id));
    parts.push(
      table({
        caption: 'Certificates in CT, newest first',
        head: ['Names', 'Issuer', 'Valid from', 'Valid to', 'Logged', 'Source'],
        rows: sorted.slice(0, MAX_ROWS).map((item) => {
          const d = item.data;
          return [
            evidenceRef(ctx, item.id, (d.dnsNames ?? []).slice(0, 3).join(', ') || (d.subject ?? d.serialNumberHex)),
            esc(d.issuer),
            esc(day(d.notBefore)),
            esc(day(d.notAfter)),
            esc(day(d.loggedAt)),
            esc(d.source === 'crtsh' ? 'crt.sh' : (d.logName ?? d.logUrl)),
          ];
        }),
      }),
      rowsNote(entries.length),
    );
  }
  if (parts.length === 0) parts.push(para('No Certificate Transparency evidence was collected in this scan (enable the crtsh or ct-log collector to see it).'));
  return { id: 'ct', title: 'Certificate Transparency', body: parts.join('') };
}
