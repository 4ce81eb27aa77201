import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/02-policies-and-documentation/assess-policy-review.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { policyWith } from '../helpers.js';

const revised = (cp: string[], cps: string[] = []) => policyWith({ name: 'ours', documents: { cp: { revisions: cp }, cps: { revisions: cps } } });

describe(assessor.id, () => {
  it.each([
    { name: 'no dates', policy: revised([]), expected: ['insufficient'] },
    { name: '30 months old', policy: revised(['2024-05-01']), expected: ['cap 2'] },
    { name: '18 months old', policy: revised(['2025-05-01']), expected: ['cap 3'] },
    { name: 'annual revisions', policy: revised(['2025-09-01'], ['2026-09-01']), expected: ['support 4'] },
    { name: 'one recent revision', policy: revised(['2026-09-01']), expected: ['insufficient'] },
  ])('$name → $expected', ({ policy, expected }) => {
    expect(kinds(assessWith(assessor, [], { policy }))).toEqual(expected);
  });
});
