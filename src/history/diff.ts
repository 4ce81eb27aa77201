import type { CertificateData } from '../../model/evidence.js';
import type { ScanReport } from '../report/report.js';
import { reportTime } from './store.js';

/** A certificate as a diff names it. */
export interface DiffCertificate {
  readonly sha256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notAfter: string;
  readonly subjectAltNames: readonly string[];
}

/** A certificate replaced by another with the same subject and SANs. */
export interface Renewal {
  readonly before: DiffCertificate;
  readonly after: DiffCertificate;
  /** The new certificate has a different key pair. */
  readonly rekeyed: boolean;
}

/** A finding present in one report and not the other. */
export interface DiffFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly evidenceId?: string;
  readonly message: string;
}

/** A score that moved. */
export interface LevelMove {
  readonly scope: 'overall' | 'module' | 'category' | 'requirement';
  readonly ref: string;
  readonly name: string;
  readonly before: number | null;
  readonly after: number | null;
  /** For requirements: the reasons the evidence gave, before and after, when they changed. */
  readonly reasonsBefore?: readonly string[];
  readonly reasonsAfter?: readonly string[];
}

/** What changed between two reports. */
export interface ReportDiff {
  readonly from: { readonly time: string; readonly label: string };
  readonly to: { readonly time: string; readonly label: string };
  readonly certificates: {
    readonly added: readonly DiffCertificate[];
    readonly removed: readonly DiffCertificate[];
    readonly renewed: readonly Renewal[];
  };
  readonly issuers: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly findings: { readonly opened: readonly DiffFinding[]; readonly closed: readonly DiffFinding[] };
  readonly levels: readonly LevelMove[];
  readonly problems: { readonly added: number; readonly resolved: number };
}

function certificatesOf(report: ScanReport): Map<string, CertificateData> {
  const map = new Map<string, CertificateData>();
  for (const e of report.evidence) if (e.kind === 'certificate') map.set((e).data.sha256, e.data);
  return map;
}

function short(c: CertificateData): DiffCertificate {
  return { sha256: c.sha256, subject: c.subject, issuer: c.issuer, serial: c.serialNumberHex, notAfter: c.notAfter, subjectAltNames: c.subjectAltNames };
}

function identity(c: CertificateData): string {
  return `${c.subject}\u0000${[...c.subjectAltNames].sort().join('\u0000')}`;
}

function findingKey(f: DiffFinding): string {
  return `${f.ruleId}\u0000${f.evidenceId ?? ''}\u0000${f.message}`;
}

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  return new Map(items.map((i) => [key(i), i]));
}

function reasonsFor(report: ScanReport, ref: string): string[] {
  return report.statements
    .filter((s) => s.ref === ref)
    .flatMap((s) => s.reasons.map((r) => `${s.assessor}: ${r.text}`))
    .sort();
}

function moved(before: number | null | undefined, after: number | null | undefined): boolean {
  const a = before ?? null;
  const b = after ?? null;
  if (a === null || b === null) return a !== b;
  return Math.abs(a - b) > 1e-9;
}

