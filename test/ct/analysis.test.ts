import { describe, expect, it } from 'vitest';
import type { CtLogEntryData, Evidence } from '../../model/evidence.js';
import {
  findLoggedAfterRevocation,
  findShadowIssuance,
  findUnapprovedIssuers,
  type InventoryIndex,
  inventoryIndexOf,
  issuanceToDiscovery,
  loggedCertificates,
  normaliseDn,
} from '../../src/ct/analysis.js';
import { issuerSerialKey } from '../../model/identifiers.js';
import { certificateEvidence, NOW } from '../helpers/evidence.js';

const LE = 'C=US, O=Let’s Encrypt, CN=R11';
const SHADOW = 'C=XX, O=Shadow Certs Ltd, CN=Shadow Issuing CA';
const sha = (c: string) => c.repeat(64);

let counter = 0;
/** A ct-log-entry evidence item: www.example.test by R11, valid through 2026-12-30, unless overridden. */
function entry(overrides: Partial<CtLogEntryData> = {}, observedAt = '2026-11-22T00:00:00Z'): Evidence<'ct-log-entry'> {
  counter++;
  return {
    id: `ct-log-entry:e${String(counter).padStart(3, '0')}`,
    kind: 'ct-log-entry',
    collector: 'crtsh',
    target: 'example.test',
    observedAt,
    data: {
      source: 'crtsh',
      logUrl: 'https://crt.sh',
      issuer: LE,
      serialNumberHex: '0A01',
      dnsNames: ['www.example.test'],
      notBefore: '2026-10-01T00:00:00.000Z',
      notAfter: '2026-12-30T00:00:00.000Z',
      matchedDomains: ['example.test'],
      ...overrides,
    },
  };
}

describe('loggedCertificates', () => {
  it('merges a precertificate and its final certificate from different sources into one', () => {
    const precert = entry({ source: 'ct-log', entryType: 'precert', loggedAt: '2026-10-01T00:05:00.000Z', issuerKeyHash: sha('b') });
    const final = entry({ source: 'ct-log', entryType: 'x509', sha256: sha('a'), loggedAt: '2026-10-01T00:07:00.000Z', embeddedScts: [{ logId: 'x', timestamp: '2026-10-01T00:04:59.000Z', status: 'valid' }] });
    const crtsh = entry({ issuer: 'C=US,  O=Let’s Encrypt, CN=R11', serialNumberHex: '0a01', dnsNames: ['example.test'] });
    const [merged, ...rest] = loggedCertificates([precert, final, crtsh]);
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({
      sha256: sha('a'),
      issuerKeyHash: sha('b'),
      dnsNames: ['example.test', 'www.example.test'],
      firstLoggedAt: '2026-10-01T00:04:59.000Z',
      entryTypes: ['precert', 'unknown', 'x509'],
      evidenceIds: [precert.id, final.id, crtsh.id].sort(),
    });
  });
});

describe('findShadowIssuance', () => {
  const known = entry({ sha256: sha('1'), serialNumberHex: '01' });
  const bySerial = entry({ serialNumberHex: '02' });
  const shadow = entry({ issuer: SHADOW, serialNumberHex: '03', dnsNames: ['*.api.example.test'] });
  const expired = entry({ serialNumberHex: '04', notAfter: '2026-01-01T00:00:00.000Z' });
  const otherDomain = entry({ serialNumberHex: '05', matchedDomains: ['other.test'], dnsNames: ['other.test'] });
  const pairPrecert = entry({ serialNumberHex: '06', entryType: 'precert' });
  const pairFinal = entry({ serialNumberHex: '06', entryType: 'x509', sha256: sha('6') });
  const inventory: InventoryIndex = { sha256: new Set([sha('1'), sha('6')]), issuerSerial: new Set([issuerSerialKey(LE, '0002')]) };
  const all = [known, bySerial, shadow, expired, otherDomain, pairPrecert, pairFinal];

  it.each([
    { case: 'every logged certificate', scope: {}, considered: 6, inInventory: 3, missing: ['03', '04', '05'] },
    { case: 'valid today only', scope: { at: NOW }, considered: 5, inInventory: 3, missing: ['03', '05'] },
    { case: 'valid today, declared domain only', scope: { at: NOW, domains: ['example.test'] }, considered: 4, inInventory: 3, missing: ['03'] },
  ])('$case', ({ scope, considered, inInventory, missing }) => {
    const result = findShadowIssuance(all, inventory, scope);
    expect([result.considered, result.inInventory]).toEqual([considered, inInventory]);
    expect(result.ctMatch).toBeCloseTo(inInventory / considered);
    expect(result.missing.map((m) => m.serialNumberHex).sort()).toEqual(missing);
    expect(result.matchedBy).toEqual({ sha256: 2, issuerSerial: 1 });
  });

  it('cites the evidence of a missing certificate and has no ct_match without certificates', () => {
    expect(findShadowIssuance([shadow], inventory).missing[0]?.evidenceIds).toEqual([shadow.id]);
    expect(findShadowIssuance([], inventory).ctMatch).toBeUndefined();
  });

  it('builds the inventory index from certificate evidence', () => {
    const cert = certificateEvidence({ issuer: LE, serialNumberHex: '03', sha256: sha('9') });
    const index = inventoryIndexOf([cert]);
    expect(findShadowIssuance([entry({ serialNumberHex: '0003' })], index).inInventory).toBe(1);
  });
});

