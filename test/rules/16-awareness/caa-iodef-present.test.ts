import { describe, expect, it } from 'vitest';
import type { DnsCaaData, Evidence } from '../../../model/evidence.js';
import rule from '../../../rules/16-awareness/caa-iodef-present.js';
import { NOW, type DataOverrides } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

/** Drops keys whose value is undefined (an override removing an optional field). */
const defined = <T,>(value: DataOverrides<T>): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const caa = (data: DataOverrides<DnsCaaData>): Evidence<'dns-caa'> => {
  const full = defined<DnsCaaData>({ domain: 'www.example.test', source: 'configured', outcome: 'found', foundAt: 'example.test', lookups: [], records: [], issuers: [], iodef: [], contactEmails: [], contactPhones: [], ...data });
  return { id: `dns-caa:${full.domain}`, kind: 'dns-caa', collector: 'dns-caa', target: full.domain, observedAt: NOW.toISOString(), data: full };
};

describe(rule.id, () => {
  it('passes records with an iodef contact', () => {
    expect(resultFor(rule, caa({ iodef: ['mailto:security@example.test'] })).status).toBe('pass');
  });

  it('flags records without one', () => {
    expect(resultFor(rule, caa({})).message).toBe('The CAA records of www.example.test (at example.test) name no iodef contact.');
  });

  it('is not applicable without CAA records', () => {
    expect(resultFor(rule, caa({ outcome: 'none', foundAt: undefined })).status).toBe('not-applicable');
  });
});