/** Compares two reports: certificates new, gone, renewed and re-keyed; issuers; findings opened and closed; levels that moved. */
export function diffReports(from: ScanReport, to: ScanReport, labels: { from?: string; to?: string } = {}): ReportDiff {
  const a = certificatesOf(from);
  const b = certificatesOf(to);
  const removedAll = [...a.values()].filter((c) => !b.has(c.sha256));
  const addedAll = [...b.values()].filter((c) => !a.has(c.sha256));
  // A removed and an added certificate with the same subject and SANs form a renewal (the newest replacement wins).
  const addedByIdentity = new Map<string, CertificateData[]>();
  for (const c of addedAll) {
    const list = addedByIdentity.get(identity(c)) ?? [];
    list.push(c);
    addedByIdentity.set(identity(c), list);
  }
  const renewed: Renewal[] = [];
  const renewedAdded = new Set<string>();
  const renewedRemoved = new Set<string>();
  for (const old of removedAll.sort((x, y) => x.notAfter.localeCompare(y.notAfter))) {
    const candidates = (addedByIdentity.get(identity(old)) ?? []).filter((c) => !renewedAdded.has(c.sha256)).sort((x, y) => y.notAfter.localeCompare(x.notAfter));
    const replacement = candidates[0];
    if (!replacement) continue;
    renewedAdded.add(replacement.sha256);
    renewedRemoved.add(old.sha256);
    renewed.push({ before: short(old), after: short(replacement), rekeyed: old.spkiSha256 !== replacement.spkiSha256 });
  }
  const sortCerts = (list: CertificateData[]) => list.map(short).sort((x, y) => x.subject.localeCompare(y.subject) || x.sha256.localeCompare(y.sha256));

  const issuersA = new Set([...a.values()].map((c) => c.issuer));
  const issuersB = new Set([...b.values()].map((c) => c.issuer));

  const findingsA = byKey<DiffFinding>(from.findings, findingKey);
  const findingsB = byKey<DiffFinding>(to.findings, findingKey);
  const strip = (f: DiffFinding): DiffFinding => ({ ruleId: f.ruleId, severity: f.severity, ...(f.evidenceId === undefined ? {} : { evidenceId: f.evidenceId }), message: f.message });
  const sortFindings = (list: DiffFinding[]) => list.map(strip).sort((x, y) => x.ruleId.localeCompare(y.ruleId) || findingKey(x).localeCompare(findingKey(y)));

  const levels: LevelMove[] = [];
  const oa = from.assessment.overall;
  const ob = to.assessment.overall;
  if (moved(oa.raw, ob.raw)) levels.push({ scope: 'overall', ref: '', name: 'Overall', before: oa.raw, after: ob.raw });
  for (const [ref, m] of Object.entries(to.assessment.modules)) {
    const before = from.assessment.modules[ref];
    if (moved(before?.raw, m.raw)) levels.push({ scope: 'module', ref, name: m.name, before: before?.raw ?? null, after: m.raw });
  }
  for (const [ref, c] of Object.entries(to.assessment.categories)) {
    const before = from.assessment.categories[ref];
    if (moved(before?.raw, c.raw)) levels.push({ scope: 'category', ref, name: c.name, before: before?.raw ?? null, after: c.raw });
  }
  const refs = new Set([...Object.keys(from.assessment.requirements), ...Object.keys(to.assessment.requirements)]);
  for (const ref of [...refs].sort((x, y) => x.localeCompare(y, undefined, { numeric: true }))) {
    const before = from.assessment.requirements[ref];
    const after = to.assessment.requirements[ref];
    const lb = before?.level ?? before?.draftLevel ?? null;
    const la = after?.level ?? after?.draftLevel ?? null;
    if (!moved(lb, la)) continue;
    const reasonsBefore = reasonsFor(from, after?.ref110 ?? before?.ref110 ?? ref);
    const reasonsAfter = reasonsFor(to, after?.ref110 ?? before?.ref110 ?? ref);
    levels.push({
      scope: 'requirement',
      ref,
      name: after?.title ?? before?.title ?? ref,
      before: lb,
      after: la,
      ...(reasonsBefore.join('\n') === reasonsAfter.join('\n') ? {} : { reasonsBefore, reasonsAfter }),
    });
  }

  const problemKey = (p: ScanReport['problems'][number]) => `${p.collector}\u0000${p.target}\u0000${p.code}`;
  const problemsA = new Set(from.problems.map(problemKey));
  const problemsB = new Set(to.problems.map(problemKey));

  return {
    from: { time: reportTime(from), label: labels.from ?? reportTime(from) },
    to: { time: reportTime(to), label: labels.to ?? reportTime(to) },
    certificates: {
      added: sortCerts(addedAll.filter((c) => !renewedAdded.has(c.sha256))),
      removed: sortCerts(removedAll.filter((c) => !renewedRemoved.has(c.sha256))),
      renewed: renewed.sort((x, y) => x.after.subject.localeCompare(y.after.subject) || x.after.sha256.localeCompare(y.after.sha256)),
    },
    issuers: { added: [...issuersB].filter((i) => !issuersA.has(i)).sort(), removed: [...issuersA].filter((i) => !issuersB.has(i)).sort() },
    findings: {
      opened: sortFindings([...findingsB].filter(([k]) => !findingsA.has(k)).map(([, f]) => f)),
      closed: sortFindings([...findingsA].filter(([k]) => !findingsB.has(k)).map(([, f]) => f)),
    },
    levels,
    problems: { added: [...problemsB].filter((p) => !problemsA.has(p)).length, resolved: [...problemsA].filter((p) => !problemsB.has(p)).length },
  };
}

function fmt(v: number | null): string {
  return v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** Renders a diff as readable text for the terminal. */
export function renderDiff(diff: ReportDiff): string {
  const lines: string[] = [`Changes from ${diff.from.label} to ${diff.to.label}`, ''];
  const c = diff.certificates;
  lines.push(`Certificates: ${String(c.added.length)} new, ${String(c.removed.length)} gone, ${String(c.renewed.length)} renewed (${String(c.renewed.filter((r) => r.rekeyed).length)} re-keyed)`);
  for (const x of c.added) lines.push(`  + ${x.subject} (issuer ${x.issuer}, serial ${x.serial}, expires ${x.notAfter})`);
  for (const x of c.removed) lines.push(`  - ${x.subject} (issuer ${x.issuer}, serial ${x.serial})`);
  for (const r of c.renewed) lines.push(`  ~ ${r.after.subject}: serial ${r.before.serial} → ${r.after.serial}, expires ${r.after.notAfter}${r.rekeyed ? ', new key' : ', same key'}`);
  if (diff.issuers.added.length + diff.issuers.removed.length > 0) {
    lines.push('', 'Issuers:');
    for (const i of diff.issuers.added) lines.push(`  + ${i}`);
    for (const i of diff.issuers.removed) lines.push(`  - ${i}`);
  }
  lines.push('', `Findings: ${String(diff.findings.opened.length)} opened, ${String(diff.findings.closed.length)} closed`);
  for (const f of diff.findings.opened) lines.push(`  + [${f.severity}] ${f.ruleId}: ${f.message}`);
  for (const f of diff.findings.closed) lines.push(`  - [${f.severity}] ${f.ruleId}: ${f.message}`);
  lines.push('', diff.levels.length === 0 ? 'Levels: unchanged' : 'Levels:');
  for (const l of diff.levels) {
    const label = l.scope === 'overall' ? 'Overall' : `${l.scope} ${l.ref} ${l.name}`;
    lines.push(`  ${label}: ${fmt(l.before)} → ${fmt(l.after)}`);
    if (l.reasonsAfter) for (const r of l.reasonsAfter) lines.push(`      because ${r}`);
  }
  if (diff.problems.added + diff.problems.resolved > 0) lines.push('', `Collection problems: ${String(diff.problems.added)} new, ${String(diff.problems.resolved)} resolved`);
  return `${lines.join('\n')}\n`;
}
