import { describe, expect, it } from 'vitest';
import type { AnyEvidence } from '../../model/evidence.js';
import { buildInventory, chainOf, InventoryBuilder, keyExposure } from '../../src/inventory/inventory.js';
import { summariseInventory } from '../../src/inventory/summary.js';
import { verifiesIssuedBy } from '../../src/pki/certificate-facts.js';
import { buildCertificate, rawSpki } from './helpers/cert-builder.js';
import { certEvidence, issue, keyEvidence, type TestCert } from './helpers/evidence.js';

const NOW = new Date('2026-11-22T00:00:00Z');

const root = issue('root', { subject: 'CN=Test Root CA', ca: true, notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z' });
const issuing = issue('issuing', { subject: 'CN=Test Issuing CA', issuer: root, ca: true, notBefore: '2021-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z' });
const www = issue('www', { subject: 'CN=www.example.test', issuer: issuing, dnsNames: ['www.example.test'] });
const api = issue('api', { subject: 'CN=api.example.test', issuer: issuing, dnsNames: ['api.example.test'], noAki: true });
const stray = issue('stray', { subject: 'CN=stray.example.test', issuerName: 'CN=Unknown CA', aki: 'aabbcc' });

describe('buildInventory: hierarchy', () => {
  const inventory = buildInventory([root, issuing, www, api, stray].map((c) => certEvidence(c)));
  const rec = (c: TestCert) => inventory.bySha256.get(c.sha256)!;

  it('gives one record per certificate, sorted by SHA-256', () => {
    expect(inventory.records.map((r) => r.sha256)).toEqual([root, issuing, www, api, stray].map((c) => c.sha256).sort());
  });

  it.each([
    { cert: root, role: 'root', issuerStatus: 'self-signed', issuer: undefined, match: undefined },
    { cert: issuing, role: 'intermediate', issuerStatus: 'found', issuer: root, match: 'key-identifier' },
    { cert: www, role: 'leaf', issuerStatus: 'found', issuer: issuing, match: 'key-identifier' },
    { cert: api, role: 'leaf', issuerStatus: 'found', issuer: issuing, match: 'name' },
    { cert: stray, role: 'leaf', issuerStatus: 'not-found', issuer: undefined, match: undefined },
  ])('$cert.name: $role, issuer $issuerStatus by $match', ({ cert, role, issuerStatus, issuer, match }) => {
    expect(rec(cert)).toMatchObject({ role, issuerStatus });
    expect(rec(cert).issuerSha256).toBe(issuer?.sha256);
    expect(rec(cert).issuerMatch).toBe(match);
  });

  it('lists what each CA issued, the tops of the tree and chains', () => {
    expect(rec(root).issued).toEqual([issuing.sha256]);
    expect(rec(issuing).issued).toEqual([www.sha256, api.sha256].sort());
    expect(inventory.tops).toEqual([stray.sha256, root.sha256]); // by subject: "CN=stray..." < "CN=Test..."
    expect(chainOf(inventory, www.sha256)).toEqual([www.sha256, issuing.sha256, root.sha256]);
    expect(chainOf(inventory, stray.sha256)).toEqual([stray.sha256]);
  });

  it('counts roles and issuers not found', () => {
    expect(summariseInventory(inventory, NOW)).toMatchObject({ certificates: 5, roots: 1, intermediates: 1, leaves: 3, issuerNotFound: 1, expired: 0 });
  });

  it('is deterministic whatever the evidence order', () => {
    const items = [root, issuing, www, api, stray].map((c) => certEvidence(c));
    const again = buildInventory([...items].reverse());
    expect(JSON.stringify(again.records)).toBe(JSON.stringify(inventory.records));
    expect(again.tops).toEqual(inventory.tops);
  });
});

describe('buildInventory: ambiguous issuers', () => {
  it('prefers the CA certificate valid when the child was issued', () => {
    const oldCa = issue('old-ca', { subject: 'CN=Rekeyed CA', ca: true, notBefore: '2018-01-01T00:00:00Z', notAfter: '2022-01-01T00:00:00Z' });
    const newCa = issue('new-ca', { subject: 'CN=Rekeyed CA', ca: true, notBefore: '2022-01-01T00:00:00Z', notAfter: '2032-01-01T00:00:00Z' });
    const leaf = issue('leaf', { subject: 'CN=leaf.test', issuer: newCa, noAki: true, notBefore: '2026-01-01T00:00:00Z' });
    const inventory = buildInventory([oldCa, newCa, leaf].map((c) => certEvidence(c)));
    expect(inventory.bySha256.get(leaf.sha256)).toMatchObject({ issuerSha256: newCa.sha256, issuerMatch: 'name' });
  });

  it('lets a signature check decide between CA certificates with the same name and different keys (cold path)', () => {
    const a = issue('ca-a', { subject: 'CN=Twin CA', ca: true });
    const b = issue('ca-b', { subject: 'CN=Twin CA', ca: true });
    const leaf = issue('leaf', { subject: 'CN=twin-leaf.test', issuer: a, noAki: true });
    const ders = new Map([a, b, leaf].map((c) => [c.sha256, c.der]));
    const calls: string[] = [];
    const inventory = buildInventory([b, a, leaf].map((c) => certEvidence(c)), {
      verifyIssuer: (child, issuer) => {
        calls.push(issuer.sha256);
        return verifiesIssuedBy(ders.get(child.sha256)!, ders.get(issuer.sha256)!);
      },
    });
    expect(inventory.bySha256.get(leaf.sha256)).toMatchObject({ issuerSha256: a.sha256, issuerMatch: 'signature' });
    expect(calls.sort()).toEqual([a.sha256, b.sha256].sort());
  });

  it('lists a cross-certificate with the same key as an alternative issuer', () => {
    const otherRoot = issue('other-root', { subject: 'CN=Other Root', ca: true, notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z' });
    const cross = issue('cross', { subject: 'CN=Test Issuing CA', issuer: otherRoot, key: issuing.key, ca: true, notBefore: '2021-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z' });
    const inventory = buildInventory([root, otherRoot, issuing, cross, www].map((c) => certEvidence(c)));
    const leaf = inventory.bySha256.get(www.sha256)!;
    const chosen = leaf.issuerSha256!;
    expect([issuing.sha256, cross.sha256]).toContain(chosen);
    expect(leaf.alternativeIssuers).toEqual([chosen === issuing.sha256 ? cross.sha256 : issuing.sha256]);
    expect(inventory.bySha256.get(cross.sha256)).toMatchObject({ role: 'intermediate', issuerSha256: otherRoot.sha256 });
  });

  it('treats a self-issued certificate whose signature node cannot check as a root', () => {
    const gostLike = buildCertificate({ subject: 'CN=Example', spki: rawSpki('1.2.643.7.1.1.1.1', new Uint8Array(66).fill(4)), signatureOid: '1.2.643.7.1.1.3.2' });
    const inventory = buildInventory([certEvidence({ name: 'gost', der: gostLike, key: root.key, subject: 'CN=Example', sha256: '' })]);
    expect(inventory.records[0]).toMatchObject({ isSelfSigned: false, issuerStatus: 'self-signed', role: 'root' });
  });
});

describe('buildInventory: sightings and keys', () => {
  it('merges sightings of one certificate across evidence and keeps first and last seen', () => {
    const builder = new InventoryBuilder();
    builder.add(certEvidence(www, { collector: 'tls-endpoint', target: 'www.example.test:443', location: 'chain[0]', observedAt: '2026-11-20T10:00:00.000Z' }));
    builder.add(certEvidence(www, { collector: 'cert-file', target: 'certs', location: 'www.pem#0', observedAt: '2026-11-22T10:00:00.000Z' }));
    builder.add(certEvidence(www, { collector: 'cert-file', target: 'certs', location: 'www.pem#0', observedAt: '2026-11-21T10:00:00.000Z' }));
    const [record] = builder.build().records;
    expect(record).toMatchObject({ sources: ['cert-file', 'tls-endpoint'], firstSeen: '2026-11-20T10:00:00.000Z', lastSeen: '2026-11-22T10:00:00.000Z' });
    expect(record!.sightings.map((s) => `${s.collector}:${s.location}`)).toEqual(['tls-endpoint:chain[0]', 'cert-file:www.pem#0']);
  });

  it('finds key reuse, orphan keys, keys it cannot pair, and unprotected keys', () => {
    const twin = issue('twin', { subject: 'CN=www2.example.test', issuer: issuing, key: www.key, dnsNames: ['www2.example.test'] });
    const evidence: AnyEvidence[] = [
      ...[root, issuing, www, twin, api].map((c) => certEvidence(c)),
      keyEvidence('keys/www.key', { of: www, encrypted: true, fileMode: '0600' }),
      keyEvidence('keys/api.key', { of: api, encrypted: false, fileMode: '0644' }),
      keyEvidence('keys/old.key', { spkiSha256: 'f'.repeat(64), encrypted: true, fileMode: '0600' }),
      keyEvidence('keys/locked.p8', { keyAlgorithm: 'unknown', encrypted: true }),
    ];
    const inventory = buildInventory(evidence);
    expect(inventory.keyReuse).toEqual([{ spkiSha256: inventory.bySha256.get(www.sha256)!.spkiSha256, certificates: [www.sha256, twin.sha256].sort() }]);
    expect(inventory.bySha256.get(twin.sha256)!.keySharedWith).toBe(1);
    expect(inventory.bySha256.get(api.sha256)!.keySharedWith).toBe(0);
    expect(inventory.orphanKeys.map((k) => k.location)).toEqual(['keys/old.key']);
    expect(inventory.keysWithoutPublicKey.map((k) => k.location)).toEqual(['keys/locked.p8']);
    expect(inventory.unprotectedKeys).toEqual([expect.objectContaining({ location: 'keys/api.key', exposure: ['unencrypted', 'group-readable', 'world-readable'] })]);
    expect(inventory.bySha256.get(twin.sha256)!.privateKeys.map((k) => k.location)).toEqual(['keys/www.key']);
    expect(summariseInventory(inventory, NOW)).toMatchObject({
      reusedKeys: 1,
      certificatesWithReusedKeys: 2,
      privateKeys: 4,
      orphanKeys: 1,
      keysWithoutPublicKey: 1,
      unprotectedKeys: 1,
      certificatesWithUnprotectedKeys: 1,
    });
  });

  it.each([
    { key: { encrypted: true, fileMode: '0600' }, exposure: [] },
    { key: { encrypted: true, fileMode: '0640' }, exposure: ['group-readable'] },
    { key: { encrypted: true, fileMode: '0604' }, exposure: ['world-readable'] },
    { key: { encrypted: false }, exposure: ['unencrypted'] },
    { key: { encrypted: true, fileMode: 'rw-r--r--' }, exposure: [] },
  ])('key $key → $exposure', ({ key, exposure }) => {
    expect(keyExposure(key)).toEqual(exposure);
  });

  it('writes records as plain JSON in a fixed field order without undefined fields', () => {
    const json = JSON.parse(JSON.stringify(buildInventory([certEvidence(stray)]).records[0])) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 4)).toEqual(['sha256', 'evidenceId', 'subject', 'issuer']);
    expect(json).not.toHaveProperty('mayIssue');
    expect(json).not.toHaveProperty('issuerSha256');
    expect(json).toMatchObject({ issuerStatus: 'not-found', role: 'leaf', authorityKeyIdentifier: 'aabbcc' });
  });
});
