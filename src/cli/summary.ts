import pc from 'picocolors';
import type { ScoreValue } from '../../model/assessment.js';
import type { Severity } from '../../model/finding.js';
import type { ScanReport } from '../report/report.js';

type Colors = ReturnType<typeof pc.createColors>;

/**
 * Whether terminal output should be coloured: never with NO_COLOR set (no-color.org), always with FORCE_COLOR set to
 * anything but "0"/"false", otherwise only on a terminal that is not "dumb". Returns the decision.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** Colours a maturity level: 1 red, 2 yellow, 3 cyan, 4–5 green; unscored values dim. */
function levelColor(c: Colors, value: ScoreValue): (text: string) => string {
  if (value.status !== 'scored') return c.dim;
  if (value.level <= 1) return c.red;
  if (value.level === 2) return c.yellow;
  if (value.level === 3) return c.cyan;
  return c.green;
}

const SEVERITY_COLOR: Readonly<Record<Severity, (c: Colors) => (text: string) => string>> = {
  critical: (c) => (t) => c.bold(c.red(t)),
  high: (c) => c.red,
  medium: (c) => c.yellow,
  low: (c) => c.cyan,
  info: (c) => c.dim,
};

/** A short summary for the terminal; coloured with `color` (see colorEnabled), plain text otherwise. */
export function terminalSummary(report: ScanReport, options: { readonly color?: boolean } = {}): string {
  const c = pc.createColors(options.color ?? false);
  const a = report.assessment;
  const o = a.overall;
  const lines: string[] = [];
  const rawText = o.raw === null ? '' : ` (raw ${o.raw})`;
  const overallText = levelColor(c, o)(o.status === 'scored' ? `level ${o.level} ${o.label}` : o.label);
  lines.push(`${c.bold(`PKI maturity (PKIMM ${report.model.version}, ${a.mode} mode):`)} ${c.bold(overallText)}${c.dim(rawText)}`);
  if (o.error) lines.push(`  ${c.red(o.error)}`);
  lines.push(`  completeness: ${o.completeness.answered}/${o.completeness.inScope} ${a.kind === 'self-assessment' ? 'categories' : 'requirements'} with a level, ${o.completeness.notApplicable} not applicable`);
  const modules = Object.values(a.modules)
    .map((m) => `${m.id} ${levelColor(c, m)(m.raw === null ? m.label : `${m.level} (${m.raw.toFixed(2)})`)}`)
    .join(', ');
  lines.push(`  modules: ${modules}`);
  const s = report.summary;
  const conflicts = `${s.conflicts} conflicts`;
  lines.push(
    `  requirements: ${s.requirements.automated} automated, ${s.requirements.merged} merged, ${s.requirements.manual} manual, ${s.requirements.unanswered} unanswered, ${s.requirements['not-applicable']} N/A; ${s.conflicts > 0 ? c.yellow(conflicts) : conflicts}`,
  );
  if (report.scan) {
    const problems = `${s.problems} collection problems`;
    lines.push(`  evidence: ${s.certificates} certificates, ${s.endpoints} TLS endpoints, ${s.problems > 0 ? c.yellow(problems) : problems}`);
    const counts = (['critical', 'high', 'medium', 'low', 'info'] as const).map((sev) => {
      const text = `${s.findings[sev]} ${sev}`;
      return s.findings[sev] > 0 ? SEVERITY_COLOR[sev](c)(text) : text;
    });
    const waived = s.waived === undefined || s.waived === 0 ? '' : c.dim(` (${s.waived} waived)`);
    lines.push(`  failed checks: ${counts.join(', ')}${waived}`);
  }
  for (const e of a.extensions) {
    lines.push(`  extension ${e.id} ${e.version}: ${e.compatible ? `score ${e.score?.toFixed(2) ?? '—'}${e.floor === null ? '' : `, floor ${e.floor.toFixed(2)}`}` : `not compatible with model ${report.model.version}`}`);
  }
  return `${lines.join('\n')}\n`;
}
