import type { Conflict, RequirementResult } from '../../../../model/assessment.js';
import type { Reason } from '../../../../model/statement.js';
import { evidenceRef, type RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { compareText, fixed } from '../format.js';
import { levelName } from '../levels.js';
import { code, facts, levelBadge, para, plainLevelBadge, table } from '../markup.js';
import type { Section } from '../section.js';
import { categoriesOf, requirementsOf } from './summary.js';

/** Most evidence links listed per requirement. */
const MAX_EVIDENCE_LINKS = 20;

const SOURCE_TEXT: Readonly<Record<RequirementResult['source'], string>> = {
  automated: 'automated: the level comes from evidence',
  merged: 'answered and checked against evidence',
  manual: 'answered, no evidence',
  unanswered: 'open: not answered',
  'not-applicable': 'not applicable',
};

const CONFLICT_TEXT: Readonly<Record<Conflict['kind'], string>> = {
  'cap-exceeded': 'answer above the evidence cap (cap applied)',
  'evidence-suggests-higher': 'evidence suggests a higher level',
  'differs-from-proposal': 'answer differs from the automated proposal',
};

/** Returns the anchor of a requirement's detail block. */
function requirementAnchor(ref: string): string {
  return `req-${ref.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function requirementLink(ctx: RenderContext, r: RequirementResult): string {
  const text = esc(`${r.ref} ${r.title}`);
  return ctx.type === 'detailed' ? `<a href="#${requirementAnchor(r.ref)}">${text}</a>` : text;
}

function evidenceSays(r: RequirementResult): string {
  const au = r.automated;
  if (au === undefined) return '—';
  const parts = [
    au.proposed === undefined ? undefined : `proposes ${au.proposed}`,
    au.cap === undefined ? undefined : `caps at ${au.cap}`,
    au.support === undefined ? undefined : `supports ${au.support}`,
    au.insufficient ? 'insufficient evidence' : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? '—' : parts.join(', ');
}

function levelCell(ctx: RenderContext, r: RequirementResult): string {
  const version = ctx.report.model.version;
  if (r.level !== undefined) return plainLevelBadge(r.level, levelName(r.level, version));
  if (r.draftLevel !== undefined) return `<span class="lvl lvl-none">${esc(`draft ${r.draftLevel} (not scored)`)}</span>`;
  return `<span class="lvl lvl-none">${r.source === 'not-applicable' ? 'Not applicable' : 'Open'}</span>`;
}

/** Renders automated vs answered vs open: counts per source and coverage, and the requirements evidence speaks to. */
export function automationSection(ctx: RenderContext): Section {
  const reqs = requirementsOf(ctx);
  const bySource = (s: RequirementResult['source']): number => reqs.filter((r) => r.source === s).length;
  const byCoverage = (c: RequirementResult['coverage']): number => reqs.filter((r) => r.coverage === c).length;
  const counts = facts(
    [
      ['Automated', esc(bySource('automated'))],
      ['Answered and checked against evidence', esc(bySource('merged'))],
      ['Answered without evidence', esc(bySource('manual'))],
      ['Open (unanswered)', esc(`${bySource('unanswered')}, of which ${reqs.filter((r) => r.source === 'unanswered' && r.draftLevel !== undefined).length} with a draft level from evidence`)],
      ['Not applicable', esc(bySource('not-applicable'))],
    ],
    'numbers',
  );
  const coverage = para(
    `Checks and assessors observe ${byCoverage('automated')} requirements fully and ${byCoverage('partial')} in part; ${byCoverage('manual')} of ${reqs.length} need a person's answer.`,
  );
  const withEvidence = reqs.filter((r) => r.automated !== undefined);
  const detail =
    withEvidence.length === 0
      ? para('No assessor made a statement in this report.')
      : table({
          caption: 'Requirements with evidence statements',
          head: ['Requirement', 'Source', 'Level', 'Evidence says', 'Main reason'],
          rows: withEvidence.map((r) => [requirementLink(ctx, r), esc(SOURCE_TEXT[r.source]), levelCell(ctx, r), esc(evidenceSays(r)), esc(r.automated?.reasons[0]?.text ?? '')]),
          rowHeaders: true,
        });
  return { id: 'automation', title: 'Automated, answered and open', body: counts + coverage + detail };
}

/** Renders the conflicts between answers and evidence that an assessor should resolve. */
export function conflictsSection(ctx: RenderContext): Section {
  const rows = requirementsOf(ctx).flatMap((r) =>
    r.conflicts.map((c) => [requirementLink(ctx, r), esc(CONFLICT_TEXT[c.kind] ?? c.kind), esc(c.answered), esc(c.evidenceLevel), esc(c.message), code(c.assessor)]),
  );
  const body =
    rows.length === 0
      ? para('None: no answer disagrees with the evidence.')
      : para(`${rows.length} ${rows.length === 1 ? 'answer disagrees' : 'answers disagree'} with the evidence. Resolve each by correcting the answer or the PKI, or by recording why the evidence does not apply.`) +
        table({ caption: 'Conflicts', head: ['Requirement', 'Kind', 'Answered', 'Evidence level', 'Why', 'Assessor'], rows, numeric: [2, 3], rowHeaders: true });
  return { id: 'conflicts', title: 'Conflicts to resolve', body };
}

