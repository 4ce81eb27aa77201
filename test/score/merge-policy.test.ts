import { describe, expect, it } from 'vitest';
import type { Level, Statement } from '../../model/statement.js';
import { MERGE_POLICY_ID, combineStatements, mergeRequirement, score } from '../../src/score/index.js';
import { extensionRefOf, mergeExtensionRelevance } from '../../src/score/merge-policy.js';
import type { MergeInput, MergeOutcome } from '../../src/score/index.js';
import { testModel } from './helpers/model.js';

const st = (kind: Statement['kind'], level?: Level, assessor = `${kind}-assessor`, text = `${kind} reason`): Statement => ({
  ref: '7.4',
  assessor,
  kind,
  ...(level === undefined ? {} : { level }),
  reasons: [{ text }],
  evidenceIds: [`ev-${assessor}`],
});

interface Case {
  readonly name: string;
  readonly input: MergeInput;
  readonly expected: Partial<MergeOutcome>;
  readonly conflicts?: readonly { kind: string; message: string }[];
}

const cases: readonly Case[] = [
  {
    name: 'answer above cap → capped, cap-exceeded',
    input: { answer: { level: 4 }, statements: [st('cap', 2, 'inventory-match', '12 % of served certificates are missing from the inventory')] },
    expected: { source: 'merged', level: 2, coverage: 'partial' },
    conflicts: [{ kind: 'cap-exceeded', message: 'answered 4, evidence caps at 2: 12 % of served certificates are missing from the inventory' }],
  },
  {
    name: 'answer at or below cap → answer stands, no conflict',
    input: { answer: { level: 2 }, statements: [st('cap', 3)] },
    expected: { source: 'merged', level: 2 },
    conflicts: [],
  },
  { name: 'answer without statements → manual', input: { answer: { level: 3 }, statements: [] }, expected: { source: 'manual', level: 3, coverage: 'manual' }, conflicts: [] },
  { name: 'proposal without answer → automated', input: { statements: [st('propose', 4)] }, expected: { source: 'automated', level: 4, coverage: 'automated' }, conflicts: [] },
  { name: 'proposal is capped', input: { statements: [st('propose', 4), st('cap', 3)] }, expected: { source: 'automated', level: 3 }, conflicts: [] },
  {
    name: 'lowest of several proposals counts',
    input: { statements: [st('propose', 4, 'a'), st('propose', 2, 'b')] },
    expected: { source: 'automated', level: 2 },
    conflicts: [],
  },
  {
    name: 'answer differs from proposal → answer stands',
    input: { answer: { level: 2 }, statements: [st('propose', 4, 'cert-discovery', 'all sources scanned')] },
    expected: { source: 'merged', level: 2 },
    conflicts: [{ kind: 'differs-from-proposal', message: 'answered 2, evidence proposes 4: all sources scanned' }],
  },
  { name: 'support only → unanswered with draft', input: { statements: [st('support', 3)] }, expected: { source: 'unanswered', draftLevel: 3, coverage: 'partial' }, conflicts: [] },
  { name: 'support above cap → draft capped', input: { statements: [st('support', 4), st('cap', 2)] }, expected: { source: 'unanswered', draftLevel: 2 }, conflicts: [] },
  { name: 'cap only → unanswered, no draft', input: { statements: [st('cap', 2)] }, expected: { source: 'unanswered' }, conflicts: [] },
  {
    name: 'support 4, answer 2 → evidence-suggests-higher',
    input: { answer: { level: 2 }, statements: [st('support', 4, 'renewal-automation', '95 % renew automatically')] },
    expected: { source: 'merged', level: 2 },
    conflicts: [{ kind: 'evidence-suggests-higher', message: 'answered 2, evidence supports 4: 95 % renew automatically' }],
  },
  { name: 'support 4, answer 3 → no conflict', input: { answer: { level: 3 }, statements: [st('support', 4)] }, expected: { source: 'merged', level: 3 }, conflicts: [] },
  {
    name: 'N/A beats everything',
    input: { notApplicable: 'out of scope', answer: { level: 5 }, statements: [st('propose', 4), st('cap', 1), st('support', 5)] },
    expected: { source: 'not-applicable', coverage: 'automated' },
    conflicts: [],
  },
  { name: 'nothing → unanswered, manual', input: { statements: [] }, expected: { source: 'unanswered', coverage: 'manual' }, conflicts: [] },
  { name: 'registered A assessor without statements → automated coverage', input: { statements: [], coverage: 'automated' }, expected: { source: 'unanswered', coverage: 'automated' }, conflicts: [] },
  { name: 'registered P assessor without statements → partial coverage', input: { statements: [], coverage: 'partial' }, expected: { source: 'unanswered', coverage: 'partial' }, conflicts: [] },
  { name: 'answer with insufficient evidence → merged', input: { answer: { level: 3 }, statements: [st('insufficient')] }, expected: { source: 'merged', level: 3 }, conflicts: [] },
];

