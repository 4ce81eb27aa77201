// Builds JSON reports for the prefill tests the way `pkimm score` does: answers (and optional assessor statements)
// scored against a built-in model, serialised and read back as a report file would be.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AnswersFile } from '../../model/answers.js';
import type { ScoringMode } from '../../model/assessment.js';
import { builtinModel } from '../../model/pkimm/load-model.js';
import type { Statement } from '../../model/statement.js';
import { toPrefillReport, type PrefillReport } from '../../src/prefill/prefill-report.js';
import { answersSummary, buildReport } from '../../src/report/build-report.js';
import type { ScanReport } from '../../src/report/report.js';
import { normalizeAnswers } from '../../src/score/normalize-answers.js';
import { score } from '../../src/score/score.js';

/** The repository root. */
export const ROOT = new URL('../../', import.meta.url).pathname;

/** Reads an answers fixture (YAML) as an object. */
export function answersFixture(name: string): unknown {
  return parseYaml(readFileSync(`${ROOT}fixtures/answers/${name}`, 'utf8')) as unknown;
}

/** Scores answers (and statements) into a report as `pkimm score` writes it, and its prefill view. */
export function reportFor(options: {
  readonly answers: unknown;
  readonly model?: string;
  readonly mode?: ScoringMode;
  readonly statements?: readonly Statement[];
}): { readonly report: ScanReport; readonly prefill: PrefillReport } {
  const file = AnswersFile.parse(options.answers);
  const model = builtinModel(options.model ?? file.model);
  const normalized = normalizeAnswers(file, model, 'answers.yaml');
  const assessment = score({ model, answers: normalized, statements: options.statements ?? [], mode: options.mode ?? 'excel' });
  const built = buildReport({
    model,
    assessment,
    generatedAt: new Date('2026-11-22T10:00:00Z'),
    statements: options.statements ?? [],
    answers: answersSummary({ file, source: 'answers.yaml' }, normalized),
  });
  const report = JSON.parse(JSON.stringify(built)) as ScanReport;
  return { report, prefill: toPrefillReport(report, 'report.json') };
}

/** Full-assessment answers (model 1.0.0) with every requirement at one level, plus overrides. */
export function uniformAnswers(level: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const model = builtinModel('1.0.0');
  const requirements: Record<string, unknown> = {};
  for (const r of model.requirements) requirements[r.ref] = { level };
  return { model: '1.0.0', requirements, ...extra };
}