function reasonItem(reason: Reason): string {
  const metric = reason.metric === undefined ? '' : ` <span class="muted">${esc(`(${reason.metric.name} = ${fixed(reason.metric.value, 3)}${reason.metric.threshold === undefined ? '' : `, threshold ${fixed(reason.metric.threshold, 3)}`})`)}</span>`;
  const rules = reason.ruleIds === undefined || reason.ruleIds.length === 0 ? '' : ` <span class="muted">checks: ${reason.ruleIds.map(code).join(', ')}</span>`;
  return `<li>${esc(reason.text)}${metric}${rules}</li>`;
}

function requirementBlock(ctx: RenderContext, r: RequirementResult, failedByRule: ReadonlyMap<string, number>, checks: readonly string[]): string {
  const au = r.automated;
  const pairs: [string, string | undefined][] = [
    ['Level', levelCell(ctx, r)],
    ['Source', esc(SOURCE_TEXT[r.source])],
    ['Weight', esc(r.weight)],
    ['Observed by rules', esc(r.coverage)],
    ['Not applicable because', r.notApplicable === undefined ? undefined : esc(r.notApplicable)],
    ['Model 1.1.0 reference', r.ref110 === r.ref ? undefined : esc(r.ref110)],
    ['Deprecated', r.deprecated ? 'yes: dropped in model 2.0' : undefined],
  ];
  if (r.answer !== undefined) {
    pairs.push(['Answered level', r.answer.level === undefined ? 'none' : esc(r.answer.level)]);
    pairs.push(['Notes', r.answer.notes === undefined ? undefined : esc(r.answer.notes)]);
    pairs.push(['Evidence named in the answer', r.answer.evidence === undefined || r.answer.evidence.length === 0 ? undefined : r.answer.evidence.map(code).join(', ')]);
  }
  if (au !== undefined) {
    pairs.push(['Evidence says', esc(evidenceSays(r))]);
    pairs.push(['Assessors', au.assessors.map(code).join(', ')]);
    pairs.push(['Reasons', au.reasons.length === 0 ? 'none given' : `<ul class="reasons">${au.reasons.map(reasonItem).join('')}</ul>`]);
    if (au.evidenceIds.length > 0) {
      const links = au.evidenceIds.slice(0, MAX_EVIDENCE_LINKS).map((id) => `<li>${evidenceRef(ctx, id)}</li>`);
      if (au.evidenceIds.length > MAX_EVIDENCE_LINKS) links.push(`<li class="muted">${esc(`and ${au.evidenceIds.length - MAX_EVIDENCE_LINKS} more in the JSON report`)}</li>`);
      pairs.push(['Evidence', `<ul class="plain">${links.join('')}</ul>`]);
    }
  }
  if (checks.length > 0) {
    pairs.push(['Checks', checks.map((id) => `${code(id)}${failedByRule.has(id) ? ` <span class="sev sev-high">${esc(`${failedByRule.get(id) ?? 0} failed`)}</span>` : ''}`).join(', ')]);
  }
  if (r.conflicts.length > 0) pairs.push(['Conflicts', `<ul class="plain">${r.conflicts.map((c) => `<li>${esc(`${CONFLICT_TEXT[c.kind] ?? c.kind}: ${c.message}`)}</li>`).join('')}</ul>`]);
  return `<article class="requirement" id="${requirementAnchor(r.ref)}"><h4>${esc(`${r.ref} ${r.title}`)}</h4>${facts(pairs)}</article>`;
}

/** Renders every requirement by category: level, source, answer, evidence statements with reasons and evidence links. */
export function requirementsSection(ctx: RenderContext): Section {
  const failedByRule = new Map<string, number>();
  for (const f of ctx.report.findings) failedByRule.set(f.ruleId, (failedByRule.get(f.ruleId) ?? 0) + 1);
  const checksByRef = new Map((ctx.report.coverage ?? []).map((c) => [c.ref, [...c.checks].sort(compareText)]));
  const reqs = requirementsOf(ctx);
  const blocks = categoriesOf(ctx).map((c) => {
    const inCategory = reqs.filter((r) => r.categoryId === c.id);
    const heading = `<h3>${esc(`${c.id} ${c.name}`)} ${c.status === 'not-applicable' ? '<span class="lvl lvl-none">Not applicable</span>' : levelBadge(c)}</h3>`;
    return `<div class="category">${heading}${inCategory.map((r) => requirementBlock(ctx, r, failedByRule, checksByRef.get(r.ref) ?? [])).join('')}</div>`;
  });
  return { id: 'requirements', title: 'Requirement results', body: blocks.join('') };
}
