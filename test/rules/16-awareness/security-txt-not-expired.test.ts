import { describe, expect, it } from 'vitest';
import type { Evidence, SecurityTxtData, SecurityTxtFields } from '../../../model/evidence.js';
import rule from '../../../rules/16-awareness/security-txt-not-expired.js';
import { NOW } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const EMPTY: SecurityTxtFields = { contact: ['mailto:a@example.test'], expires: [], encryption: [], acknowledgments: [], preferredLanguages: [], canonical: [], policy: [], hiring: [], csaf: [] };
const txt = (expires: readonly string[] | undefined, data: Partial<SecurityTxtData> = {}): Evidence<'security-txt'> => ({
  id: 'security-txt:example.test',
  kind: 'security-txt',
  collector: 'security-txt',
  target: 'example.test',
  observedAt: NOW.toISOString(),
  data: { domain: 'example.test', outcome: 'found', url: 'https://example.test/.well-known/security.txt', redirects: [], httpsVerified: true, ...(expires === undefined ? {} : { fields: { ...EMPTY, expires } }), ...data },
});

describe(rule.id, () => {
  it.each([
    ['a day ahead', '2026-11-23T00:00:00Z'],
    ['exactly 365 days ahead', '2027-11-22T00:00:00Z'],
  ])('passes an Expires %s', (_, value) => {
    expect(resultFor(rule, txt([value])).status).toBe('pass');
  });

  it.each([
    ['no Expires', [], 'The security.txt of example.test has no Expires field.'],
    ['two Expires', ['2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z'], 'The security.txt of example.test has 2 Expires fields; RFC 9116 allows one.'],
    ['an unreadable Expires', ['next year'], 'The security.txt of example.test has an unreadable Expires value "next year".'],
    ['an Expires in the past', ['2026-11-21T23:59:59Z'], 'The security.txt of example.test expired on 2026-11-21T23:59:59Z.'],
    ['an Expires equal to now', ['2026-11-22T00:00:00Z'], 'The security.txt of example.test expired on 2026-11-22T00:00:00Z.'],
    ['an Expires 366 days ahead', ['2027-11-23T00:00:00Z'], 'The security.txt of example.test expires on 2027-11-23T00:00:00Z, 366 days ahead (more than 365).'],
  ])('flags %s', (_, values, message) => {
    expect(resultFor(rule, txt(values)).message).toBe(message);
  });

  it('reads maxDaysAhead from the options', () => {
    expect(resultFor(rule, txt(['2027-03-01T00:00:00Z']), [], { options: { maxDaysAhead: 90 } }).status).toBe('fail');
  });

  it('is not applicable when no file was read', () => {
    expect(resultFor(rule, txt(undefined, { outcome: 'not-found', status: 404 })).status).toBe('not-applicable');
  });
});
