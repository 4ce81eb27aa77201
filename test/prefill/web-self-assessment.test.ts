// The web self-assessment file must pass the import of pkic/self-assessment. Its parser (importYAMLFile in
// src/utils/storage.ts) validates almost nothing itself, so this test re-implements the rules its code relies on,
// each with the file it comes from (pkic/self-assessment, newest snapshots: storage.ts, stateSchema.ts, types.ts,
// effectiveLevel.ts, LevelResult.ts, bundledData.ts; see ../shared/docs/web-self-assessment.md §1A and §2).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { builtinModel } from '../../model/pkimm/load-model.js';
import type { Statement } from '../../model/statement.js';
import { webSelfAssessmentFromReport } from '../../src/prefill/web-self-assessment.js';
import { reportFor, uniformAnswers } from './reports.js';

const draftModelPath = new URL('../../../shared/pkimm/model/pkimm-model-2.0.0-draft.yaml', import.meta.url).pathname;

type Parsed = Record<string, unknown>;

/** The keys the widget builds from a model (storage.ts buildStructureSnapshot; effectiveLevel.ts). */
function modelKeys(): { categories: Set<string>; requirements: Set<string> } {
  if (existsSync(draftModelPath)) {
    const model = parseYaml(readFileSync(draftModelPath, 'utf8')) as { modules: { id: string; categories: { id: string; requirements: { id: string }[] }[] }[] };
    const categories = new Set<string>();
    const requirements = new Set<string>();
    for (const m of model.modules) {
      for (const c of m.categories) {
        categories.add(`${m.id}.${c.id}`);
        for (const r of c.requirements) requirements.add(`${m.id}.${c.id}.${r.id}`);
      }
    }
    return { categories, requirements };
  }
  const model = builtinModel('2.0.0');
  return {
    categories: new Set(model.categories.map((c) => `${c.moduleId}.${c.id}`)),
    requirements: new Set(model.requirements.map((r) => `${r.moduleId}.${r.categoryId}.${r.id}`)),
  };
}

function noDates(value: unknown, path: string): void {
  expect(value instanceof Date, `${path} must not be read as a Date`).toBe(false);
  if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) noDates(v, `${path}.${k}`);
}

