import type { CategoryResult, RequirementResult, ScoreValue } from '../../../model/assessment.js';
import type { ScanReport } from '../report.js';
import type { Reporter } from './reporter.js';

const TOP_FINDINGS = 20;
const TOP_PROBLEMS = 20;

/** Escapes text for a Markdown table cell. */
function cell(text: string | number): string {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function raw(value: ScoreValue): string {
  return value.raw === null ? '—' : value.raw.toFixed(2);
}

function pct(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

function levelCell(value: ScoreValue): string {
  if (value.status === 'scored') return `${value.level} ${value.label}`;
  return value.label;
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

const MODE_TEXT = {
  methodology: 'methodology (unanswered requirements excluded; completeness shown)',
  excel: 'excel (as the official workbook: unanswered requirements count 0 with their weight)',
} as const;

/** A Markdown summary for people: overall level, modules and categories, automated vs answered, conflicts, findings. */
export const markdown: Reporter = {
  format: 'markdown',
  extension: 'md',
  render(report: ScanReport): string {
    const a = report.assessment;
    const lines: string[] = [];
    const overall = a.overall;
    const title = overall.status === 'scored' ? `Level ${overall.level}: ${overall.label} (${raw(overall)})` : overall.label;
    lines.push(`# PKI maturity: ${title}`, '');
    lines.push(
      `- Model: PKIMM ${report.model.version} (${report.model.source.kind === 'builtin' ? 'built-in structure without guidance texts; `pkimm model pull` fetches the official file' : `${report.model.source.kind}: ${report.model.source.location}`})`,
      `- Scoring: ${MODE_TEXT[a.mode]}; ${a.kind === 'self-assessment' ? 'self-assessment (category levels)' : 'full assessment (requirement levels)'}`,
      `- Merge policy: ${report.scoring.mergePolicy}`,
      `- Completeness: ${overall.completeness.answered} of ${overall.completeness.inScope} in-scope ${a.kind === 'self-assessment' ? 'categories' : 'requirements'} have a level (${pct(overall.completeness.ratio)}); ${overall.completeness.notApplicable} not applicable`,
    );
    if (overall.status === 'scored' && overall.level < 5) lines.push(`- Progress towards level ${overall.level + 1}: ${pct(overall.progress)}`);
    if (overall.error) lines.push(`- ${overall.error}`);
    if (report.answers) {
      const who = [report.answers.organisation, report.answers.assessor && `assessed by ${report.answers.assessor}`, report.answers.date].filter(Boolean).join(', ');
      lines.push(`- Answers: ${report.answers.source}${who ? ` (${who})` : ''}`);
      for (const w of report.answers.warnings) lines.push(`  - warning: ${w}`);
    }
    lines.push(`- Generated ${report.generatedAt} by pkimm-scan ${report.tool.version}`, '');

    lines.push('## Modules', '');
    lines.push(...table(['Module', 'Level', 'Raw', 'Completeness'], Object.values(a.modules).map((m) => [`${m.id} ${m.name}`, levelCell(m), raw(m), `${m.completeness.answered}/${m.completeness.inScope}`])), '');

    lines.push('## Categories', '');
    const cats: CategoryResult[] = Object.values(a.categories);
    lines.push(
      ...table(
        ['Id', 'Category', 'Module', 'Weight', 'Level', 'Raw', 'Answered'],
        cats.map((c) => [c.id, c.name, c.moduleId, c.weight, c.notApplicable ? `N/A (${c.notApplicable})` : levelCell(c), raw(c), `${c.completeness.answered}/${c.completeness.inScope}`]),
      ),
      '',
    );

    const reqs: RequirementResult[] = Object.values(a.requirements);
    const count = (s: RequirementResult['source']): number => reqs.filter((r) => r.source === s).length;
    lines.push('## Automated and answered', '');
    lines.push(
      `${count('automated')} automated, ${count('merged')} answered and checked against evidence, ${count('manual')} answered without evidence, ${count('unanswered')} unanswered (${reqs.filter((r) => r.draftLevel !== undefined).length} with a draft level from evidence), ${count('not-applicable')} not applicable. Rules cover ${reqs.filter((r) => r.coverage !== 'manual').length} of ${reqs.length} requirements; the rest are manual.`,
      '',
    );
    const withEvidence = reqs.filter((r) => r.automated !== undefined);
    if (withEvidence.length > 0) {
      lines.push(
        ...table(
          ['Requirement', 'Source', 'Level', 'Evidence says', 'Why'],
          withEvidence.map((r) => {
            const au = r.automated!;
            const says = [au.proposed && `proposes ${au.proposed}`, au.cap && `caps at ${au.cap}`, au.support && `supports ${au.support}`, au.insufficient && 'insufficient evidence'].filter(Boolean).join(', ');
            const level = r.level !== undefined ? String(r.level) : r.draftLevel !== undefined ? `draft ${r.draftLevel}` : '—';
            return [`${r.ref} ${r.title}`, r.source, level, says || '—', au.reasons[0]?.text ?? ''];
          }),
        ),
        '',
      );
    }

    const conflicts = reqs.flatMap((r) => r.conflicts.map((c) => ({ r, c })));
    lines.push('## Conflicts to resolve', '');
    if (conflicts.length === 0) lines.push('None: no answer disagrees with the evidence.', '');
    else {
      for (const { r, c } of conflicts) lines.push(`- **${r.ref} ${r.title}** (${c.kind}): ${c.message}`);
      lines.push('');
    }

    lines.push('## Top findings', '');
    const f = report.summary.findings;
    lines.push(`Failed checks: ${f.critical} critical, ${f.high} high, ${f.medium} medium, ${f.low} low, ${f.info} info.`, '');
    if (report.findings.length > 0) {
      lines.push(...table(['Severity', 'Check', 'Target', 'Message'], report.findings.slice(0, TOP_FINDINGS).map((x) => [x.severity, x.ruleId, x.target ?? '', x.message])));
      if (report.findings.length > TOP_FINDINGS) lines.push('', `… and ${report.findings.length - TOP_FINDINGS} more in the JSON report.`);
      lines.push('');
    }

    if (report.scan) {
      lines.push('## Collection', '');
      lines.push(`${report.summary.certificates} certificates, ${report.summary.endpoints} TLS endpoints, ${report.summary.problems} problems.`, '');
      lines.push(...table(['Collector', 'Targets', 'Observed', 'Evidence', 'Problems'], Object.entries(report.scan.collectors).sort(([x], [y]) => x.localeCompare(y)).map(([id, s]) => [id, s.configured, s.observed, s.evidence, s.problems])), '');
      if (report.problems.length > 0) {
        for (const p of report.problems.slice(0, TOP_PROBLEMS)) lines.push(`- ${p.collector} ${p.target}: ${p.code}: ${p.message}`);
        if (report.problems.length > TOP_PROBLEMS) lines.push(`- … and ${report.problems.length - TOP_PROBLEMS} more in the JSON report.`);
        lines.push('');
      }
    }

    if (a.extensions.length > 0) {
      lines.push('## Extensions', '');
      lines.push(
        ...table(
          ['Extension', 'Score', 'Floor', 'Extension-weighted PKIMM'],
          a.extensions.map((e) => [`${e.name} ${e.version}`, e.compatible ? (e.score?.toFixed(2) ?? '—') : `not compatible with model ${report.model.version}`, e.floor?.toFixed(2) ?? '—', e.weightedPkimm?.toFixed(2) ?? '—']),
        ),
        '',
      );
    }
    return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
  },
};
