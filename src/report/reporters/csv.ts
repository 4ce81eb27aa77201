import type { CertificateData, Evidence, Sighting } from '../../../model/evidence.js';
import type { Finding, ScanReport, WaivedFinding } from '../report.js';
import type { Reporter } from './reporter.js';

const DAY_MS = 86_400_000;

/** Orders strings by UTF-16 code units: locale-independent, so output is the same everywhere, and fast. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first CN of a distinguished name as the certificate facts format it ("CN=a, O=b"), unescaped; undefined without one. */
export function commonName(dn: string): string | undefined {
  const match = /(?:^|,)\s*CN=((?:\\.|[^,\\])*)/i.exec(dn);
  return match === null ? undefined : match[1]!.trim().replace(/\\(.)/g, '$1');
}

/** Whether a cell is a plain number, which spreadsheets never read as a formula. */
const isNumber = (text: string): boolean => /^-?\d+(\.\d+)?$/.test(text);

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF, with quotes doubled. A text cell starting
 * with =, +, -, @, tab or CR gets a leading apostrophe so spreadsheets show it instead of running it as a formula.
 */
export function csvCell(value: string | number | boolean | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !isNumber(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text: CRLF line ends (RFC 4180), a header row first. */
export function csvTable(header: readonly string[], rows: readonly (readonly (string | number | boolean | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** "RSA 2048", "EC P-256", "ML-DSA-65". */
export function keyText(c: Pick<CertificateData, 'keyAlgorithm' | 'keyAlgorithmName' | 'keySizeBits' | 'curve'>): string {
  if (c.keyAlgorithm === 'EC') return c.curve === undefined ? 'EC' : `EC ${c.curve}`;
  if (c.keyAlgorithm === 'RSA' || c.keyAlgorithm === 'DSA') return c.keySizeBits === undefined ? c.keyAlgorithm : `${c.keyAlgorithm} ${c.keySizeBits}`;
  return c.keyAlgorithmName ?? c.keyAlgorithm;
}

/** Where a certificate was seen, as "collector place" (a file location, or target and position). */
export function sightingText(s: Sighting): string {
  if (s.location === undefined) return `${s.collector} ${s.target}`;
  return s.location.startsWith(s.target) ? `${s.collector} ${s.location}` : `${s.collector} ${s.target} ${s.location}`;
}

function sources(c: CertificateData): string {
  return c.sightings.map(sightingText).join('; ');
}

const INVENTORY_HEADER = [
  'sha256',
  'subject',
  'issuer',
  'serial',
  'not_before',
  'not_after',
  'days_left',
  'key',
  'signature',
  'sans',
  'ca',
  'self_signed',
  'open_findings',
  'sources',
] as const;

/** Certificate inventory rows, one per certificate, ordered by notAfter then fingerprint; days left count from the report's time. */
function inventoryRows(report: ScanReport): (string | number | boolean)[][] {
  const now = Date.parse(report.generatedAt);
  const open = new Map<string, number>();
  for (const f of report.findings) if (f.evidenceId !== undefined) open.set(f.evidenceId, (open.get(f.evidenceId) ?? 0) + 1);
  const certificates = report.evidence.filter((e): e is Evidence<'certificate'> => e.kind === 'certificate');
  return certificates
    .sort((a, b) => compareText(a.data.notAfter, b.data.notAfter) || compareText(a.data.sha256, b.data.sha256))
    .map(({ id, data: c }) => [
      c.sha256,
      c.subject,
      c.issuer,
      c.serialNumberHex,
      c.notBefore,
      c.notAfter,
      Math.floor((Date.parse(c.notAfter) - now) / DAY_MS),
      keyText(c),
      c.signatureAlgorithm,
      c.subjectAltNames.join(' '),
      c.isCa,
      c.isSelfSigned,
      open.get(id) ?? 0,
      sources(c),
    ]);
}

/** The certificate inventory as CSV (report.csv): subject, issuer, serial, validity, days left, key, signature, SANs, sources. */
export const csv: Reporter = {
  format: 'csv',
  extension: 'csv',
  render(report: ScanReport): string {
    return csvTable(INVENTORY_HEADER, inventoryRows(report));
  },
};

const FINDINGS_HEADER = ['severity', 'rule', 'title', 'status', 'target', 'evidence', 'message', 'pkimm', 'remediation', 'waiver', 'waiver_owner', 'waiver_expires', 'waiver_reason'] as const;

/** Failed checks as CSV (report.findings.csv): open findings by severity, then waived ones with their waiver. */
export const findingsCsv: Reporter = {
  format: 'findings-csv',
  extension: 'findings.csv',
  render(report: ScanReport): string {
    const rules = new Map(report.rules.map((r) => [r.id, r]));
    const row = (f: Finding | WaivedFinding): (string | undefined)[] => {
      const rule = rules.get(f.ruleId);
      const waiver = 'waiver' in f ? f.waiver : undefined;
      return [
        f.severity,
        f.ruleId,
        rule?.title,
        waiver === undefined ? 'open' : 'waived',
        f.target,
        f.evidenceId,
        f.message,
        rule?.pkimm.join(' '),
        rule?.remediation,
        waiver?.label,
        waiver?.owner,
        waiver?.expires,
        waiver?.reason,
      ];
    };
    return csvTable(FINDINGS_HEADER, [...report.findings.map(row), ...(report.waived ?? []).map(row)]);
  },
};
