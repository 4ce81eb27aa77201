import { describe, expect, it } from 'vitest';
import type { Evidence, SecurityTxtData, SecurityTxtFields } from '../../../model/evidence.js';
import rule from '../../../rules/16-awareness/security-txt-contact.js';
import { NOW } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const EMPTY: SecurityTxtFields = { contact: [], expires: ['2027-01-01T00:00:00Z'], encryption: [], acknowledgments: [], preferredLanguages: [], canonical: [], policy: [], hiring: [], csaf: [] };
const txt = (contact: readonly string[] | undefined, data: Partial<SecurityTxtData> = {}): Evidence<'security-txt'> => ({
  id: 'security-txt:example.test',
  kind: 'security-txt',
  collector: 'security-txt',
  target: 'example.test',
  observedAt: NOW.toISOString(),
  data: { domain: 'example.test', outcome: 'found', url: 'https://example.test/.well-known/security.txt', redirects: [], httpsVerified: true, ...(contact === undefined ? {} : { fields: { ...EMPTY, contact } }), ...data },
});

describe(rule.id, () => {
  it.each([['mailto:security@example.test'], ['tel:+1-201-555-0123'], ['https://example.test/report']])('passes Contact %s', (contact) => {
    expect(resultFor(rule, txt([contact])).status).toBe('pass');
  });

  it('flags a file without Contact', () => {
    expect(resultFor(rule, txt([])).message).toBe('The security.txt of example.test names no Contact.');
  });

  it.each([['http://example.test/report'], ['security@example.test']])('flags the unusable Contact %s', (contact) => {
    expect(resultFor(rule, txt(['mailto:ok@example.test', contact])).message).toBe(`The security.txt of example.test has Contact "${contact}", which is not a mailto:, tel: or https: URI.`);
  });

  it('is not applicable when no file was read', () => {
    expect(resultFor(rule, txt(undefined, { outcome: 'not-text' })).status).toBe('not-applicable');
  });
});
