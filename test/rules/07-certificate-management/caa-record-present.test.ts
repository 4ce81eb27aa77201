import { describe, expect, it } from 'vitest';
import type { DnsCaaData, Evidence } from '../../../model/evidence.js';
import rule from '../../../rules/07-certificate-management/caa-record-present.js';
import { NOW, certificateEvidence, type DataOverrides } from '../../helpers/evidence.js';
import { ctEntryEvidence, resultFor } from '../helpers.js';

/** Drops keys whose value is undefined (an override removing an optional field). */
const defined = <T,>(value: DataOverrides<T>): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const caa = (data: DataOverrides<DnsCaaData>): Evidence<'dns-caa'> => {
  const full = defined<DnsCaaData>({ domain: 'example.test', source: 'configured', outcome: 'found', foundAt: 'example.test', lookups: [], records: [], issuers: [], iodef: [], contactEmails: [], contactPhones: [], ...data });
  return { id: `dns-caa:${full.domain}`, kind: 'dns-caa', collector: 'dns-caa', target: full.domain, observedAt: NOW.toISOString(), data: full };
};
const none = { outcome: 'none', foundAt: undefined } as const;
const publicCert = certificateEvidence({ subjectAltNames: ['DNS:www.example.test'] });

describe(rule.id, () => {
  it('passes a domain with CAA records and public certificates', () => {
    expect(resultFor(rule, caa({}), [publicCert]).status).toBe('pass');
  });

  it('flags a domain with public certificates but no CAA record', () => {
    const result = resultFor(rule, caa({ outcome: 'none', lookups: [{ name: 'example.test', result: 'no-data' }] }), [publicCert]);
    expect(result.status).toBe('fail');
    expect(result.message).toBe('No CAA record applies to example.test, which has 1 public certificate name(s) such as www.example.test.');
  });

  it('counts CT-logged certificates as public certificates', () => {
    expect(resultFor(rule, caa({ outcome: 'none' }), [ctEntryEvidence({ dnsNames: ['api.example.test'] })]).status).toBe('fail');
  });

  it.each([
    ['no certificates', []],
    ['only private certificates', [certificateEvidence({ policyOids: [], subjectAltNames: ['DNS:www.example.test'] })]],
    ['only expired public certificates', [certificateEvidence({ notAfter: '2026-11-01T00:00:00Z' })]],
    ['public certificates for other domains', [certificateEvidence({ subjectAltNames: ['DNS:www.other.test'] })]],
  ])('is not applicable with %s', (_, others) => {
    expect(resultFor(rule, caa({ ...none }), others).status).toBe('not-applicable');
  });
});
