import type { CategoryResult, ModuleResult, RequirementResult } from '../../../../model/assessment.js';
import { chartFigure, type RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { compareRef, compareText, count, day, fixed, minute, percent } from '../format.js';
import { levelDescription, levelName } from '../levels.js';
import { facts, levelBadge, para, plainLevelBadge, rawText, table } from '../markup.js';
import type { Section } from '../section.js';

const MODE_TEXT = {
  methodology: 'methodology: unanswered requirements are left out of the averages; completeness is shown',
  excel: 'excel: as the official workbook, an unanswered requirement counts 0 with its weight',
} as const;

const MODULE_ORDER = ['G', 'M', 'O', 'R'];
const RAW_COLOR = '#1f6feb';
const DISPLAYED_COLOR = '#9a6700';

/** Returns the categories in model order (module, then numeric id). */
export function categoriesOf(ctx: RenderContext): CategoryResult[] {
  return Object.values(ctx.report.assessment.categories).sort((a, b) => MODULE_ORDER.indexOf(a.moduleId) - MODULE_ORDER.indexOf(b.moduleId) || compareRef(a.id, b.id));
}

/** Returns the modules in model order. */
function modulesOf(ctx: RenderContext): ModuleResult[] {
  return Object.values(ctx.report.assessment.modules).sort((a, b) => MODULE_ORDER.indexOf(a.id) - MODULE_ORDER.indexOf(b.id));
}

/** Returns the requirements in model order. */
export function requirementsOf(ctx: RenderContext): RequirementResult[] {
  return Object.values(ctx.report.assessment.requirements).sort((a, b) => compareRef(a.ref110, b.ref110) || compareRef(a.ref, b.ref));
}

/** Returns the date the assessment is about: the answers' date, else the day the scan finished, else the report's. */
export function assessmentDate(ctx: RenderContext): string {
  return ctx.report.answers?.date ?? day(ctx.report.scan?.finishedAt ?? ctx.report.generatedAt);
}

function modelText(ctx: RenderContext): string {
  const { version, source } = ctx.report.model;
  const from = source.kind === 'builtin' ? 'built-in structure (ids, names, weights)' : `${source.kind} ${source.location}`;
  return `PKI Maturity Model (PKIMM) ${version}, PKI Consortium; ${from}`;
}

function completenessText(ctx: RenderContext): string {
  const a = ctx.report.assessment;
  const c = a.overall.completeness;
  const unit = a.kind === 'self-assessment' ? 'categories' : 'requirements';
  return `${c.answered} of ${c.inScope} in-scope ${unit} have a level (${percent(c.ratio)}); ${c.notApplicable} not applicable`;
}

/** Returns the not-applicable categories with their reasons as a list (HTML), or undefined when all are in scope. */
function scopeOut(ctx: RenderContext): string | undefined {
  const out = categoriesOf(ctx).filter((c) => c.status === 'not-applicable');
  if (out.length === 0) return undefined;
  return `<ul class="plain">${out.map((c) => `<li>${esc(`${c.id} ${c.name}: ${c.notApplicable ?? 'not applicable'}`)}</li>`).join('')}</ul>`;
}

function scanScope(ctx: RenderContext): string | undefined {
  const scan = ctx.report.scan;
  if (scan === undefined) return undefined;
  const parts = Object.entries(scan.collectors)
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, s]) => `${id}: ${s.observed} of ${s.configured} targets observed`);
  if (scan.declaredInventory) parts.push(`declared inventory ${scan.declaredInventory.source} (${scan.declaredInventory.records} records)`);
  return parts.length === 0 ? 'no collectors ran' : esc(parts.join('; '));
}

