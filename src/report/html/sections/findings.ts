import { SEVERITIES, severityRank } from '../../../../model/finding.js';
import type { Finding } from '../../report.js';
import { evidenceRef, type RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { compareText, count, day } from '../format.js';
import { code, facts, para, severityTag, table } from '../markup.js';
import type { Section } from '../section.js';

/** Findings listed one by one: a short list for management, a long one in the detailed report. */
const TOP_FINDINGS = { assessment: 10, detailed: 500 } as const;
/** Problems listed one by one. */
const MAX_PROBLEMS = 500;

function findingOrder(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || compareText(a.ruleId, b.ruleId) || compareText(a.evidenceId ?? '', b.evidenceId ?? '') || compareText(a.message, b.message);
}

/** Renders the failed checks: counts by severity, by check, and the worst ones with their evidence. */
export function findingsSection(ctx: RenderContext): Section {
  const { report } = ctx;
  const detailed = ctx.type === 'detailed';
  const bySeverity = facts(
    [...SEVERITIES].reverse().map((s) => [s, `${severityTag(s)} ${esc(count(report.summary.findings[s] ?? 0))}`] as const),
    'numbers',
  );
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const ruleRows = [...byRule]
    .sort(([a, fa], [b, fb]) => severityRank(fb[0]?.severity ?? 'info') - severityRank(fa[0]?.severity ?? 'info') || fb.length - fa.length || compareText(a, b))
    .map(([id, list]) => {
      const info = ctx.rules.get(id);
      const row = [esc(info?.title ?? id) + ` <span class="muted">${code(id)}</span>`, severityTag(list[0]?.severity ?? 'info'), esc(count(list.length))];
      if (detailed) row.push(esc(info?.remediation ?? ''));
      return row;
    });
  const parts = [bySeverity];
  if (ruleRows.length === 0) parts.push(para('No check failed.'));
  else {
    parts.push(table({ caption: 'Failed checks by check', head: detailed ? ['Check', 'Severity', 'Failures', 'Remediation'] : ['Check', 'Severity', 'Failures'], rows: ruleRows, numeric: [2], rowHeaders: true }));
    const limit = detailed ? TOP_FINDINGS.detailed : TOP_FINDINGS.assessment;
    const sorted = [...report.findings].sort(findingOrder);
    parts.push(
      table({
        caption: sorted.length > limit ? `The ${limit} most severe of ${count(sorted.length)} failures` : 'Failures',
        head: ['Severity', 'Check', 'Evidence', 'Target', 'Message'],
        rows: sorted.slice(0, limit).map((f) => [severityTag(f.severity), code(f.ruleId), f.evidenceId === undefined ? '—' : evidenceRef(ctx, f.evidenceId), esc(f.target ?? ''), esc(f.message)]),
      }),
    );
    if (sorted.length > limit) parts.push(para(`${count(sorted.length - limit)} more failures are in the JSON, SARIF and CSV reports.`, 'note'));
  }
  const waived = report.waived ?? [];
  if (waived.length > 0) {
    parts.push(para(`${count(waived.length)} failures are covered by active waivers and are not counted above.`));
    if (detailed) {
      parts.push(
        table({
          caption: 'Waived failures',
          head: ['Check', 'Target', 'Message', 'Waiver'],
          rows: [...waived].sort(findingOrder).slice(0, TOP_FINDINGS.detailed).map((w) => [code(w.ruleId), esc(w.target ?? ''), esc(w.message), esc(`${w.waiver.label}: ${w.waiver.reason} (owner ${w.waiver.owner}, expires ${day(w.waiver.expires)})`)]),
        }),
      );
    }
  }
  return { id: 'findings', title: 'Failed checks', body: parts.join('') };
}

/** Renders the problems met: targets not observed, answers that did not map, waivers that expired; undefined when none. */
export function problemsSection(ctx: RenderContext): Section | undefined {
  const { report } = ctx;
  const parts: string[] = [];
  if (report.problems.length > 0) {
    const sorted = [...report.problems].sort((a, b) => compareText(a.collector, b.collector) || compareText(a.target, b.target) || compareText(a.code, b.code) || compareText(a.message, b.message));
    parts.push(
      para(`${count(sorted.length)} ${sorted.length === 1 ? 'target' : 'targets'} could not be fully observed; the scan went on without them.`),
      table({
        caption: 'Collection problems',
        head: ['Collector', 'Target', 'Problem', 'Message'],
        rows: sorted.slice(0, MAX_PROBLEMS).map((p) => [code(p.collector), esc(p.target), esc(p.code), esc(p.message)]),
      }),
    );
    if (sorted.length > MAX_PROBLEMS) parts.push(para(`${count(sorted.length - MAX_PROBLEMS)} more problems are in the JSON report.`, 'note'));
  }
  const warnings = report.answers?.warnings ?? [];
  if (warnings.length > 0) parts.push(`<h3>Answers</h3><ul>${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  const expired = report.waivers?.expired ?? [];
  if (expired.length > 0) parts.push(`<h3>Expired waivers</h3><ul>${expired.map((w) => `<li>${esc(w.message)}</li>`).join('')}</ul>`);
  if (report.model.source.kind === 'builtin') {
    parts.push(para("The model's guidance texts were not loaded: the report uses the built-in structure (ids, names, weights); pkimm model pull fetches the official file.", 'note'));
  }
  if (parts.length === 0) return undefined;
  return { id: 'problems', title: 'Problems met', body: parts.join('') };
}