describe('findUnapprovedIssuers', () => {
  const le = entry({ serialNumberHex: '10' });
  const leQuoted = entry({ serialNumberHex: '11', issuer: 'C=US,O=Let’s Encrypt,CN=R11' });
  const shadowA = entry({ serialNumberHex: '12', issuer: SHADOW, dnsNames: ['a.example.test'], notBefore: '2026-11-01T00:00:00.000Z' });
  const shadowB = entry({ serialNumberHex: '13', issuer: SHADOW, dnsNames: ['b.example.test'], notBefore: '2026-10-15T00:00:00.000Z' });
  const internalByChain = entry({ source: 'ct-log', serialNumberHex: '14', issuer: 'CN=Internal CA', issuerSha256: sha('c') });
  const internalByKey = entry({ source: 'ct-log', serialNumberHex: '15', issuer: 'CN=Renamed Internal CA', entryType: 'precert', issuerKeyHash: sha('d') });
  const internalByName = entry({ serialNumberHex: '16', issuer: 'CN=Internal CA' });
  const all = [le, leQuoted, shadowA, shadowB, internalByChain, internalByKey, internalByName];
  const knownCas = [{ sha256: sha('c'), subject: 'CN=Internal CA', spkiSha256: sha('d') }];

  it.each([
    { case: 'approved by issuer name only', approved: { issuers: ['c=us, o=Let’s Encrypt, cn=R11'] }, known: [], unapproved: [[SHADOW, 2], ['CN=Internal CA', 2], ['CN=Renamed Internal CA', 1]] },
    { case: 'and by CA fingerprint (chain, key and name resolved through known CAs)', approved: { issuers: [LE], caSha256: [sha('C')] }, known: knownCas, unapproved: [[SHADOW, 2]] },
    { case: 'by fingerprint without known CAs: only the chain matches', approved: { issuers: [LE], caSha256: [sha('c')] }, known: [], unapproved: [[SHADOW, 2], ['CN=Internal CA', 1], ['CN=Renamed Internal CA', 1]] },
  ])('$case', ({ approved, known, unapproved }) => {
    const result = findUnapprovedIssuers(all, approved, known);
    expect(result.considered).toBe(7);
    expect(result.unapproved.map((u) => [u.issuer, u.certificates])).toEqual(unapproved);
    expect(result.approved).toBe(7 - unapproved.reduce((n, [, c]) => n + (c as number), 0));
  });

  it('reports what an unapproved issuer issued, citing evidence', () => {
    const [shadow] = findUnapprovedIssuers(all, { issuers: [LE, 'CN=Internal CA', 'CN=Renamed Internal CA'] }).unapproved;
    expect(shadow).toEqual({ issuer: SHADOW, certificates: 2, dnsNames: ['a.example.test', 'b.example.test'], firstNotBefore: '2026-10-15T00:00:00.000Z', evidenceIds: [shadowA.id, shadowB.id].sort() });
  });

  it.each([
    ['O="Fixture Trust, Inc.", CN=X', 'o=fixture trust,inc.,cn=x'],
    ['  CN = A ,  O=B ', 'cn=a,o=b'],
  ])('normalises %s', (dn, normalised) => {
    expect(normaliseDn(dn)).toBe(normalised);
  });
});