/** Returns the overall level block: level, name, raw value, progress to the next level and what the level means. HTML. */
function overallBlock(ctx: RenderContext): string {
  const overall = ctx.report.assessment.overall;
  const version = ctx.report.model.version;
  const lines: string[] = [];
  if (overall.status === 'scored') {
    lines.push(`<p class="overall-level">Overall maturity ${levelBadge(overall)} <span class="raw">weighted average ${esc(rawText(overall))}</span></p>`);
    if (overall.level < 5) {
      const next = overall.level + 1;
      lines.push(
        `<p class="progress"><label for="overall-progress">${esc(`Progress from level ${overall.level} ${levelName(overall.level, version)} to level ${next} ${levelName(next, version)}: ${percent(overall.progress)}`)}</label>` +
          `<meter id="overall-progress" min="0" max="1" value="${overall.progress.toFixed(4)}">${esc(percent(overall.progress))}</meter></p>`,
      );
    } else lines.push(para('The highest level of the model is reached.'));
  } else {
    lines.push(`<p class="overall-level">Overall maturity ${levelBadge(overall)}</p>`);
    if (overall.error !== undefined) lines.push(para(overall.error));
  }
  lines.push(para(`${overall.status === 'scored' ? overall.label : 'No level'}: ${levelDescription(overall.status === 'scored' ? overall.level : 0)}`, 'level-description'));
  return `<div class="overall">${lines.join('')}</div>`;
}

/** Renders the overview: the overall level, who assessed what and when, against which model and scope. */
export function overviewSection(ctx: RenderContext): Section {
  const { report } = ctx;
  const a = report.assessment;
  const answers = report.answers;
  const scan = report.scan;
  const s = report.summary;
  const pairs: [string, string | undefined][] = [
    ['Organisation', answers?.organisation === undefined ? undefined : esc(answers.organisation)],
    ['Date of the assessment', esc(assessmentDate(ctx))],
    ['Scan period', scan === undefined ? undefined : esc(`${minute(scan.startedAt)} to ${minute(scan.finishedAt)}`)],
    ['Assessor', esc(answers?.assessor ?? 'not stated in the answers')],
    ['Model', esc(modelText(ctx))],
    ['Scoring', esc(`${MODE_TEXT[a.mode]}; ${a.kind === 'self-assessment' ? 'self-assessment (category levels)' : 'full assessment (requirement levels)'}; merge policy ${report.scoring.mergePolicy}`)],
    ['Completeness', esc(completenessText(ctx))],
    ['Answers', answers === undefined ? 'none: levels come from evidence only' : esc(answers.source)],
  ];
  if (ctx.type !== 'self-assessment') {
    pairs.push(['Scope: not applicable', scopeOut(ctx) ?? 'every category is in scope']);
    pairs.push(['Scope: what was scanned', scanScope(ctx)]);
    if (report.policy) pairs.push(['Policy profile', esc(report.policy.name)]);
  }
  const numbers =
    ctx.type === 'self-assessment'
      ? ''
      : facts(
          [
            ['Certificates', count(s.certificates)],
            ['TLS endpoints', count(s.endpoints)],
            ['Failed checks', count(Object.values(s.findings).reduce((x, y) => x + y, 0))],
            ['Conflicts', count(s.conflicts)],
            ['Collection problems', count(s.problems)],
          ],
          'numbers',
        );
  return { id: 'overview', title: 'Overview', body: overallBlock(ctx) + numbers + facts(pairs) };
}

