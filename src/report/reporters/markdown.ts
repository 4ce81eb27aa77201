import type { CategoryResult, RequirementResult, ScoreValue } from '../../../model/assessment.js';
import type { ScanReport } from '../report.js';
import type { Reporter } from './reporter.js';

const TOP_FINDINGS = 20;
const TOP_PROBLEMS = 20;
/** Most rows in any other list (waivers, automated requirements, metrics); the rest are counted. */
const MAX_ROWS = 30;

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

function capped<T>(items: readonly T[], limit = MAX_ROWS): { shown: readonly T[]; more: string[] } {
  return { shown: items.slice(0, limit), more: items.length > limit ? ['', `… and ${items.length - limit} more in the JSON report.`] : [] };
}

function signed(value: number, digits: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;
}

function fixedOrDash(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

/** Policy in force and waivers: active ones with what they cover, expired ones (which silence nothing), unused ones. */
function policySection(report: ScanReport): string[] {
  const lines: string[] = [];
  if (report.policy === undefined && report.waived === undefined && report.waivers === undefined) return lines;
  lines.push('## Policy and waivers', '');
  if (report.policy) lines.push(`Policy profile **${report.policy.name}** (${report.policy.sources.join(' → ')}).`, '');
  const waived = report.waived ?? [];
  const expired = report.waivers?.expired ?? [];
  const unused = report.waivers?.unused ?? [];
  if (waived.length === 0 && expired.length === 0 && unused.length === 0) {
    if (report.waivers) lines.push('No waivers configured.', '');
    return lines;
  }
  lines.push(`${waived.length} failed check(s) waived (not counted by the gate), ${expired.length} waiver(s) expired, ${unused.length} waiver(s) matched nothing.`, '');
  if (waived.length > 0) {
    const { shown, more } = capped(waived);
    lines.push('Waived findings:', '', ...table(['Severity', 'Check', 'Target', 'Waiver', 'Owner', 'Expires', 'Reason'], shown.map((w) => [w.severity, w.ruleId, w.target ?? '', w.waiver.label, w.waiver.owner, w.waiver.expires, w.waiver.reason])), ...more, '');
  }
  if (expired.length > 0) {
    const { shown, more } = capped(expired);
    lines.push('Expired waivers (they silence nothing; their failures are counted above):', '', ...table(['Waiver', 'Check', 'Owner', 'Expired', 'Failures it would cover'], shown.map((e) => [e.waiver.label, e.waiver.rule, e.waiver.owner, e.waiver.expires, e.matching])), ...more, '');
  }
  if (unused.length > 0) lines.push(`Waivers that matched no failed check (candidates for removal): ${unused.map((w) => `${w.label} (${w.rule}, owner ${w.owner})`).join(', ')}.`, '');
  return lines;
}

/** How much of the model rules observe, and which requirements got levels from evidence. */
function coverageSection(report: ScanReport, reqs: readonly RequirementResult[]): string[] {
  const coverage = report.coverage;
  if (coverage === undefined || coverage.length === 0) return [];
  const count = (c: 'automated' | 'partial' | 'manual'): number => coverage.filter((x) => x.coverage === c).length;
  const lines = ['## Coverage', '', `Of ${coverage.length} requirements, ${count('automated')} are automated (an assessor proposes a level), ${count('partial')} partial (evidence caps or supports an answer) and ${count('manual')} manual (answers only).`, ''];
  const automated = reqs.filter((r) => r.source === 'automated' && r.level !== undefined);
  if (automated.length > 0) {
    const { shown, more } = capped(automated);
    lines.push('<details><summary>Requirements with a level from evidence alone (to be confirmed by a person)</summary>', '', ...table(['Requirement', 'Level', 'Checks'], shown.map((r) => [`${r.ref} ${r.title}`, r.level ?? '—', coverage.find((c) => c.ref === r.ref)?.checks.length ?? 0])), ...more, '', '</details>', '');
  }
  return lines;
}

/** The certificate inventory's counts and, when a declared inventory was imported, the reconciliation. */
function inventorySection(report: ScanReport): string[] {
  const inv = report.inventory;
  if (inv === undefined) return [];
  const lines = [
    '## Inventory',
    '',
    ...table(
      ['Certificates', 'Roots', 'Intermediates', 'Leaves', 'Expired', 'Issuer not found', 'Reused keys', 'Weak RSA keys', 'Private keys', 'Orphan keys', 'Unprotected keys'],
      [[inv.certificates, inv.roots, inv.intermediates, inv.leaves, inv.expired, inv.issuerNotFound, `${inv.reusedKeys} (${inv.certificatesWithReusedKeys} certificates)`, inv.weakRsaKeys, inv.privateKeys, inv.orphanKeys, `${inv.unprotectedKeys} (${inv.certificatesWithUnprotectedKeys} certificates)`]],
    ),
    '',
  ];
  const r = inv.reconciliation;
  if (r) {
    lines.push(
      `Reconciled with the declared inventory ${r.source} (${r.declaredRecords} records): ${r.matchedObserved} of ${r.observed} observed certificates declared (${r.invMatch === null ? '—' : pct(r.invMatch)}), ${r.observedNotDeclared} observed but not declared, ${r.declaredNotObserved} declared but not observed, ${r.stale} stale (${r.staleExpired} expired, ${r.staleSuperseded} superseded).`,
      '',
    );
  }
  return lines;
}

/** What changed since the previous recorded scan (reports written with a history store carry the trend series). */
function changesSection(report: ScanReport): string[] {
  const trends = report.trends;
  if (trends === undefined || trends.overall.length < 2) return [];
  const last = trends.overall[trends.overall.length - 1]!;
  const previous = trends.overall[trends.overall.length - 2]!;
  const lines = ['## Changes since the previous scan', ''];
  const overall = last.value !== null && previous.value !== null ? `${previous.value.toFixed(2)} → ${last.value.toFixed(2)} (${signed(last.value - previous.value, 2)})` : '—';
  lines.push(`Compared with the scan of ${previous.scannedAt} (${trends.overall.length} recorded scans): overall weighted average ${overall}.`, '');
  const valueAt = (series: readonly { scanId: string; value: number | null }[], scanId: string): number | null | undefined => series.find((p) => p.scanId === scanId)?.value;
  const rows: (string | number)[][] = [];
  const categories = report.assessment.categories;
  for (const id of Object.keys(trends.categories).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))) {
    const series = trends.categories[id] ?? [];
    const before = valueAt(series, previous.scanId);
    const after = valueAt(series, last.scanId);
    if (before == null || after == null || before === after) continue;
    rows.push([`category ${id} ${categories[id]?.name ?? ''}`.trim(), before.toFixed(2), after.toFixed(2), signed(after - before, 2)]);
  }
  for (const name of Object.keys(trends.metrics).sort()) {
    const series = trends.metrics[name] ?? [];
    const before = valueAt(series, previous.scanId);
    const after = valueAt(series, last.scanId);
    if (before === after) continue;
    rows.push([name, fixedOrDash(before, 3), fixedOrDash(after, 3), before == null || after == null ? '—' : signed(after - before, 3)]);
  }
  if (rows.length === 0) lines.push('No category level or tracked metric changed.', '');
  else {
    const { shown, more } = capped(rows);
    lines.push(...table(['What', 'Before', 'Now', 'Change'], shown), ...more, '');
  }
  return lines;
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
      const ans = report.answers;
      const assessor = ans.assessor && `assessed by ${ans.assessor}${ans.assessorType ? ` (${ans.assessorType}${ans.assessorOrganisation ? `, ${ans.assessorOrganisation}` : ''})` : ans.assessorOrganisation ? ` (${ans.assessorOrganisation})` : ''}`;
      const period = ans.date && (ans.finishDate && ans.finishDate !== ans.date ? `${ans.date} to ${ans.finishDate}` : ans.date);
      const who = [ans.organisation, ans.useCase && `use case ${ans.useCase}`, assessor, period].filter(Boolean).join(', ');
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

    lines.push(...coverageSection(report, reqs));

    const conflicts = reqs.flatMap((r) => r.conflicts.map((c) => ({ r, c })));
    lines.push('## Conflicts to resolve', '');
    if (conflicts.length === 0) lines.push('None: no answer disagrees with the evidence.', '');
    else {
      for (const { r, c } of conflicts) lines.push(`- **${r.ref} ${r.title}** (${c.kind}): ${c.message}`);
      lines.push('');
    }

    lines.push('## Top findings', '');
    const f = report.summary.findings;
    lines.push(`Failed checks: ${f.critical} critical, ${f.high} high, ${f.medium} medium, ${f.low} low, ${f.info} info${report.summary.waived ? `; ${report.summary.waived} more waived (see Policy and waivers)` : ''}.`, '');
    if (report.findings.length > 0) {
      lines.push(...table(['Severity', 'Check', 'Target', 'Message'], report.findings.slice(0, TOP_FINDINGS).map((x) => [x.severity, x.ruleId, x.target ?? '', x.message])));
      if (report.findings.length > TOP_FINDINGS) lines.push('', `… and ${report.findings.length - TOP_FINDINGS} more in the JSON report.`);
      lines.push('');
    }

    lines.push(...policySection(report), ...changesSection(report), ...inventorySection(report));

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
