import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/02-policies-and-documentation/assess-policy-review.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, caProfile, policyWith } from '../helpers.js';
import { PREVIOUS_AT, previousScan } from '../previous-helpers.js';

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

describe(`${assessor.id}: material CA-configuration changes since the previous scan`, () => {
  const setup = (profiles: ReturnType<typeof caProfile>[]) => ({ ...caConfigEvidence({ profiles }, 'ca-config:vault#pki_int/'), collector: 'vault-pki', target: 'vault#pki_int/' });
  const before = setup([caProfile()]);
  const newProfile = setup([caProfile(), caProfile({ name: 'code-signing' })]);
  const longer = setup([caProfile({ maxValiditySeconds: 365 * 86_400 })]);
  const withPrevious = (policy: ReturnType<typeof revised>, now: ReturnType<typeof setup>) => assessWith(assessor, [now], { policy, facts: { previous: previousScan([before]) } });

  it.each([
    { name: 'a new profile, newest revision 100 days old', policy: revised(['2026-08-14']), now: newProfile, expected: ['cap 4'] },
    { name: 'a new profile, newest revision exactly 90 days old', policy: revised(['2026-08-24']), now: newProfile, expected: ['insufficient'] },
    { name: 'a new profile, with annual revisions 100 days ago', policy: revised(['2025-09-01'], ['2026-08-14']), now: newProfile, expected: ['support 4', 'cap 4'] },
    { name: 'a lifetime change only (not material)', policy: revised(['2026-08-14']), now: longer, expected: ['insufficient'] },
    { name: 'a new profile, revision 18 months old (already capped lower)', policy: revised(['2025-05-01']), now: newProfile, expected: ['cap 3'] },
  ])('$name → $expected', ({ policy, now, expected }) => {
    expect(kinds(withPrevious(policy, now))).toEqual(expected);
  });

  it('names the material change', () => {
    const [cap] = withPrevious(revised(['2026-08-14']), newProfile);
    expect(cap?.reasons[0]?.text).toBe(`1 material CA configuration change(s) since the previous scan (${PREVIOUS_AT}): vault pki_int/: new role "code-signing"; no CP/CPS revision in the last 90 days (the newest is 100 days old).`);
  });

  it('mentions the change but states nothing without declared revisions, or without a previous scan', () => {
    const statements = withPrevious(revised([]), newProfile);
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(statements[0]?.reasons[1]?.text).toBe(`1 material CA configuration change(s) since the previous scan (${PREVIOUS_AT}): vault pki_int/: new role "code-signing".`);
    expect(kinds(assessWith(assessor, [newProfile], { policy: revised(['2026-08-14']) }))).toEqual(['insufficient']);
  });
});
