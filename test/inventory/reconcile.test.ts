import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyEvidence } from '../../model/evidence.js';
import { ScanConfig } from '../../src/config/scan-config.js';
import { defineAssessor, type ScanFacts } from '../../src/engine/define-assessor.js';
import { defineCollector } from '../../src/engine/define-collector.js';
import { scan } from '../../src/engine/scan.js';
import { indexInventory, loadDeclaredInventory, type DeclaredRecord } from '../../src/inventory/declared.js';
import { buildInventory } from '../../src/inventory/inventory.js';
import { certificateIdentity, reconcile, reconcileEvidence, summariseReconciliation } from '../../src/inventory/reconcile.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { z } from 'zod';
import { certEvidence, issue } from './helpers/evidence.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const ca = issue('ca', { subject: 'CN=Recon CA', ca: true, notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z' });
const leaf = (name: string, dns: string, notBefore: string, notAfter: string, serialHex?: string) =>
  issue(name, { subject: `CN=${dns}`, issuer: ca, dnsNames: [dns], notBefore, notAfter, ...(serialHex === undefined ? {} : { serialHex }) });
const shop = leaf('shop', 'shop.example.test', '2026-03-01T00:00:00Z', '2027-03-01T00:00:00Z');
const mail = leaf('mail', 'mail.example.test', '2026-03-01T00:00:00Z', '2027-03-01T00:00:00Z', '0A1B2C');
const oldApi = leaf('old-api', 'api.example.test', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
const newApi = leaf('new-api', 'api.example.test', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
const vpnOld = leaf('vpn-old', 'vpn.example.test', '2026-02-01T00:00:00Z', '2027-02-01T00:00:00Z');
const vpnNew = leaf('vpn-new', 'vpn.example.test', '2026-08-01T00:00:00Z', '2027-08-01T00:00:00Z');
const unknown = leaf('unknown', 'unknown.example.test', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
const observed: AnyEvidence[] = [ca, shop, mail, oldApi, newApi, vpnOld, vpnNew, unknown].map((c) => certEvidence(c));

const records: DeclaredRecord[] = [
  { sha256: shop.sha256, owner: 'web', location: 'web01', state: 'active' }, // 1 matched
  { issuer: 'CN=Recon CA', serialHex: '0a:1b:2c', owner: 'mail', location: 'mx01', state: 'active' }, // 2 matched by issuer + serial
  { sha256: 'ab'.repeat(32), owner: 'x', location: 'gone', state: 'active' }, // 3 not observed
  { sha256: oldApi.sha256, state: 'active' }, // 4 matched, expired and superseded by newApi
  { sha256: vpnOld.sha256, state: 'active', location: 'vpn' }, // 5 matched, superseded by vpnNew
  { sha256: oldApi.sha256, state: 'revoked' }, // 6 matched, but declared inactive: never stale
  { subject: 'CN=vpn.example.test', notBefore: '2025-02-01T00:00:00Z', state: 'active' }, // 7 not observed, superseded by vpnNew
  { subjectAltNames: 'DNS:legacy.example.test', notAfter: '2025-06-30', state: '' }, // 8 not observed, expired
  { sha256: ca.sha256, owner: 'pki', location: 'hsm', state: 'active' }, // 9 matched
];
const declared = indexInventory(records, 'cmdb.csv');

describe('reconcile', () => {
  const result = reconcile(buildInventory(observed), declared, NOW);

  it('matches by fingerprint, then by issuer and serial', () => {
    expect(result.matched.map((m) => [m.row, m.sha256])).toEqual([
      [1, shop.sha256],
      [2, mail.sha256],
      [4, oldApi.sha256],
      [5, vpnOld.sha256],
      [6, oldApi.sha256],
      [9, ca.sha256],
    ]);
    expect(result.notObserved.map((r) => r.row)).toEqual([3, 7, 8]);
    expect([...result.notDeclared].sort()).toEqual([newApi.sha256, vpnNew.sha256, unknown.sha256].sort());
  });

  it('writes the list of certificates not declared in JSON, in its place, like the counts', () => {
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    expect(Object.keys(json).slice(-4)).toEqual(['matched', 'notDeclared', 'notObserved', 'staleRecords']);
    expect(json.notDeclared).toEqual(result.notDeclared);
    expect(result.observedNotDeclared).toBe(result.notDeclared.length);
  });

  it('finds stale records: expired, superseded by a newer certificate for the same names, never inactive ones', () => {
    expect(result.staleRecords).toEqual([
      { row: 4, identity: oldApi.sha256, reasons: ['expired', 'superseded'], supersededBy: newApi.sha256 },
      { row: 5, identity: vpnOld.sha256, reasons: ['superseded'], supersededBy: vpnNew.sha256 },
      { row: 7, identity: 'CN=vpn.example.test', reasons: ['superseded'], supersededBy: vpnNew.sha256 },
      { row: 8, identity: 'row 8', reasons: ['expired'] },
    ]);
  });

  it('counts everything the 7.4, 7.5 and 5.4 assessors need', () => {
    expect(summariseReconciliation(result)).toEqual({
      source: 'cmdb.csv',
      declaredRecords: 9,
      observed: 8,
      observedValid: 7, // oldApi expired
      matchedRecords: 6,
      matchedObserved: 5,
      matchedObservedValid: 4,
      observedNotDeclared: 3,
      observedNotDeclaredValid: 3,
      declaredNotObserved: 3,
      stale: 4,
      staleExpired: 2,
      staleSuperseded: 3,
      invMatch: 4 / 7,
      staleRatio: 4 / 9,
      attributeCompleteness: 4 / 9,
    });
    expect(summariseReconciliation(reconcileEvidence(observed, declared, NOW))).toEqual(summariseReconciliation(result));
  });

  it('has no ratio without valid observed certificates or declared records', () => {
    const empty = reconcile(buildInventory([]), indexInventory([], 'empty.csv'), NOW);
    expect(empty).toMatchObject({ invMatch: null, staleRatio: null, observed: 0, declaredRecords: 0 });
  });

  it.each([
    { sans: ['DNS:B.example', 'DNS:a.example', 'email:x@y'], subject: 'CN=a.example', identity: 'dns:a.example dns:b.example' },
    { sans: [], subject: 'O=Org, CN=Host.Example', identity: 'cn:host.example' },
    { sans: ['IP:192.0.2.1'], subject: '', identity: 'ip:192.0.2.1' },
    { sans: [], subject: 'O=No Common Name', identity: undefined },
  ])('identity of $sans / $subject', ({ sans, subject, identity }) => {
    expect(certificateIdentity(sans, subject)).toBe(identity);
  });
});

describe('declared inventory columns for reconciliation', () => {
  it('reads subject, SAN and validity columns from CSV and JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-recon-'));
    writeFileSync(join(dir, 'clm.csv'), 'Common Name,SANs,Valid From,Expires,Status\nvpn.example.test,"vpn.example.test; DNS:vpn2.example.test",2025-02-01,2026-02-01,Active\n');
    const csv = await loadDeclaredInventory('clm.csv', dir);
    expect(csv.entries).toEqual([
      { subject: 'vpn.example.test', subjectAltNames: 'vpn.example.test; DNS:vpn2.example.test', notBefore: '2025-02-01', notAfter: '2026-02-01', state: 'Active' },
    ]);
    writeFileSync(join(dir, 'clm.json'), JSON.stringify([{ fingerprint: shop.sha256, 'Subject Alt Names': ['shop.example.test'], not_after: '2027-03-01T00:00:00Z' }]));
    const json = await loadDeclaredInventory('clm.json', dir);
    expect(json.entries).toEqual([{ sha256: shop.sha256, subjectAltNames: 'shop.example.test', notAfter: '2027-03-01T00:00:00Z' }]);
  });
});

