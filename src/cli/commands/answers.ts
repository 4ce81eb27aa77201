import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { RequirementResult } from '../../../model/assessment.js';
import { defaultCacheDir, loadModel } from '../../../model/pkimm/load-model.js';
import type { PkimmModel } from '../../../model/pkimm/types.js';
import type { Statement } from '../../../model/statement.js';
import { displayPath } from '../../config/load-file.js';
import { coverageOf } from '../../engine/evaluate.js';
import { readReport } from '../../report/read-report.js';
import type { ScanReport } from '../../report/report.js';
import { mergeExtensionRelevance } from '../../score/merge-policy.js';
import { score } from '../../score/score.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

interface AnswersCliOptions {
  evidence?: string;
  model?: string;
  out?: string;
  organisation?: string;
  cacheDir?: string;
}

const MAX_NOTES = 3_900;
const MAX_COMMENT = 220;

/** One line of comment text: no line breaks, bounded. */
const comment = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_COMMENT ? `${flat.slice(0, MAX_COMMENT - 1)}…` : flat;
};

/** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
const quoted = (text: string): string => JSON.stringify(text);

/** The evidence summary a person starts the notes from. */
function evidenceNotes(r: RequirementResult): string {
  const view = r.automated;
  if (view === undefined) return '';
  const parts = [
    view.proposed === undefined ? undefined : `proposed ${view.proposed}`,
    view.cap === undefined ? undefined : `cap ${view.cap}`,
    view.support === undefined ? undefined : `support ${view.support}`,
  ].filter((p): p is string => p !== undefined);
  const reasons = view.reasons.map((reason) => reason.text).filter((t, i, all) => all.indexOf(t) === i);
  const text = `Evidence (draft, from pkimm-scan; replace with your assessment): ${parts.join(', ') || 'insufficient'}. ${reasons.join(' ')}`;
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES - 1)}…` : text;
}

/** The lines for one requirement. */
function requirementLines(r: RequirementResult): string[] {
  const key = `  ${quoted(r.ref)}`;
  const title = `  # ${r.ref}${r.ref !== r.ref110 ? ` (1.1.0: ${r.ref110})` : ''} ${r.title} (weight ${r.weight}${r.deprecated === true ? ', deprecated in 2.0.0' : ''})`;
  const view = r.automated;
  if (view === undefined || (view.proposed === undefined && view.cap === undefined && view.support === undefined)) {
    const why =
      r.coverage === 'manual' ? 'manual: no rule observes this requirement' : `insufficient evidence: ${comment(view?.reasons[0]?.text.replace(/^Insufficient evidence: /, '') ?? 'the assessors said nothing')}`;
    return [title, `${key}: {}   # ${why}`];
  }
  const ids = view.evidenceIds;
  const evidence = ids.length === 0 ? [] : [`  #   evidence ids: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`];
  const level =
    r.source === 'automated' && r.level !== undefined
      ? `    # level: ${r.level}   # AUTOMATED: counts as ${r.level} unless you answer (your answer then stands, capped by evidence)`
      : r.draftLevel !== undefined
        ? `    # level: ${r.draftLevel}   # DRAFT from evidence (support ${view.support ?? '-'}, cap ${view.cap ?? '-'}): not an answer until you write the level`
        : `    # level: ?   # evidence caps this requirement at ${view.cap ?? '-'}: any answer above it is capped and reported as a conflict`;
  return [title, ...evidence, `${key}:`, level, `    notes: ${quoted(evidenceNotes(r))}`];
}

/** The lines for the extensions section: relevance drafts from `ext:<id>:<category>` statements. */
function extensionLines(statements: readonly Statement[]): string[] {
  const outcomes = mergeExtensionRelevance(statements, new Map());
  if (outcomes.length === 0) return ['extensions: {}'];
  const lines = ['extensions:'];
  for (const extension of [...new Set(outcomes.map((o) => o.extension))].sort()) {
    lines.push(`  ${quoted(extension)}:`, '    # Relevance levels (1–5) per category of the extension. Drafts from evidence (not answers):');
    for (const o of outcomes.filter((x) => x.extension === extension)) {
      const view = o.automated;
      const what = o.draftLevel !== undefined ? `draft ${o.draftLevel}` : view.cap !== undefined ? `at most ${view.cap}` : 'no draft';
      lines.push(`    #   ${quoted(o.category)}: ${what}: ${comment(view.reasons[0]?.text ?? '')}`);
    }
    lines.push('    relevance: {}');
  }
  return lines;
}