/** Renders the attestation: a formal statement of the level achieved, with scope, date, model, scoring mode and assessor. */
export function attestationSection(ctx: RenderContext): Section {
  const { report } = ctx;
  const a = report.assessment;
  const overall = a.overall;
  const org = report.answers?.organisation ?? 'the organisation';
  const scored = overall.status === 'scored';
  const opening = `The public key infrastructure of ${org} was assessed on ${assessmentDate(ctx)} against the PKI Maturity Model (PKIMM) version ${report.model.version} of the PKI Consortium.`;
  const statement = scored
    ? `${opening} Within the scope stated below, the overall maturity level achieved is level ${overall.level}, ${overall.label} (weighted average ${fixed(overall.raw)}).`
    : `${opening} No overall maturity level can be attested: ${overall.label}.`;
  const caveat =
    a.mode === 'methodology' && overall.completeness.ratio < 1
      ? para(`The level is computed from the answered ${a.kind === 'self-assessment' ? 'categories' : 'requirements'} only: ${completenessText(ctx)}.`, 'caveat')
      : '';
  const inScope = categoriesOf(ctx).filter((c) => c.status !== 'not-applicable').length;
  const pairs: [string, string | undefined][] = [
    ['Organisation', esc(org)],
    ['Overall maturity level achieved', scored ? `${levelBadge(overall)} (${esc(fixed(overall.raw))})` : esc(overall.label)],
    ['What the level means', esc(levelDescription(scored ? overall.level : 0))],
    ['Date of the assessment', esc(assessmentDate(ctx))],
    ['Assessor', esc(report.answers?.assessor ?? 'not stated in the answers')],
    ['Model', esc(modelText(ctx))],
    ['Scoring mode', esc(MODE_TEXT[a.mode])],
    ['Assessment kind', a.kind === 'self-assessment' ? 'self-assessment (category levels)' : 'full assessment (requirement levels)'],
    ['Scope', `${esc(`${inScope} of ${Object.keys(a.categories).length} categories in scope`)}${scopeOut(ctx) ?? ''}`],
    ['Completeness', esc(completenessText(ctx))],
    [
      'Evidence',
      report.scan === undefined
        ? 'answers only, no scan'
        : esc(`${report.summary.certificates} certificates and ${report.summary.endpoints} TLS endpoints observed from ${minute(report.scan.startedAt)} to ${minute(report.scan.finishedAt)}`),
    ],
    ['Report', esc(`generated ${minute(report.generatedAt)} by pkimm-scan ${report.tool.version} (JSON report schema ${report.schemaVersion})`)],
  ];
  const modules = table({
    caption: 'Levels per module',
    head: ['Module', 'Level', 'Weighted average'],
    rows: modulesOf(ctx).map((m) => [esc(`${m.id} ${m.name}`), levelBadge(m), esc(rawText(m))]),
    numeric: [2],
    rowHeaders: true,
  });
  return {
    id: 'attestation',
    title: 'Statement of PKI maturity',
    body: `<div class="statement"><p class="statement-text">${esc(statement)}</p>${caveat}${facts(pairs)}${modules}</div>`,
  };
}

/** Renders the levels: modules and categories, raw and displayed (truncated), as tables and charts. */
export function levelsSection(ctx: RenderContext): Section {
  const modules = modulesOf(ctx);
  const categories = categoriesOf(ctx);
  const unit = ctx.report.assessment.kind === 'self-assessment' ? 'categories' : 'requirements';
  const displayed = (v: { status: string; level: number }): number | null => (v.status === 'not-applicable' || v.status === 'error' ? null : v.level);
  const moduleChart = chartFigure(
    ctx,
    'chart-modules',
    {
      type: 'bar',
      labels: modules.map((m) => `${m.id} ${m.name}`),
      datasets: [
        { label: 'Weighted average (raw)', data: modules.map((m) => m.raw), color: RAW_COLOR },
        { label: 'Displayed level (truncated)', data: modules.map(displayed), color: DISPLAYED_COLOR },
      ],
      min: 0,
      max: 5,
      valueTitle: 'Maturity level',
    },
    'Maturity per module: the weighted average and the level shown (truncated)',
    'small',
  );
  const categoryChart = chartFigure(
    ctx,
    'chart-categories',
    {
      type: 'bar',
      horizontal: true,
      labels: categories.map((c) => `${c.id} ${c.name}`),
      datasets: [
        { label: 'Weighted average (raw)', data: categories.map((c) => c.raw), color: RAW_COLOR },
        { label: 'Displayed level (truncated)', data: categories.map(displayed), color: DISPLAYED_COLOR },
      ],
      min: 0,
      max: 5,
      valueTitle: 'Maturity level',
    },
    'Maturity per category: the weighted average and the level shown (truncated)',
    'tall',
  );
  const moduleTable = table({
    caption: 'Modules',
    head: ['Module', 'Level', 'Weighted average', `Answered ${unit}`],
    rows: modules.map((m) => [esc(`${m.id} ${m.name}`), levelBadge(m), esc(rawText(m)), esc(`${m.completeness.answered} of ${m.completeness.inScope}`)]),
    numeric: [2, 3],
    rowHeaders: true,
  });
  const categoryTable = table({
    caption: 'Categories',
    head: ['Category', 'Module', 'Weight', 'Level', 'Weighted average', `Answered ${unit}`],
    rows: categories.map((c) => [
      esc(`${c.id} ${c.name}`),
      esc(c.moduleId),
      esc(c.weight),
      c.status === 'not-applicable' ? `<span class="lvl lvl-none">Not applicable</span> ${esc(c.notApplicable ?? '')}` : levelBadge(c),
      esc(rawText(c)),
      esc(`${c.completeness.answered} of ${c.completeness.inScope}`),
    ]),
    numeric: [2, 4, 5],
    rowHeaders: true,
  });
  const note = para(
    'Displayed levels are the weighted averages truncated to whole levels, as the official tools show them; module and overall levels are computed from the untruncated category averages.',
    'note',
  );
  return { id: 'levels', title: 'Maturity per module and category', body: `<div class="charts">${moduleChart}${categoryChart}</div>${note}${moduleTable}${categoryTable}` };
}

