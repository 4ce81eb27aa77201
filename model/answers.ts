import { z } from 'zod';

const reason = z.string().trim().min(1, 'a reason is required');

/** Scope entry: a category or requirement marked not applicable, always with a reason. */
export const ScopeEntry = z
  .object({
    notApplicable: reason,
  })
  .strict();
export type ScopeEntry = z.infer<typeof ScopeEntry>;

/** What a person enters for one requirement in a full assessment. */
export const RequirementAnswer = z
  .object({
    level: z.number().int().min(1).max(5).optional(),
    /** Shorthand for a scope entry on this requirement. */
    notApplicable: reason.optional(),
    notes: z.string().max(4_000).optional(),
    evidence: z.array(z.string().min(1)).optional(),
    answeredBy: z.string().optional(),
    answeredAt: z.iso.date().optional(),
  })
  .strict();
export type RequirementAnswer = z.infer<typeof RequirementAnswer>;

/** Relevance answers for one extension: a level 1–5 per extension category id. */
export const ExtensionAnswers = z
  .object({
    relevance: z.record(z.string(), z.number().int().min(1).max(5)).default({}),
  })
  .strict();
export type ExtensionAnswers = z.infer<typeof ExtensionAnswers>;

/** The answers file: what a person would enter in the official assessment. Fields may be added, never renamed. */
export const AnswersFile = z
  .object({
    /** Model version the ids below refer to: "1.0.0", "1.1.0" or "2.0.0". */
    model: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a model version such as 1.1.0').default('1.1.0'),
    organisation: z.string().optional(),
    assessor: z
      .object({
        name: z.string().min(1),
        type: z.enum(['internal', 'external', 'self']).optional(),
        organisation: z.string().optional(),
      })
      .strict()
      .optional(),
    date: z.iso.date().optional(),
    /** Assessment period end, when the assessment spans days. */
    finishDate: z.iso.date().optional(),
    useCase: z.string().optional(),
    description: z.string().optional(),
    scope: z.record(z.string(), ScopeEntry).default({}),
    requirements: z.record(z.string(), RequirementAnswer).default({}),
    /** Self-assessment: a level per category, instead of requirement levels. */
    categories: z.record(z.string(), z.union([z.number().int().min(1).max(5), z.object({ level: z.number().int().min(1).max(5), notes: z.string().optional() }).strict()])).default({}),
    extensions: z.record(z.string(), ExtensionAnswers).default({}),
  })
  .strict();
export type AnswersFile = z.infer<typeof AnswersFile>;
