// The parts of a JSON report that the prefill outputs read, validated: a report is a file from disk, so every field
// used below is checked here rather than trusted from the ScanReport type.
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { formatZodError } from '../config/load-file.js';

const level = z.number().int().min(1).max(5);

/** What prefill reads of one requirement result. */
export const PrefillRequirement = z.looseObject({
  ref: z.string(),
  ref110: z.string(),
  title: z.string().optional(),
  source: z.enum(['automated', 'manual', 'merged', 'unanswered', 'not-applicable']),
  level: level.optional(),
  draftLevel: level.optional(),
  automated: z
    .looseObject({
      proposed: level.optional(),
      cap: level.optional(),
      support: level.optional(),
      insufficient: z.boolean().optional(),
      assessors: z.array(z.string()).default([]),
      reasons: z.array(z.looseObject({ text: z.string() })).default([]),
      evidenceIds: z.array(z.string()).default([]),
    })
    .optional(),
  answer: z.looseObject({ level: level.optional(), notes: z.string().optional(), evidence: z.array(z.string()).optional() }).optional(),
  notApplicable: z.string().optional(),
  conflicts: z.array(z.looseObject({ kind: z.string(), message: z.string() })).default([]),
});
export type PrefillRequirement = z.infer<typeof PrefillRequirement>;

/** What prefill reads of one category result. */
export const PrefillCategory = z.looseObject({
  id: z.string(),
  id110: z.string(),
  name: z.string().optional(),
  status: z.enum(['scored', 'not-evaluated', 'not-applicable', 'error']),
  raw: z.number().nullable(),
  level: z.number().int().min(0).max(5),
  notApplicable: z.string().optional(),
});
export type PrefillCategory = z.infer<typeof PrefillCategory>;

/** What prefill reads of a report. */
export const PrefillReport = z.looseObject({
  tool: z.looseObject({ version: z.string() }),
  generatedAt: z.string(),
  model: z.looseObject({ version: z.string() }),
  answers: z
    .looseObject({
      source: z.string(),
      organisation: z.string().optional(),
      assessor: z.string().optional(),
      assessorType: z.enum(['internal', 'external', 'self']).optional(),
      assessorOrganisation: z.string().optional(),
      date: z.string().optional(),
      finishDate: z.string().optional(),
      useCase: z.string().optional(),
    })
    .optional(),
  assessment: z.looseObject({
    mode: z.enum(['methodology', 'excel']),
    kind: z.enum(['full', 'self-assessment']),
    categories: z.record(z.string(), PrefillCategory),
    requirements: z.record(z.string(), PrefillRequirement),
  }),
});
export type PrefillReport = z.infer<typeof PrefillReport>;

/** Validates a report (already read as JSON) for prefill; throws one ConfigError naming the file and field. */
export function toPrefillReport(report: unknown, source: string): PrefillReport {
  const parsed = PrefillReport.safeParse(report);
  if (!parsed.success) throw new ConfigError(formatZodError(parsed.error, `report ${source}`), source);
  return parsed.data;
}

/** Requirement results keyed by their 1.1.0 reference. */
export function requirementsBy110(report: PrefillReport): Map<string, PrefillRequirement> {
  return new Map(Object.values(report.assessment.requirements).map((r) => [r.ref110, r]));
}

/** Category results keyed by their 1.1.0 id. */
export function categoriesBy110(report: PrefillReport): Map<string, PrefillCategory> {
  return new Map(Object.values(report.assessment.categories).map((c) => [c.id110, c]));
}

/**
 * Categories the person scoped out, with the reason: every requirement of the category carries the category's reason.
 * (A category that is N/A only because each of its requirements is, is not in the map.) Keyed by 1.1.0 category id.
 */
export function scopedOutCategories(report: PrefillReport): Map<string, string> {
  const out = new Map<string, string>();
  const requirements = Object.values(report.assessment.requirements);
  for (const c of Object.values(report.assessment.categories)) {
    if (c.status !== 'not-applicable' || c.notApplicable === undefined) continue;
    const members = requirements.filter((r) => r.ref110.split('.')[0] === c.id110);
    if (members.every((r) => r.notApplicable === c.notApplicable)) out.set(c.id110, c.notApplicable);
  }
  return out;
}

/** A short line on what the report says about a requirement, for lists of what could not be placed. */
export function describeRequirement(r: PrefillRequirement): string {
  if (r.source === 'not-applicable') return 'not applicable';
  if (r.level !== undefined) return `level ${r.level} (${r.source})`;
  if (r.draftLevel !== undefined) return `draft level ${r.draftLevel}`;
  return 'unanswered';
}
