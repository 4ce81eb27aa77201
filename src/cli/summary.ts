import type { ScanReport } from '../report/report.js';

/** A short plain-text summary for the terminal. */
export function terminalSummary(report: ScanReport): string {
  const a = report.assessment;
  const o = a.overall;
  const lines: string[] = [];
  const rawText = o.raw === null ? '' : ` (raw ${o.raw})`;
  lines.push(`PKI maturity (PKIMM ${report.model.version}, ${a.mode} mode): ${o.status === 'scored' ? `level ${o.level} ${o.label}` : o.label}${rawText}`);
  if (o.error) lines.push(`  ${o.error}`);
  lines.push(`  completeness: ${o.completeness.answered}/${o.completeness.inScope} ${a.kind === 'self-assessment' ? 'categories' : 'requirements'} with a level, ${o.completeness.notApplicable} not applicable`);
  const modules = Object.values(a.modules)
    .map((m) => `${m.id} ${m.raw === null ? m.label : `${m.level} (${m.raw.toFixed(2)})`}`)
    .join(', ');
  lines.push(`  modules: ${modules}`);
  const s = report.summary;
  lines.push(`  requirements: ${s.requirements.automated} automated, ${s.requirements.merged} merged, ${s.requirements.manual} manual, ${s.requirements.unanswered} unanswered, ${s.requirements['not-applicable']} N/A; ${s.conflicts} conflicts`);
  if (report.scan) {
    lines.push(`  evidence: ${s.certificates} certificates, ${s.endpoints} TLS endpoints, ${s.problems} collection problems`);
    lines.push(`  failed checks: ${s.findings.critical} critical, ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low, ${s.findings.info} info`);
  }
  for (const e of a.extensions) {
    lines.push(`  extension ${e.id} ${e.version}: ${e.compatible ? `score ${e.score?.toFixed(2) ?? '—'}${e.floor === null ? '' : `, floor ${e.floor.toFixed(2)}`}` : `not compatible with model ${report.model.version}`}`);
  }
  return `${lines.join('\n')}\n`;
}