describe('findLoggedAfterRevocation', () => {
  const revokedAt = '2026-10-10T00:00:00Z';
  const before = entry({ serialNumberHex: '20', loggedAt: '2026-10-01T00:00:00.000Z' });
  const after = entry({ serialNumberHex: '20', loggedAt: '2026-10-12T06:00:00.000Z' });
  const later = entry({ serialNumberHex: '20', loggedAt: '2026-10-20T00:00:00.000Z' });
  const notRevoked = entry({ serialNumberHex: '21', loggedAt: '2026-10-12T00:00:00.000Z' });
  const noTime = entry({ serialNumberHex: '22' });

  it.each([
    { case: 'logged before and after the revocation', entries: [before, after, later], found: [{ loggedAt: '2026-10-12T06:00:00.000Z', seconds: 2 * 86400 + 6 * 3600, ids: [after.id, later.id].sort() }] },
    { case: 'logged only before it', entries: [before], found: [] },
    { case: 'not revoked', entries: [notRevoked], found: [] },
    { case: 'no log time known', entries: [noTime], found: [] },
  ])('$case', ({ entries, found }) => {
    const revoked = [
      { issuer: LE, serialNumberHex: '0020', revokedAt, evidenceId: 'crl:http://crl.test/r11.crl' },
      { issuer: LE, serialNumberHex: '22', revokedAt },
    ];
    expect(findLoggedAfterRevocation(entries, revoked).map((r) => ({ loggedAt: r.loggedAt, seconds: r.secondsAfterRevocation, ids: r.evidenceIds }))).toEqual(found);
  });

  it('uses the earliest revocation and cites its evidence', () => {
    const [hit] = findLoggedAfterRevocation([after], [
      { issuer: LE, serialNumberHex: '20', revokedAt: '2026-10-11T00:00:00Z', evidenceId: 'ocsp-response:b' },
      { issuer: LE, serialNumberHex: '20', revokedAt: revokedAt, evidenceId: 'crl:a' },
    ]);
    expect(hit).toMatchObject({ revokedAt: '2026-10-10T00:00:00.000Z', revocationEvidenceId: 'crl:a', issuer: LE, serialNumberHex: '20' });
  });
});

describe('issuanceToDiscovery', () => {
  const a = entry({ serialNumberHex: '30', loggedAt: '2026-11-21T00:00:00.000Z' }, '2026-11-22T00:00:00Z');
  const b = entry({ serialNumberHex: '31', notBefore: '2026-11-21T12:00:00.000Z' }, '2026-11-22T00:00:00Z');
  const c = entry({ serialNumberHex: '32', loggedAt: '2026-11-15T00:00:00.000Z', sha256: sha('e') }, '2026-11-22T00:00:00Z');
  const old = entry({ serialNumberHex: '33', loggedAt: '2025-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z' }, '2026-11-22T00:00:00Z');

  it('measures from the first log time (else notBefore) to the first sighting', () => {
    const result = issuanceToDiscovery([a, b, c], { firstSeen: new Map([[sha('e'), '2026-11-16T00:00:00Z']]) });
    expect(result.certificates.map((r) => [r.issuedAtSource, r.seconds])).toEqual([
      ['log', 86400],
      ['not-before', 43200],
      ['log', 86400],
    ]);
    expect(result).toMatchObject({ count: 3, medianSeconds: 86400, p90Seconds: 86400, maxSeconds: 86400 });
  });

  it.each([
    { case: 'all (one certificate is almost two years old)', options: {}, count: 4, median: (86400 + 7 * 86400) / 2 },
    { case: 'issued since monitoring began', options: { issuedSince: new Date('2026-11-01T00:00:00Z') }, count: 3, median: 86400 },
    { case: 'nothing in scope', options: { domains: ['none.test'] }, count: 0, median: undefined },
  ])('$case', ({ options, count, median }) => {
    const result = issuanceToDiscovery([a, b, c, old], options);
    expect(result.count).toBe(count);
    expect(result.medianSeconds).toBe(median);
  });

  it('counts discovery before the log time as zero', () => {
    const early = entry({ serialNumberHex: '34', loggedAt: '2026-11-22T10:00:00.000Z' }, '2026-11-22T00:00:00Z');
    expect(issuanceToDiscovery([early]).certificates[0]?.seconds).toBe(0);
  });
});