describe(`merge policy ${MERGE_POLICY_ID}`, () => {
  it.each(cases)('$name', ({ input, expected, conflicts }) => {
    const outcome = mergeRequirement(input);
    expect(outcome).toMatchObject(expected);
    if (!('level' in expected)) expect(outcome.level).toBeUndefined();
    if (!('draftLevel' in expected)) expect(outcome.draftLevel).toBeUndefined();
    if (conflicts !== undefined) expect(outcome.conflicts.map((c) => ({ kind: c.kind, message: c.message }))).toEqual(conflicts);
  });

  it('records every conflict at once (cap exceeded and differs from proposal)', () => {
    const outcome = mergeRequirement({ answer: { level: 5 }, statements: [st('propose', 3, 'p'), st('cap', 2, 'c')] });
    expect(outcome.level).toBe(2);
    expect(outcome.conflicts.map((c) => [c.kind, c.answered, c.evidenceLevel, c.assessor])).toEqual([
      ['cap-exceeded', 5, 2, 'c'],
      ['differs-from-proposal', 5, 3, 'p'],
    ]);
  });

  it('combines statements: lowest proposal and cap, highest support, sorted assessors and evidence', () => {
    const view = combineStatements([st('cap', 3, 'z'), st('cap', 2, 'y'), st('support', 2, 'x'), st('support', 4, 'w'), st('insufficient', undefined, 'v')]);
    expect(view).toMatchObject({ cap: 2, support: 4, assessors: ['v', 'w', 'x', 'y', 'z'], evidenceIds: ['ev-v', 'ev-w', 'ev-x', 'ev-y', 'ev-z'] });
    expect(view?.insufficient).toBeUndefined();
    expect(combineStatements([st('insufficient')])).toMatchObject({ insufficient: true });
    expect(combineStatements([])).toBeUndefined();
  });

  it('is applied by score(), with 1.1.0 statement refs mapped onto the model (1.0.0: 7.4 → 6.4)', () => {
    const model = testModel('1.0.0');
    const a = score({
      model,
      statements: [st('propose', 3, 'cert-inventory'), { ...st('cap', 1), ref: '5.4' }],
      coverage: new Map([['7.5', 'partial']]),
    });
    expect(a.mergePolicy).toBe(MERGE_POLICY_ID);
    expect(a.requirements['6.4']).toMatchObject({ source: 'automated', level: 3, coverage: 'automated', ref110: '7.4' });
    expect(a.requirements['6.5']).toMatchObject({ source: 'unanswered', coverage: 'partial' });
    // 1.1.0 5.4 (Cryptography) has no place in 1.0.0: dropped, not attached to 1.0.0 5.4.
    expect(a.requirements['5.4']).toMatchObject({ source: 'unanswered', coverage: 'manual' });
    expect(a.categories['6']!.raw).toBe(3);
    expect(a.categories['6']!.completeness).toMatchObject({ answered: 1, inScope: 7 });
  });
});

describe('extension relevance (advisory)', () => {
  const ext = (kind: Statement['kind'], level: Level | undefined, category: string, text = `${kind} reason`): Statement => ({
    ref: `ext:pqc:${category}`,
    assessor: 'assess-pqc-readiness',
    kind,
    ...(level === undefined ? {} : { level }),
    reasons: [{ text }],
    evidenceIds: [],
  });

  it('reads the extension and category from the ref', () => {
    expect(extensionRefOf('ext:pqc:2')).toEqual({ extension: 'pqc', category: '2' });
    expect(extensionRefOf('7.4')).toBeUndefined();
  });

  it('drafts unanswered categories from supports, capped', () => {
    const outcomes = mergeExtensionRelevance([ext('support', 4, '3'), ext('cap', 2, '2'), ext('support', 3, '4'), ext('cap', 2, '4'), st('cap', 1)], new Map());
    expect(outcomes.map((o) => ({ category: o.category, draft: o.draftLevel, cap: o.automated.cap }))).toEqual([
      { category: '2', draft: undefined, cap: 2 },
      { category: '3', draft: 4, cap: undefined },
      { category: '4', draft: 2, cap: 2 },
    ]);
  });

  it('records conflicts in both directions for answered categories, without changing the answer', () => {
    const outcomes = mergeExtensionRelevance([ext('cap', 2, '2', 'no CBOM export is attested'), ext('support', 4, '3', 'regime profile checked quarterly')], new Map([['pqc', new Map<string, Level>([['2', 4], ['3', 2]])]]));
    expect(outcomes.map((o) => ({ answered: o.answered, draft: o.draftLevel, conflicts: o.conflicts.map((c) => c.message) }))).toEqual([
      { answered: 4, draft: undefined, conflicts: ['answered 4, evidence caps at 2: no CBOM export is attested'] },
      { answered: 2, draft: undefined, conflicts: ['answered 2, evidence supports 4: regime profile checked quarterly'] },
    ]);
  });
});