/** The import rules, as the widget's code applies or assumes them. Returns the parsed record. */
function expectImportable(text: string): Parsed {
  // storage.ts importYAMLFile: `yaml.load(text)` with js-yaml's default schema (YAML 1.2 core plus timestamps):
  // an unquoted date becomes a Date object, which the widget would then store where it expects a string.
  const parsed = parseYaml(text, { schema: 'core', customTags: ['timestamp'] }) as unknown;
  expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
  const p = parsed as Parsed;
  noDates(p, 'file');
  // storage.ts isJsonEnvelope: a `kind: pkimm-assessment` or any `formatVersion` is rejected.
  expect(p.kind).not.toBe('pkimm-assessment');
  expect('formatVersion' in p).toBe(false);
  // storage.ts isNewExportShape: only a string `dataVersion` takes the current import path (else legacy 1.0.0).
  expect(typeof p.dataVersion).toBe('string');
  // bundledData.ts DEFAULT_MODEL_VERSION = "2.0.0": another version opens the migration banner.
  expect(p.dataVersion).toBe('2.0.0');
  // stateSchema.ts assertSupportedStateSchemaVersion: a numeric stateSchemaVersion above 2 is refused.
  expect(typeof p.stateSchemaVersion).toBe('number');
  expect(p.stateSchemaVersion as number).toBeLessThanOrEqual(2);
  // stateSchema.ts hasV2Content + buildYAMLExportPayload: version 2 exactly when v2 content is present.
  const v2 = Object.keys((p.requirementProgress as object | undefined) ?? {}).length > 0 || ['organizationName', 'assessorPosition', 'assessorCompany', 'assessmentType', 'startDate', 'targetDate', 'finishDate'].some((k) => Boolean(p[k]));
  expect(p.stateSchemaVersion).toBe(v2 ? 2 : 1);
  // types.ts Assessment: field types the widget reads without checking.
  for (const k of ['id', 'name', 'assessmentName', 'assessorName', 'useCaseDescription']) expect(typeof p[k], k).toBe('string');
  expect(p.id as string).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(Array.isArray(p.enabledExtensions)).toBe(true);
  if (p.lastView !== undefined) expect(['self', 'full']).toContain(p.lastView);
  if (p.assessorPosition !== undefined) expect(['internal', 'external']).toContain(p.assessorPosition);
  if (p.assessmentType !== undefined) expect(['self', 'formal', 'third-party']).toContain(p.assessmentType);
  for (const k of ['startDate', 'targetDate', 'finishDate']) if (p[k] !== undefined) expect(p[k] as string).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const meta = p.meta as { createdAt: unknown; updatedAt: unknown };
  expect(typeof meta.createdAt).toBe('string');
  expect(typeof meta.updatedAt).toBe('string');
  expect(typeof (p.sourceStructure as { byKey: unknown }).byKey).toBe('object');

  const keys = modelKeys();
  // types.ts ProgressData and LevelResult.ts: level 0–5, result "Not Applicable" / "Not Assessed" / "N - Name".
  for (const [key, entry] of Object.entries(p.progress as Record<string, Record<string, unknown>>)) {
    expect(keys.categories.has(key), `progress key ${key} is a model 2.0.0 category`).toBe(true);
    expect(typeof entry.description).toBe('string');
    expect(typeof entry.applicability).toBe('boolean');
    expect(Number.isInteger(entry.level) && (entry.level as number) >= 0 && (entry.level as number) <= 5, `${key} level`).toBe(true);
    const label = entry.applicability === false ? 'Not Applicable' : entry.level === 0 ? 'Not Assessed' : new RegExp(`^${String(entry.level)} - (Initial|Foundational|Advanced|Managed|Optimized)$`);
    if (typeof label === 'string') expect(entry.result).toBe(label);
    else expect(entry.result as string).toMatch(label);
  }
  // types.ts RequirementProgress: key `${moduleId}.${categoryId}.${requirementId}`; level 0–5 (0 = not assessed);
  // applicability boolean; notes and evidence are required strings; artifactIds name workspace artifacts.
  const artifacts = new Set(((p.workspace as { artifacts?: { id: string }[] } | undefined)?.artifacts ?? []).map((a) => a.id));
  for (const [key, entry] of Object.entries((p.requirementProgress as Record<string, Record<string, unknown>> | undefined) ?? {})) {
    expect(keys.requirements.has(key), `requirement key ${key} is a model 2.0.0 requirement`).toBe(true);
    expect(Number.isInteger(entry.level) && (entry.level as number) >= 0 && (entry.level as number) <= 5, `${key} level`).toBe(true);
    expect(typeof entry.applicability).toBe('boolean');
    expect(typeof entry.notes).toBe('string');
    expect(typeof entry.evidence).toBe('string');
    if (entry.flagged !== undefined) expect(typeof entry.flagged).toBe('boolean');
    if (entry.flagNote !== undefined) expect(typeof entry.flagNote).toBe('string');
    expect(entry.completed, `${key} is left for a person to complete`).toBeUndefined();
    for (const id of (entry.artifactIds as string[] | undefined) ?? []) expect(artifacts.has(id), `${key} artifact ${id}`).toBe(true);
  }
  return p;
}

/** The web tool's category level from requirement answers (effectiveLevel.ts calculateEffectiveCategoryLevel). */
function webCategoryRaw(p: Parsed, moduleId: string, categoryId: string, weights: ReadonlyMap<string, number>): number | 'na' {
  const progress = (p.progress as Record<string, { applicability: boolean; level: number }>)[`${moduleId}.${categoryId}`];
  if (progress !== undefined && !progress.applicability) return 'na';
  const rp = (p.requirementProgress as Record<string, { level: number; applicability: boolean }> | undefined) ?? {};
  let num = 0;
  let den = 0;
  for (const [key, w] of weights) {
    const entry = rp[`${moduleId}.${categoryId}.${key}`];
    if (entry === undefined || !entry.applicability || entry.level <= 0) continue;
    num += entry.level * w;
    den += w;
  }
  return den > 0 ? num / den : progress?.level ?? 0;
}

