// Public API of the scorer.
export { score, type ScoreInput } from './score.js';
export { normalizeAnswers, type AnswersMeta, type NormalizedAnswer, type NormalizedAnswers } from './normalize-answers.js';
export { MERGE_POLICY_ID, combineStatements, mergeRequirement, type Coverage, type MergeInput, type MergeOutcome } from './merge-policy.js';
