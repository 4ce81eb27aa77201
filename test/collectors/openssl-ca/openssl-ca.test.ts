import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import opensslCa from '../../../collectors/openssl-ca/index.js';
import type { CaConfigData, CaProfile } from '../../../model/evidence.js';
import { SECONDS } from '../../../src/ca-config/units.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'ca-configs');
const CONFIGS = new URL('../../../../shared/realworld/configs/', import.meta.url);
const NOW = new Date('2026-11-22T00:00:00Z');

async function scan(config: Record<string, unknown>, baseDir = FIXTURES): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir, now: NOW });
  await opensslCa.collect(opensslCa.config.parse(config), ctx);
  return ctx;
}

describe('openssl-ca collector', () => {
  let ctx: FakeCollectorContext;
  let ca: CaConfigData;
  const profile = (name: string): CaProfile | undefined => ca.profiles.find((p) => p.name === name);
  beforeAll(async () => {
    ctx = await scan({ paths: ['openssl-ca/intermediate/openssl.cnf'] });
    ca = ctx.ofKind('ca-config')[0]!;
  });

  it('reads the CA section with $var expansion, its database files and its certificate', () => {
    const [cert] = ctx.ofKind('certificate');
    expect(cert?.sightings[0]).toEqual({ collector: 'openssl-ca', target: 'openssl-ca/intermediate/openssl.cnf', location: 'openssl-ca/intermediate/openssl.cnf#CA_default.certificate', attributes: { role: 'CA certificate', caSection: 'CA_default' } });
    expect(ca).toMatchObject({
      product: 'openssl-ca',
      role: 'ca',
      name: 'openssl ca [CA_default] openssl-ca/intermediate/openssl.cnf',
      source: { path: 'openssl-ca/intermediate/openssl.cnf', pointer: '[CA_default]' },
      ca: { subject: cert!.subject, certificateSha256: [cert!.sha256], keyAlgorithm: 'RSA', keySizeBits: 3072 },
      enrollment: ['manual'],
      issued: { valid: 1, revoked: 1, expired: 2 },
      revocation: { crl: { enabled: true, intervalSeconds: 7 * SECONDS.day + 12 * SECONDS.hour, urls: ['http://crl.fixture.test/intermediate.crl'] }, ocsp: { enabled: true, urls: ['http://ocsp.fixture.test'] } },
      keyStorage: { kind: 'software', detail: 'key file ./private/ca.key' },
      details: { copyExtensions: 'copyall', uniqueSubject: 'no', policy: 'policy_loose', policyFields: 'countryName=optional, organizationName=optional, commonName=supplied', nextSerial: '1003', nextCrlNumber: '1001', indexMalformedLines: 1, database: './index.txt', defaultMd: 'sha256' },
    });
    expect(ctx.problems).toEqual([]);
  });

  it('turns x509_extensions into the default profile and every other extension section into a profile', () => {
    expect(ca.profiles.map((p) => [p.name, p.kind])).toEqual([
      ['usr_cert', 'default'],
      ['server_cert', 'profile'],
      ['v3_intermediate_ca', 'profile'],
      ['ocsp', 'profile'],
    ]);
    expect(profile('usr_cert')).toMatchObject({ isCa: false, defaultValiditySeconds: 375 * SECONDS.day, signatureAlgorithms: ['SHA-256'], extendedKeyUsage: ['clientAuth', 'emailProtection'], includesCrlDistributionPoint: true, includesOcspUrl: true, includesCaIssuersUrl: true, subject: { enrolleeSuppliesSubject: true } });
    expect(profile('server_cert')).toMatchObject({ extendedKeyUsage: ['serverAuth'], includesCrlDistributionPoint: true, includesOcspUrl: false, details: { crlDistributionPoints: 'http://crl.fixture.test/intermediate.crl' } });
    expect(profile('v3_intermediate_ca')).toMatchObject({ isCa: true, details: { pathLength: 0, keyUsage: 'digitalSignature, cRLSign, keyCertSign' } });
    expect(profile('ocsp')?.extendedKeyUsage).toEqual(['OCSPSigning']);
  });

  it('observes copyall, an environment variable it does not read, and an include outside the root', () => {
    expect(ca.observations.map((o) => o.code)).toEqual(['openssl-unresolved-variable', 'openssl-include-not-read', 'openssl-copy-extensions-copyall']);
    expect(ca.observations[1]?.message).toBe('openssl-ca/intermediate/openssl.cnf: line 36: .include ../../outside.cnf not read: outside the configured root');
  });

  it('reads a req -x509 configuration as a template and names a CSR-only file', async () => {
    const out = await scan({ paths: ['openssl-ca/req'] });
    expect(out.ofKind('ca-config').map((c) => [c.name, c.profiles[0]?.kind, c.profiles[0]?.isCa, c.profiles[0]?.keyTypes, c.profiles[0]?.signatureAlgorithms])).toEqual([
      ['openssl req -x509 openssl-ca/req/root-ca.cnf', 'template', true, [{ algorithm: 'RSA', bits: [4096] }], ['SHA-384']],
    ]);
    expect(out.problems).toEqual([]);
    const named = await scan({ paths: ['openssl-ca/req/leaf-csr.cnf'] });
    expect(named.problems).toEqual([{ target: 'openssl-ca/req/leaf-csr.cnf', code: 'other', message: 'openssl-ca/req/leaf-csr.cnf: not an openssl CA configuration: no [ca] section, no section with a database, and no [req] x509_extensions (a certificate-request configuration)' }]);
  });

  describe('bounds', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pkimm-openssl-'));
      await writeFile(join(dir, 'outside.cnf'), '[ca]\ndefault_ca = x\n[x]\ndatabase = /etc/pki/CA/index.txt\ncertificate = ../secret/ca.crt\n');
      await writeFile(join(dir, 'broken.cnf'), '[ca]\ndefault_ca = x\n[x\n');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('never reads outside the root: absolute paths are looked up under it, escaping relative ones are refused', async () => {
      const out = await scan({ paths: ['outside.cnf'] }, dir);
      expect(out.ofKind('ca-config')[0]?.observations.map((o) => o.message)).toEqual(['database /etc/pki/CA/index.txt: not found', 'certificate ../secret/ca.crt: outside the configured root']);
    });

    it('reports a syntax error with file and line, and does not read the database when told not to', async () => {
      const out = await scan({ paths: ['broken.cnf'] }, dir);
      expect(out.problems).toEqual([{ target: 'broken.cnf', code: 'parse', message: 'broken.cnf: line 3: malformed section header' }]);
      const noDb = await scan({ paths: ['openssl-ca/intermediate/openssl.cnf'], readDatabase: false });
      expect(noDb.ofKind('ca-config')[0]?.issued).toBeUndefined();
      expect(noDb.ofKind('certificate')).toEqual([]);
    });
  });

  describe.runIf(existsSync(CONFIGS))('real configurations (../shared/realworld/configs/openssl)', () => {
    it.each([
      ['badssl_ca-root.conf', 'openssl req -x509 openssl/badssl_ca-root.conf', 4096, ['SHA-256']],
      ['badssl_ca-intermediate.conf', 'openssl req -x509 openssl/badssl_ca-intermediate.conf', 4096, ['SHA-256']],
      ['grpc_provider_ca.cnf', 'openssl req -x509 openssl/grpc_provider_ca.cnf', 2048, undefined],
    ])('%s is a CA certificate template', async (file, name, bits, md) => {
      const out = await scan({ paths: [`openssl/${file}`] }, CONFIGS.pathname);
      const [config] = out.ofKind('ca-config');
      expect([config?.name, config?.profiles[0]?.isCa, config?.profiles[0]?.keyTypes?.[0]?.bits, config?.profiles[0]?.signatureAlgorithms]).toEqual([name, true, [bits], md]);
    });

    it('reads the gRPC CRL configuration: 30 days and 1 hour between CRLs, its database not shipped', async () => {
      const out = await scan({ paths: ['openssl/grpc_provider_crl.cnf'] }, CONFIGS.pathname);
      const [config] = out.ofKind('ca-config');
      expect(config).toMatchObject({ name: 'openssl ca [my_ca] openssl/grpc_provider_crl.cnf', revocation: { crl: { enabled: true, intervalSeconds: 30 * SECONDS.day + SECONDS.hour } }, profiles: [{ name: 'my_ca', kind: 'default', signatureAlgorithms: ['SHA-256'] }] });
      expect(config?.observations.map((o) => o.message)).toEqual(['database provider_index.txt: not found', 'crlnumber provider_crlnumber.txt: not found']);
    });

    it.each(['badssl_wildcard.conf', 'badssl_subdomain-no-san.conf'])('%s (a certificate request) is one clear problem', async (file) => {
      const out = await scan({ paths: [`openssl/${file}`] }, CONFIGS.pathname);
      expect(out.emitted).toEqual([]);
      expect(out.problems.map((p) => p.message)).toEqual([`openssl/${file}: not an openssl CA configuration: no [ca] section, no section with a database, and no [req] x509_extensions (a certificate-request configuration)`]);
    });
  });

  it('counts paths as targets and rejects unknown keys', () => {
    expect(opensslCa.countTargets(opensslCa.config.parse({ paths: ['a', 'b', 'c'] }))).toBe(3);
    expect(opensslCa.config.safeParse({ bogus: 1 }).success).toBe(false);
  });
});
