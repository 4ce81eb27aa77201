import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/09-change-management/assess-change-process.js';
import { scanFacts } from '../../helpers/evidence.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { caConfigEvidence, caProfile, daysAgo } from '../helpers.js';
import { PREVIOUS_AT, previousScan } from '../previous-helpers.js';

const setup = (name: string, profiles = [caProfile()]) => ({ ...caConfigEvidence({ name, profiles }, `ca-config:vault#${name}`), collector: 'vault-pki', target: `vault#${name}` });
const pki = setup('pki_int/');
const longer = setup('pki_int/', [caProfile({ maxValiditySeconds: 365 * 86_400 })]);

describe(assessor.id, () => {
  it('says nothing from this signal without a previous scan', () => {
    const statements = assessWith(assessor, [pki]);
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(statements[0]?.ref).toBe('9.3');
    expect(firstReasons(statements)).toEqual(['Insufficient evidence: no previous scan to compare the 1 CA configuration(s) of this scan with, and no change records are imported.']);
  });

  it('says nothing from this signal when no CA configuration changed', () => {
    const statements = assessWith(assessor, [pki], { facts: { previous: previousScan([pki]) } });
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(firstReasons(statements)[0]).toBe('Insufficient evidence: no CA configuration changed since the previous scan; whether changes follow the change process needs change records.');
  });

  it('caps at 3 on an unexplained change within 90 days', () => {
    const statements = assessWith(assessor, [longer, setup('pki_new/')], { facts: { previous: previousScan([pki, setup('pki_old/')]) } });
    expect(kinds(statements)).toEqual(['cap 3']);
    expect(firstReasons(statements)[0]).toBe(
      '3 CA configuration change(s) since the previous scan 7 days ago are not matched to a change record (no waiver): pki_int/ (1 change(s)), pki_new/ (added), pki_old/ (removed). A person reviews them.',
    );
    expect(statements[0]?.reasons[1]?.text).toBe(`Compared with the previous scan of ${PREVIOUS_AT} (test previous report): 2 CA configuration(s) now, 2 then.`);
    expect(statements[0]?.evidenceIds).toEqual(['ca-config:vault#pki_int/', 'ca-config:vault#pki_new/', 'ca-config:vault#pki_old/']);
  });

  it.each([
    { name: 'exactly 90 days', startedAt: daysAgo(90), expected: ['cap 3'] },
    { name: '91 days', startedAt: daysAgo(91), expected: ['insufficient'] },
  ])('previous scan $name old → $expected', ({ startedAt, expected }) => {
    expect(kinds(assessWith(assessor, [longer], { facts: { previous: previousScan([pki], { startedAt }) } }))).toEqual(expected);
  });

  it('counts a waived drift finding as accounted for', () => {
    const facts = scanFacts({ previous: previousScan([pki, setup('pki_old/')]) });
    const input = { evidence: [longer], results: [], problems: [], facts };
    expect(kinds(assessor.assess({ ...input, waived: new Set(['ca-config-unchanged|ca-config:vault#pki_int/']) }))).toEqual(['cap 3']);
    const all = assessor.assess({ ...input, waived: new Set(['ca-config-unchanged|ca-config:vault#pki_int/', 'ca-config-not-removed|']) });
    expect(kinds(all)).toEqual(['insufficient']);
    expect(firstReasons(all)[0]).toBe('Insufficient evidence: all 2 CA configuration change(s) since the previous scan are covered by waivers (accounted for); support needs imported change tickets.');
  });
});