describe('web self-assessment import file', () => {
  it('passes the import rules of the web tool for a full assessment with automated, draft and N/A rows', () => {
    const statements: Statement[] = [
      { ref: '7.4', assessor: 'a-inventory', kind: 'propose', level: 3, reasons: [{ text: 'coverage 95 %' }], evidenceIds: ['ev-1'] },
      { ref: '7.5', assessor: 'a-discovery', kind: 'support', level: 2, reasons: [{ text: 'discovery runs weekly' }], evidenceIds: ['ev-2'] },
    ];
    const answers = uniformAnswers(3, { organisation: 'Example Corp', date: '2026-11-22', scope: { '2.4': { notApplicable: 'no disclosure statement' }, '7': { notApplicable: 'outsourced' } } });
    const requirements = answers.requirements as Record<string, unknown>;
    delete requirements['6.4'];
    delete requirements['6.5'];
    const { prefill } = reportFor({ answers, statements, mode: 'methodology' });
    const output = webSelfAssessmentFromReport(prefill, 'report.json');
    const p = expectImportable(output.yaml);
    const rp = p.requirementProgress as Record<string, Record<string, unknown>>;
    expect(rp['M.certificate-management.cert-inventory']).toMatchObject({ level: 3, applicability: true, flagged: true, flagNote: 'pkimm-scan: automated level 3: confirm', artifactIds: ['pkimm-scan-report'] });
    expect(rp['M.certificate-management.cert-discovery']).toMatchObject({ level: 0, flagged: true, flagNote: 'pkimm-scan: draft level 2: enter a level' });
    expect(rp['M.certificate-management.cert-discovery']!.notes).toContain('DRAFT level 2 (Foundational)');
    expect(rp['G.policies-and-documentation.disclosure-statement']).toMatchObject({ level: 0, applicability: false, applicabilityReason: 'no disclosure statement' });
    expect((p.progress as Record<string, unknown>)['M.infrastructure-management']).toMatchObject({ applicability: false, result: 'Not Applicable', applicabilityReason: 'outsourced' });
    expect(p).toMatchObject({ organizationName: 'Example Corp', startDate: '2026-11-22', stateSchemaVersion: 2, lastView: 'full' });
    expect(output.notPlaced).toEqual(['6.5 level 3 (manual)', '7.2 level 3 (manual)']);
  });

  it('carries category levels of a self-assessment, with N/A categories out of scope', () => {
    const { prefill } = reportFor({ answers: { model: '1.1.0', scope: { '8': { notApplicable: 'none' } }, categories: { '1': 2, '7': 4 } }, mode: 'methodology' });
    const p = expectImportable(webSelfAssessmentFromReport(prefill, 'r.json').yaml);
    expect((p.progress as Record<string, unknown>)['G.strategy-and-vision']).toEqual({ level: 2, result: '2 - Foundational', description: '', applicability: true });
    expect((p.progress as Record<string, unknown>)['M.certificate-management']).toMatchObject({ level: 4, result: '4 - Managed' });
    expect((p.progress as Record<string, unknown>)['M.infrastructure-management']).toMatchObject({ applicability: false, level: 0 });
    expect(p.requirementProgress).toBeUndefined();
    expect(p.stateSchemaVersion).toBe(1);
  });

  it('gives the same category levels in the web tool as the tool in methodology mode (model 2.0.0)', () => {
    const model = builtinModel('2.0.0');
    const requirements: Record<string, unknown> = {};
    model.requirements.forEach((r, i) => {
      if (i % 7 !== 3) requirements[r.ref] = { level: (i % 5) + 1 };
    });
    const { report, prefill } = reportFor({ answers: { model: '2.0.0', requirements, scope: { 'awareness/pki-disclosure': { notApplicable: 'x' } } }, mode: 'methodology' });
    const p = expectImportable(webSelfAssessmentFromReport(prefill, 'r.json').yaml);
    for (const c of model.categories) {
      const mine = report.assessment.categories[c.id]!;
      const web = webCategoryRaw(p, c.moduleId, c.id, new Map(c.requirements.map((r) => [r.id, r.weight])));
      if (mine.status === 'not-applicable') expect(web).toBe('na');
      else expect(web as number, c.id).toBeCloseTo(mine.raw ?? 0, 12);
    }
  });
});
