import { describe, expect, it } from 'vitest';
import type { CrlFetchedData } from '../../../model/evidence.js';
import rule from '../../../rules/04-processes-and-procedures/crl-number-monotonic.js';
import { crlEvidence } from '../helpers.js';
import { previousScan, runWithPrevious } from '../previous-helpers.js';

const URL_ID = 'crl:http://crl.example.test/issuing.crl';
type Overrides = { [K in keyof CrlFetchedData]?: CrlFetchedData[K] | undefined };
/** A CRL from the example distribution point, with the stable evidence id the collector gives it. */
const crl = (overrides: Overrides) => ({ ...crlEvidence(overrides), id: URL_ID });

const BEFORE: Overrides = { crlNumber: '05', thisUpdate: '2026-11-14T00:00:00Z', sha256: 'aa'.repeat(32) };
const before = crl(BEFORE);

describe(rule.id, () => {
  it.each([
    { name: 'number increased', now: { crlNumber: '06', thisUpdate: '2026-11-21T00:00:00Z', sha256: 'bb'.repeat(32) }, status: 'pass', message: undefined },
    { name: 'the same CRL again', now: { crlNumber: '05', thisUpdate: '2026-11-14T00:00:00Z', sha256: 'aa'.repeat(32) }, status: 'pass', message: undefined },
    { name: 'numbers beyond 64 bits compare as integers', now: { crlNumber: '0100000000000000000000', thisUpdate: '2026-11-21T00:00:00Z' }, status: 'pass', message: undefined },
    {
      name: 'number went from 5 to 4',
      now: { crlNumber: '04', thisUpdate: '2026-11-21T00:00:00Z', sha256: 'bb'.repeat(32) },
      status: 'fail',
      message: 'CRL http://crl.example.test/issuing.crl of CN=Example Issuing CA,O=Example has CRL number 04, lower than 05 in the previous scan (2026-11-15T00:00:00.000Z).',
    },
    {
      name: 'hex compared as a number, not as text (0F < 10)',
      now: { crlNumber: '0F', thisUpdate: '2026-11-21T00:00:00Z' },
      prev: { crlNumber: '10' },
      status: 'fail',
      message: 'CRL http://crl.example.test/issuing.crl of CN=Example Issuing CA,O=Example has CRL number 0F, lower than 10 in the previous scan (2026-11-15T00:00:00.000Z).',
    },
    {
      name: 'same number, different thisUpdate',
      now: { crlNumber: '05', thisUpdate: '2026-11-21T00:00:00Z', sha256: 'aa'.repeat(32) },
      status: 'fail',
      message:
        'CRL http://crl.example.test/issuing.crl of CN=Example Issuing CA,O=Example reuses CRL number 05 for a different CRL (thisUpdate 2026-11-21T00:00:00Z, previously 2026-11-14T00:00:00Z; previous scan 2026-11-15T00:00:00.000Z).',
    },
    {
      name: 'same number and thisUpdate, different content',
      now: { crlNumber: '05', thisUpdate: '2026-11-14T00:00:00Z', sha256: 'cc'.repeat(32) },
      status: 'fail',
      message:
        'CRL http://crl.example.test/issuing.crl of CN=Example Issuing CA,O=Example reuses CRL number 05 for a different CRL (thisUpdate 2026-11-14T00:00:00Z, previously 2026-11-14T00:00:00Z; previous scan 2026-11-15T00:00:00.000Z).',
    },
    {
      name: 'number increased but thisUpdate went backwards',
      now: { crlNumber: '06', thisUpdate: '2026-11-13T00:00:00Z' },
      status: 'fail',
      message: 'CRL http://crl.example.test/issuing.crl of CN=Example Issuing CA,O=Example has thisUpdate 2026-11-13T00:00:00Z, earlier than 2026-11-14T00:00:00Z in the previous scan (2026-11-15T00:00:00.000Z).',
    },
    { name: 'no CRL number now', now: { crlNumber: undefined }, status: 'not-applicable', message: undefined },
    { name: 'no CRL number before', now: { crlNumber: '06' }, prev: { crlNumber: undefined }, status: 'not-applicable', message: undefined },
    { name: 'a garbled previous number (hostile report)', now: { crlNumber: '06' }, prev: { crlNumber: '0x1; drop' }, status: 'not-applicable', message: undefined },
    { name: 'another issuer at the same URL', now: { crlNumber: '01', issuer: 'CN=New CA' }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ now, prev, status, message }) => {
    const previous = prev === undefined ? before : crl({ ...BEFORE, ...prev });
    const [result] = runWithPrevious(rule, [crl(now)], previousScan([previous]));
    expect(result?.status).toBe(status);
    expect(result?.message).toBe(message);
  });

  it('matches by URL when the evidence ids differ', () => {
    const [result] = runWithPrevious(rule, [crlEvidence({ crlNumber: '04' })], previousScan([crlEvidence({ crlNumber: '05', thisUpdate: '2026-11-14T00:00:00Z' })]));
    expect(result?.status).toBe('fail');
  });

  it('is not applicable without a previous scan, or without a previous CRL from the same place', () => {
    expect(runWithPrevious(rule, [crl({ crlNumber: '04' })], undefined)[0]?.status).toBe('not-applicable');
    const elsewhere = { ...crlEvidence({ crlNumber: '09', url: 'http://other.example.test/x.crl' }), id: 'crl:http://other.example.test/x.crl' };
    expect(runWithPrevious(rule, [crl({ crlNumber: '04' })], previousScan([elsewhere]))[0]?.status).toBe('not-applicable');
  });

  it('is not applicable when the previous entry was a distribution point that could not be fetched', () => {
    const notFetched = {
      id: URL_ID,
      kind: 'crl' as const,
      collector: 'crl',
      target: 'http://crl.example.test/issuing.crl',
      observedAt: '2026-11-15T00:00:00Z',
      data: { status: 'not-fetched' as const, source: 'cdp' as const, url: 'http://crl.example.test/issuing.crl', scheme: 'http', reason: 'unsupported-scheme' as const, sourceCertificates: [] },
    };
    expect(runWithPrevious(rule, [crl({ crlNumber: '04' })], previousScan([notFetched]))[0]?.status).toBe('not-applicable');
  });
});
