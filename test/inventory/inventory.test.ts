import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnyEvidence, CertificateData, Evidence } from '../../model/evidence.js';
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

describe('buildInventory: evidence it cannot store compactly', () => {
  const base = certEvidence(stray);
  const odd = (sha256: string, spkiSha256: string, sightings: CertificateData['sightings']): Evidence<'certificate'> => ({
    ...base,
    id: `hand-made:${sha256}`,
    data: { ...base.data, sha256, spkiSha256, sightings },
  });
  const withAttributes = { target: 'ns/secret', collector: 'kubernetes', attributes: { managedBy: 'cert-manager' } };
  const lone = { collector: 'cert-file', target: 'x\ud800', location: 'odd.pem#0' };
  const inventory = buildInventory([
    odd('ABC', 'Shared-Key', [withAttributes, lone]),
    odd('abc', 'Shared-Key', []),
    keyEvidence('keys/odd.key', { spkiSha256: 'Shared-Key', encrypted: true, fileMode: '0600' }),
  ]);

  it('keeps SHA-256 values that are not lowercase hex, in text order, and finds them', () => {
    expect(inventory.records.map((r) => r.sha256)).toEqual(['ABC', 'abc']);
    expect(inventory.bySha256.get('ABC')?.evidenceId).toBe('hand-made:ABC');
    expect(inventory.bySha256.has('aBc')).toBe(false);
  });

  it('keeps sightings with attributes, field order and odd text as given', () => {
    const rec = inventory.bySha256.get('ABC')!;
    expect(rec.sightings).toEqual([withAttributes, lone]);
    expect(JSON.stringify(rec.sightings[0])).toBe(JSON.stringify(withAttributes));
    expect(rec.sources).toEqual(['cert-file', 'kubernetes']);
    expect(inventory.bySha256.get('abc')!.sightings).toEqual([]);
  });

  it('groups and pairs keys by a public-key hash that is not lowercase hex', () => {
    expect(inventory.keyReuse).toEqual([{ spkiSha256: 'Shared-Key', certificates: ['ABC', 'abc'] }]);
    expect(inventory.bySha256.get('abc')!.privateKeys.map((k) => k.location)).toEqual(['keys/odd.key']);
  });
});

describe('buildInventory: 70,000 certificates (several storage chunks)', () => {
  const N = 70_000;
  const hex = (text: string, length = 64): string => createHash('sha256').update(text).digest('hex').slice(0, length);
  const template = certEvidence(www).data;
  const certificate = (k: number, over: Partial<CertificateData>): CertificateData => ({
    ...template,
    sha256: hex(`cert ${k}`),
    subject: `CN=host-${k}.example.test`,
    issuer: 'CN=Scale CA',
    serialNumberHex: hex(`serial ${k}`, 16).toUpperCase(),
    notBefore: new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString(),
    spkiSha256: hex(`key ${k - (k % 7 === 1 ? 1 : 0)}`), // every seventh certificate renews the previous one's key
    subjectKeyIdentifier: hex(`ski ${k}`, 40),
    authorityKeyIdentifier: hex('ski 0', 40),
    subjectAltNames: Array.from({ length: k % 3 }, (_, j) => `DNS:n${j}.host-${k}.example.test`),
    sightings: [{ collector: 'cert-file', target: 'bundle', location: `bundle.pem#${k}` }],
    ...over,
  });
  const builder = new InventoryBuilder();
  builder.addCertificate(certificate(0, { subject: 'CN=Scale CA', isCa: true, isSelfSigned: true, keyUsage: ['keyCertSign'] }), `certificate:sha256:${hex('cert 0')}`, 'cert-file', '2026-11-22T00:00:00.000Z');
  for (let k = 1; k < N; k++) builder.addCertificate(certificate(k, {}), `certificate:sha256:${hex(`cert ${k}`)}`, 'cert-file', '2026-11-22T00:00:00.000Z');
  builder.addCertificate(certificate(12_345, { sightings: [{ collector: 'tls-endpoint', target: 'host:443' }] }), `certificate:sha256:${hex('cert 12345')}`, 'tls-endpoint', '2026-11-23T00:00:00.000Z');
  const inventory = builder.build();
  const root = hex('cert 0');

  it('keeps one sorted record per certificate and finds each by SHA-256', () => {
    const shas = inventory.records.map((r) => r.sha256);
    expect(shas).toEqual(Array.from({ length: N }, (_, k) => hex(`cert ${k}`)).sort());
    expect(inventory.bySha256.size).toBe(N);
    expect([0, 1, 65_535, 65_536, 69_999].every((k) => inventory.bySha256.get(hex(`cert ${k}`))?.subject === (k === 0 ? 'CN=Scale CA' : `CN=host-${k}.example.test`))).toBe(true);
  });

  it('gives back every field as added', () => {
    const k = 68_003; // two names (k % 3)
    expect(JSON.parse(JSON.stringify(inventory.bySha256.get(hex(`cert ${k}`))))).toMatchObject({
      serialNumberHex: hex(`serial ${k}`, 16).toUpperCase(),
      notBefore: new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString(),
      subjectAltNames: [`DNS:n0.host-${k}.example.test`, `DNS:n1.host-${k}.example.test`],
      subjectKeyIdentifier: hex(`ski ${k}`, 40),
      issuerSha256: root,
      issuerMatch: 'key-identifier',
      sightings: [{ collector: 'cert-file', target: 'bundle', location: `bundle.pem#${k}` }],
    });
  });

  it('links every certificate to the CA, which lists them in SHA-256 order', () => {
    const issued = inventory.bySha256.get(root)!.issued;
    expect(issued).toHaveLength(N - 1);
    expect(issued).toEqual([...issued].sort());
    expect(summariseInventory(inventory, NOW)).toMatchObject({ certificates: N, roots: 1, leaves: N - 1, issuerNotFound: 0 });
  });

  it('finds the renewed keys and merges the second sighting', () => {
    expect(inventory.keyReuse).toHaveLength(Math.ceil((N - 1) / 7));
    expect(inventory.bySha256.get(hex('cert 8'))!.keySharedWith).toBe(1);
    expect(inventory.bySha256.get(hex('cert 12345'))).toMatchObject({ sources: ['cert-file', 'tls-endpoint'], lastSeen: '2026-11-23T00:00:00.000Z' });
    expect(inventory.bySha256.get(hex('cert 12345'))!.sightings).toHaveLength(2);
  });

  it('iterates bySha256 like a Map, in record order', () => {
    expect([...inventory.bySha256.keys()].slice(0, 3)).toEqual(inventory.records.slice(0, 3).map((r) => r.sha256));
    const [first] = inventory.bySha256;
    expect(first).toEqual([inventory.records[0]!.sha256, inventory.records[0]]);
  });
});