/**
 * Renders an answers file for a person to complete: every requirement of the model, grouped by category, with the
 * automated level or draft from the evidence as a commented `level:` line and the evidence in notes. Valid as it is
 * (AnswersFile and schemas/answers.schema.json); drafts count only once the person writes the level.
 */
export function answersTemplate(model: PkimmModel, report: ScanReport | undefined, options: { readonly organisation?: string } = {}): string {
  const statements = report?.statements ?? [];
  const assessment = score({ model, statements, coverage: coverageOf(report?.assessors ?? []) });
  const lines = [
    `# pkimm answers template: PKIMM model ${model.version}${report === undefined ? '' : `, evidence from the report generated ${report.generatedAt}`}.`,
    '# Write `level:` (1-5) for each requirement you assess, or scope requirements and categories out with a reason.',
    '# Commented `level:` lines are AUTOMATED levels (they count unless you answer) or DRAFTS from evidence (they count',
    '# only once you write the level yourself). Notes start with the evidence; replace them with your own.',
    '# Check the file with: pkimm score --answers <this file>',
    `model: ${quoted(model.version)}`,
    options.organisation === undefined ? '# organisation: Example Corp' : `organisation: ${quoted(options.organisation)}`,
    '# assessor: { name: A. Person, type: internal }',
    '# date: YYYY-MM-DD',
    'scope: {}   # e.g. "8": { notApplicable: no own infrastructure }',
    'requirements:',
  ];
  for (const category of model.categories) {
    lines.push(`  # ── ${category.id} ${category.name} (weight ${category.weight}) ──`);
    for (const requirement of category.requirements) {
      const result = assessment.requirements[requirement.ref];
      if (result !== undefined) lines.push(...requirementLines(result));
    }
  }
  lines.push('categories: {}', ...extensionLines(statements));
  return `${lines.join('\n')}\n`;
}

async function template(options: AnswersCliOptions, io: CliIo): Promise<void> {
  const report = options.evidence === undefined ? undefined : await readReport(options.evidence, io.cwd);
  const wanted = options.model ?? report?.model.version;
  const model = await loadModel({
    ...(wanted === undefined ? {} : { model: wanted }),
    baseDir: io.cwd,
    cacheDir: options.cacheDir === undefined ? defaultCacheDir(io.env) : resolve(io.cwd, options.cacheDir),
    env: io.env,
  });
  const text = answersTemplate(model, report, options.organisation === undefined ? {} : { organisation: options.organisation });
  if (options.out === undefined) {
    io.out(text);
    return;
  }
  const target = resolve(io.cwd, options.out);
  await writeFile(target, text);
  io.err(`wrote ${displayPath(target, io.cwd)}\n`);
}

/** `pkimm answers template`: an answers file pre-filled with automated levels and drafts for a person to complete. */
export const answersCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    const answers = program.command('answers').description('Work with answers files');
    answers
      .command('template')
      .description('Write an answers YAML with every requirement, pre-filled with automated levels and drafts from a scan report')
      .option('-e, --evidence <report>', 'JSON report of a scan whose statements become automated levels and drafts')
      .option('--model <file|url|version>', 'model to write the template for (default: the report\'s, else 1.1.0)')
      .option('-o, --out <file>', 'write to a file instead of standard output')
      .option('--organisation <name>', 'organisation name to fill in')
      .option('--cache-dir <dir>', 'model cache directory')
      .action(async (options: AnswersCliOptions) => {
        await template(options, io);
        setExitCode(ExitCode.Ok);
      });
  },
};
