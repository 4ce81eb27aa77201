import { existsSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import adcs from '../../../collectors/adcs/index.js';
import { enrollPrincipalsFromSddl, isLowPrivileged } from '../../../collectors/adcs/template.js';
import type { CaConfigData } from '../../../model/evidence.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/ca-configs/adcs/', import.meta.url));
const shared = fileURLToPath(new URL('../../../../shared/realworld/configs/', import.meta.url));

async function run(paths: string[], baseDir = fixtures) {
  const ctx = fakeCollectorContext({ baseDir });
  await adcs.collect(adcs.config.parse({ paths }), ctx);
  return ctx;
}

const setup = (setups: CaConfigData[], path: string, name?: string): CaConfigData => setups.find((s) => s.source.path === path && (name === undefined || s.name === name))!;
const codes = (s: CaConfigData) => s.observations.map((o) => [o.code, o.profile ?? '']);

describe('adcs collector: template exports', () => {
  it('reads Get-ADObject JSON in UTF-16 LE with BOM: FILETIME periods, flags, EKUs, CNG algorithms and ESC1/2/3 with the rights it shows', async () => {
    const ctx = await run(['get-adobject-templates.json']);
    expect(ctx.problems).toEqual([]);
    const s = ctx.ofKind('ca-config')[0]!;
    expect(s.name).toBe('AD CS certificate templates (get-adobject-templates.json)');
    const t = Object.fromEntries(s.profiles.map((p) => [p.name, p]));
    expect(t.VulnUser).toMatchObject({
      kind: 'template',
      maxValiditySeconds: 365 * 86400,
      renewBeforeSeconds: 42 * 86400,
      keyTypes: [{ algorithm: 'RSA', minBits: 2048 }],
      extendedKeyUsage: ['clientAuth', 'emailProtection'],
      subject: { enrolleeSuppliesSubject: true },
      approvalRequired: false,
      authorizedSignatures: 0,
      enrollment: ['proprietary'],
      details: { enrollmentRights: 'Domain Users' },
    });
    expect(t.ApprovedUser).toMatchObject({ approvalRequired: true, keyTypes: [{ algorithm: 'EC', minBits: 256, curves: ['P-256'] }], signatureAlgorithms: ['SHA256'] });
    expect(t.AnyPurpose).toMatchObject({ extendedKeyUsage: ['anyExtendedKeyUsage'], subject: { enrolleeSuppliesSubject: false } });
    expect(t.SubCA).toMatchObject({ isCa: true, extendedKeyUsage: [], details: { enrollmentRights: 'none' } });
    expect(codes(s)).toEqual([
      ['adcs-esc1', 'VulnUser'],
      ['adcs-esc2', 'AnyPurpose'],
      ['adcs-esc3', 'EnrollAgent'],
    ]);
    const messages = s.observations.map((o) => o.message);
    expect(messages[0]).toBe("Template 'VulnUser' matches ESC1: a client-authentication EKU, the enrollee supplies the subject, no manager approval, no authorised signatures; 'Domain Users' can enroll.");
    expect(messages[1]).toContain('the export does not show enrollment permissions, so whether low-privileged accounts can enroll is unknown');
    expect(messages[2]).toContain("'CORP\\Domain Computers' can enroll");
  });

  it('reads Certipy output per CA (published templates, ESC1, ESC6, ESC8) and lists unpublished templates apart', async () => {
    const ctx = await run(['certipy-find.json']);
    const setups = ctx.ofKind('ca-config');
    expect(setups.map((s) => s.name)).toEqual(['AD CS CA corp-CA', 'AD CS certificate templates not published by a CA in certipy-find.json']);
    const ca = setups[0]!;
    expect(ca.ca).toEqual({ subject: 'CN=corp-CA, DC=corp, DC=example, DC=test' });
    expect(ca.profiles.map((p) => [p.name, p.maxValiditySeconds, p.details?.publishedBy])).toEqual([
      ['UserAuthentication', 10 * 365 * 86400, 'corp-CA'],
      ['WebServer', 2 * 365 * 86400, 'corp-CA'],
    ]);
    expect(codes(ca)).toEqual([
      ['adcs-esc6', ''],
      ['adcs-esc8', ''],
      ['adcs-esc1', 'UserAuthentication'],
    ]);
    expect(codes(setups[1]!)).toEqual([['adcs-esc3', 'OldAgent']]);
    expect(setups[1]!.observations[0]!.message).toContain('no CA in the export publishes it');
  });

  it('reads PSPKI objects and certutil -v -template output (UTF-16 with CRLF)', async () => {
    const ctx = await run(['pspki-templates.json', 'certutil-v-template.txt']);
    expect(ctx.problems).toEqual([]);
    const pspki = setup(ctx.ofKind('ca-config'), 'pspki-templates.json').profiles[0]!;
    expect(pspki).toMatchObject({ name: 'PspkiServer', maxValiditySeconds: 365 * 86400, renewBeforeSeconds: 42 * 86400, extendedKeyUsage: ['serverAuth'], authorizedSignatures: 1, keyTypes: [{ minBits: 3072 }], subject: { enrolleeSuppliesSubject: false } });
    const certutil = setup(ctx.ofKind('ca-config'), 'certutil-v-template.txt');
    expect(certutil.profiles.map((p) => [p.name, p.maxValiditySeconds, p.renewBeforeSeconds, p.subject?.enrolleeSuppliesSubject, p.autoRenewal])).toEqual([
      ['UserRequest', 365 * 86400, 42 * 86400, true, false],
      ['KerberosAuthentication', 365 * 86400, 42 * 86400, false, true],
    ]);
    expect(codes(certutil)).toEqual([['adcs-esc1', 'UserRequest']]);
  });
});