/** Most requirements named per category in the recommendations. */
const MAX_STEPS = 8;

/** Renders the recommendations: per category below 5, the requirements to raise (heaviest first) to reach the next level. */
export function recommendationsSection(ctx: RenderContext): Section {
  const a = ctx.report.assessment;
  const version = ctx.report.model.version;
  const overall = a.overall;
  let intro = '';
  if (overall.status === 'scored' && overall.level < 5 && overall.raw !== null) {
    const next = overall.level + 1;
    intro = para(
      `Overall: level ${next} ${levelName(next, version)} needs a weighted average of at least ${next}.00; it is ${fixed(overall.raw)} (${fixed(next - overall.raw)} to go). Below, per category, the requirements that hold it back, heaviest first.`,
    );
  }
  const requirements = requirementsOf(ctx);
  const rows: string[][] = [];
  for (const c of categoriesOf(ctx)) {
    if (c.status === 'not-applicable' || (c.status === 'scored' && c.level >= 5)) continue;
    const next = c.status === 'scored' ? c.level + 1 : 1;
    let steps: string;
    if (a.kind === 'self-assessment') steps = esc(`Meet the level ${next} ${levelName(next, version)} practices across the category.`);
    else {
      const below = requirements
        .filter((r) => r.categoryId === c.id && r.source !== 'not-applicable' && (r.level ?? 0) < next)
        .sort((x, y) => y.weight - x.weight || compareRef(x.ref, y.ref));
      const shown = below.slice(0, MAX_STEPS).map((r) => {
        const now = r.level !== undefined ? `now ${r.level}` : r.draftLevel !== undefined ? `unanswered, evidence suggests ${r.draftLevel}` : 'unanswered';
        return `<li>${esc(`${r.ref} ${r.title}`)} <span class="muted">${esc(`(${now}; weight ${r.weight})`)}</span></li>`;
      });
      if (below.length > MAX_STEPS) shown.push(`<li class="muted">${esc(`and ${below.length - MAX_STEPS} more`)}</li>`);
      steps = shown.length === 0 ? 'No requirement is below the next level.' : `<ul class="plain">${shown.join('')}</ul>`;
    }
    rows.push([esc(`${c.id} ${c.name}`), levelBadge(c), plainLevelBadge(next, levelName(next, version)), steps]);
  }
  const body =
    rows.length === 0
      ? para('Every in-scope category is at the highest level.')
      : table({ caption: 'Steps to the next level per category', head: ['Category', 'Now', 'Next level', 'Raise these requirements to the next level'], rows, rowHeaders: true });
  return { id: 'recommendations', title: 'Recommendations to reach the next level', body: intro + body };
}