describe('scan facts and report', () => {
  it('puts the reconciliation on ScanFacts for assessors and into the report inventory section', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-recon-scan-'));
    writeFileSync(join(dir, 'cmdb.csv'), `sha256,owner,location,state\n${shop.sha256},web,web01,active\n${'cd'.repeat(32)},x,gone,active\n`);
    const certificates = [ca, shop, unknown];
    const collector = defineCollector({
      id: 'fixed-certs',
      title: 'Fixed certificates',
      description: 'Emits three test certificates.',
      config: z.object({ n: z.number().default(1) }),
      produces: ['certificate'],
      countTargets: () => 1,
      collect(_config, ctx) {
        for (const c of certificates) ctx.emit('certificate', 'fixed', { ...toCertificateFacts(c.der), sightings: [{ collector: 'fixed-certs', target: 'fixed' }] });
        return Promise.resolve();
      },
    });
    let seen: ScanFacts | undefined;
    const spy = defineAssessor({
      id: 'spy',
      title: 'Records the scan facts',
      description: 'Test assessor.',
      pkimm: '7.4',
      automation: 'A',
      uses: [],
      assess: ({ facts }) => {
        seen = facts;
        return [];
      },
    });
    const config = ScanConfig.parse({ collectors: { 'fixed-certs': {} }, inventory: { declared: 'cmdb.csv' } });
    const report = await scan({ config, baseDir: dir, now: () => NOW, previousScans: [], model: builtinModel('1.1.0'), collectors: [collector], rules: [], assessors: [spy] });
    expect(seen?.reconciliation).toMatchObject({ declaredRecords: 2, observed: 3, matchedRecords: 1, declaredNotObserved: 1, observedNotDeclared: 2, invMatch: 1 / 3 });
    expect(report.inventory).toMatchObject({ certificates: 3, roots: 1, leaves: 2, reconciliation: { invMatch: 1 / 3, source: 'cmdb.csv' } });
  });
});