describe('adcs collector: CA registry (certutil -getreg)', () => {
  it('maps CRL period and overlap, delta CRLs, CDP/AIA/OCSP URLs, audit filter, key storage provider and ESC6', async () => {
    const ctx = await run(['certutil-getreg-corp-ca.txt', 'certutil-getreg-lab-ca.txt']);
    expect(ctx.problems).toEqual([]);
    const corp = setup(ctx.ofKind('ca-config'), 'certutil-getreg-corp-ca.txt');
    const lab = setup(ctx.ofKind('ca-config'), 'certutil-getreg-lab-ca.txt');
    expect(corp).toMatchObject({
      name: 'AD CS CA corp-CA',
      source: { path: 'certutil-getreg-corp-ca.txt', pointer: 'corp-CA' },
      ca: { subject: 'CN=corp-CA' },
      revocation: {
        crl: { enabled: true, intervalSeconds: 7 * 86400, overlapSeconds: 12 * 3600, deltaIntervalSeconds: 86400, urls: ['ldap:///CN=%7%8,CN=%2,CN=CDP,CN=Public Key Services,CN=Services,%6%10', 'http://pki.corp.example.test/CertEnroll/%3%8%9.crl'] },
        ocsp: { enabled: true, urls: ['http://ocsp.corp.example.test/ocsp'] },
      },
      keyStorage: { kind: 'hsm', detail: 'SafeNet Key Storage Provider' },
      audit: { enabled: true, detail: 'AuditFilter 127 (all events)' },
      profiles: [{ name: 'CA limits (all templates)', kind: 'default', maxValiditySeconds: 2 * 365 * 86400, includesCrlDistributionPoint: true, includesOcspUrl: true, includesCaIssuersUrl: true }],
    });
    expect(codes(corp)).toEqual([['adcs-esc6', '']]);
    expect(lab).toMatchObject({ name: 'AD CS CA lab-CA', revocation: { crl: { enabled: false } }, audit: { enabled: false, detail: 'AuditFilter 0' }, observations: [] });
  });
});

describe('adcs collector: hostile input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkimm-adcs-'));
    await writeFile(join(dir, 'big.json'), '');
    await truncate(join(dir, 'big.json'), 50 * 1024 * 1024);
    await writeFile(join(dir, 'unknown.json'), JSON.stringify({ name: 'Future', 'msPKI-Certificate-Name-Flag': 'not a number', 'msPKI-Future-Flag': 7, pKIExpirationPeriod: { weird: true }, pKIExtendedKeyUsage: 'Client Authentication' }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports bad files with their line and reads unknown or odd fields without guessing', async () => {
    const [bad, odd] = await Promise.all([run(['bad']), run(['.'], dir)]);
    expect(bad.problems.map((p) => p.message).sort()).toEqual([
      'bad/not-adcs.json: JSON without certificate templates or CA settings (expected Get-ADObject/Export-ADCSTemplate, PSPKI or Certipy output)',
      'bad/placeholder.json: line 4: a documentation placeholder ("..."), not JSON: the file is an excerpt, not a configuration',
      'bad/random.txt: not an AD CS export (expected template JSON, certutil -v -template or certutil -getreg output)',
      'bad/truncated.json: line 1, column 51: not valid JSON: Expected double-quoted property name',
    ]);
    expect(odd.problems.map((p) => [p.code, p.message.replace(/^\.\//, '')]).sort()).toEqual([['too-large', `big.json: ${50 * 1024 * 1024} bytes exceeds the limit of 5000000`]]);
    const future = odd.ofKind('ca-config')[0]!.profiles[0]!;
    expect(future).toMatchObject({ name: 'Future', extendedKeyUsage: ['clientAuth'] });
    expect(future.maxValiditySeconds).toBeUndefined();
    expect(future.subject).toBeUndefined();
    expect(odd.ofKind('ca-config')[0]!.observations).toEqual([]);
  });

  it.each([
    ['D:PAI(A;;LCRPLORC;;;AU)(OA;;CR;0e10c968-78fb-11d2-90d4-00c04f79dc55;;DU)', ['Domain Users']],
    ['D:(A;;GA;;;S-1-5-21-1-2-3-513)(A;;CR;;;WD)(D;;CR;;;DC)', ['S-1-5-21-1-2-3-513', 'Everyone']],
    ['D:(OA;;CR;1131f6aa-9c07-11d1-f79f-00c04fc2dcd2;;AU)(A;;0x100;;;BU)', ['Users']],
  ])('enrollPrincipalsFromSddl(%j)', (sddl, principals) => {
    expect(enrollPrincipalsFromSddl(sddl)).toEqual(principals);
    expect(principals.every(isLowPrivileged)).toBe(true);
  });
});

describe.runIf(existsSync(shared))('adcs collector: real export (../shared/realworld)', () => {
  it('ADCSTemplate_PowerShellCMS.json (UTF-16 LE, Export-ADCSTemplate)', async () => {
    const ctx = await run(['adcs/ADCSTemplate_PowerShellCMS.json'], shared);
    expect(ctx.problems).toEqual([]);
    const s = ctx.ofKind('ca-config')[0]!;
    expect(s.profiles).toEqual([
      expect.objectContaining({
        name: 'PowerShellCMS',
        maxValiditySeconds: 730 * 86400,
        renewBeforeSeconds: 42 * 86400,
        keyTypes: [{ algorithm: 'RSA', minBits: 2048 }],
        extendedKeyUsage: ['1.3.6.1.4.1.311.80.1'],
        subject: { enrolleeSuppliesSubject: false },
        approvalRequired: false,
        authorizedSignatures: 0,
        isCa: false,
      }),
    ]);
    expect(s.observations).toEqual([]);
  });
});
