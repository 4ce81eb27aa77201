import type { AnyEvidence } from '../../model/evidence.js';
import type { Finding, ScanReport } from '../report/report.js';
import { evidenceFiles } from '../report/reporters/sarif.js';
import type { GateResult } from './gate.js';

/** GitHub shows at most 10 error annotations per step and 50 per job; more only clutter the log. */
const MAX_FINDING_ANNOTATIONS = 50;

/** Escapes a workflow command's message: %, CR and LF. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a workflow command property value (file, title): as escapeData, plus ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

function command(level: 'error' | 'warning', properties: Readonly<Record<string, string | undefined>>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${level}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

function findingAnnotation(f: Finding, byId: ReadonlyMap<string, AnyEvidence>, titles: ReadonlyMap<string, string>): string {
  const e = f.evidenceId === undefined ? undefined : byId.get(f.evidenceId);
  const file = e === undefined ? undefined : evidenceFiles(e)[0];
  const where = f.target === undefined || f.target === file ? '' : ` (${f.target})`;
  return command('error', { file, title: `pkimm ${f.severity}: ${titles.get(f.ruleId) ?? f.ruleId}` }, `${f.message}${where} [${f.ruleId}]`);
}

/**
 * GitHub Actions workflow commands for a gate result: one `::error` per failed condition, then one per failed check
 * behind a failure (new findings, findings over a maximum) with the file it was read from when there is one.
 * Returns the lines without line ends; empty when the gate passed.
 */
export function githubAnnotations(result: GateResult, report: ScanReport): string[] {
  const byId = new Map(report.evidence.map((e) => [e.id, e]));
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const lines: string[] = [];
  const findings = new Map<string, Finding>();
  for (const condition of result.conditions) {
    if (condition.passed) continue;
    for (const message of condition.messages) lines.push(command('error', { title: `pkimm gate: ${condition.id}` }, message));
    for (const f of condition.findings ?? []) findings.set(`${f.ruleId}|${f.evidenceId ?? ''}`, f);
  }
  const all = [...findings.values()];
  lines.push(...all.slice(0, MAX_FINDING_ANNOTATIONS).map((f) => findingAnnotation(f, byId, titles)));
  if (all.length > MAX_FINDING_ANNOTATIONS) {
    lines.push(command('warning', { title: 'pkimm gate' }, `${all.length - MAX_FINDING_ANNOTATIONS} more failed checks are not annotated; see the report`));
  }
  return lines;
}
