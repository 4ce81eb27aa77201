import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vaultPki from '../../../collectors/vault-pki/index.js';
import type { CaConfigData } from '../../../model/evidence.js';
import { assertNoSecrets } from '../../../src/ca-config/secrets.js';
import { silentLogger } from '../../../src/engine/collector-context.js';
import { collect } from '../../../src/engine/collect.js';
import { nodeFileSystem } from '../../../src/engine/file-system.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/ca-configs/vault/', import.meta.url));
const shared = fileURLToPath(new URL('../../../../shared/realworld/configs/', import.meta.url));

async function run(paths: string[], baseDir = fixtures, extra: Record<string, unknown> = {}) {
  const ctx = fakeCollectorContext({ baseDir });
  await vaultPki.collect(vaultPki.config.parse({ paths, ...extra }), ctx);
  return { ctx, setups: ctx.ofKind('ca-config'), problems: ctx.problems };
}

const byName = (setups: CaConfigData[], name: string): CaConfigData => {
  const found = setups.find((s) => s.name === name);
  if (!found) throw new Error(`no setup ${name} in ${setups.map((s) => s.name).join(', ')}`);
  return found;
};

describe('vault-pki collector: saved API responses', () => {
  it('maps a directory dump of one mount: roles, URLs, CRL, auto-tidy, ACME, issuers, managed keys, mount TTL', async () => {
    const { setups, problems } = await run(['api']);
    expect(problems).toEqual([]);
    expect(setups.map((s) => s.name)).toEqual(['vault pki_int/']);
    const mount = setups[0]!;
    const issuerJson = JSON.parse(await readFile(join(fixtures, 'api/pki_int/issuer/7f1c6a0e-3c4e-4d5b-9d1a-0a1b2c3d4e5f.json'), 'utf8')) as { data: { certificate: string } };
    const fingerprint = new X509Certificate(issuerJson.data.certificate).fingerprint256.replaceAll(':', '').toLowerCase();
    expect(mount.ca).toMatchObject({ subject: 'CN=Fixture Issuing CA, O=pkimm-scan fixtures', keyAlgorithm: 'EC', keySizeBits: 256 });
    expect(mount.ca?.certificateSha256).toContain(fingerprint);
    expect(mount.revocation).toEqual({
      crl: { enabled: true, intervalSeconds: 72 * 3600, overlapSeconds: 12 * 3600, deltaIntervalSeconds: 15 * 60, urls: ['http://crl.example.test/v1/pki_int/crl'] },
      ocsp: { enabled: true, urls: ['http://ocsp.example.test/v1/pki_int/ocsp'] },
    });
    expect(mount.keyStorage).toEqual({ kind: 'hsm', detail: "managed key 'hsm-issuing' (pkcs11)" });
    expect(mount.enrollment).toEqual(['api', 'acme']);
    expect(mount.observations.map((o) => o.code)).toEqual(['vault-no-store', 'vault-auto-tidy']);

    const web = mount.profiles.find((p) => p.name === 'web-server')!;
    expect(web).toMatchObject({
      kind: 'role',
      maxValiditySeconds: 30 * 86400,
      defaultValiditySeconds: 7 * 86400,
      keyTypes: [{ algorithm: 'EC', curves: ['P-256'] }],
      signatureAlgorithms: ['SHA-256'],
      extendedKeyUsage: ['serverAuth'],
      subject: { enrolleeSuppliesSubject: false, allowedDomains: ['example.test'], allowWildcards: false, allowIpSans: false },
      enrollment: ['api', 'acme'],
      includesCrlDistributionPoint: true,
      includesOcspUrl: true,
    });
    // max_ttl 0 falls back to the mount's max lease TTL (90 days in sys/mounts).
    const anything = mount.profiles.find((p) => p.name === 'anything')!;
    expect(anything).toMatchObject({
      maxValiditySeconds: 90 * 86400,
      keyTypes: [{ algorithm: 'RSA', minBits: 2048 }],
      signatureAlgorithms: ['SHA-384 with RSASSA-PSS'],
      extendedKeyUsage: ['serverAuth', 'clientAuth', 'codeSigning', 'timeStamping'],
      subject: { enrolleeSuppliesSubject: true, allowWildcards: true, allowIpSans: true },
      enrollment: ['api'],
      details: expect.objectContaining({ noStore: true, generateLease: true }) as unknown,
    });
  });

  it('reads a single saved role and a combined dump, taking the mount from the path or the default', async () => {
    const { setups, problems } = await run(['single', 'dump'], fixtures, { product: 'openbao' });
    expect(problems).toEqual([]);
    const legacy = setups.find((s) => s.source.path === 'single')!;
    expect(legacy.name).toBe('openbao pki/');
    expect(legacy.profiles[0]).toMatchObject({ name: 'legacy', maxValiditySeconds: 3650 * 86400, keyTypes: [{ algorithm: 'RSA', minBits: 1024 }] });
    const dump = setups.find((s) => s.source.path === 'dump')!;
    expect(dump.profiles[0]).toMatchObject({ name: 'iot', maxValiditySeconds: 365 * 86400, defaultValiditySeconds: 30 * 86400, includesCrlDistributionPoint: false });
    expect(dump.revocation).toEqual({ crl: { enabled: false, intervalSeconds: 72 * 3600 }, ocsp: { enabled: false } });
  });
});

describe('vault-pki collector: through the engine', () => {
  it('keeps one evidence item per mount, each under the configured path plus its mount', async () => {
    const ctx = fakeCollectorContext();
    const result = await collect(new Map([[vaultPki, vaultPki.config.parse({ paths: ['api', 'terraform', 'terraform-broken'] })]]), {
      http: ctx.http,
      tls: ctx.tls,
      fs: nodeFileSystem,
      now: () => new Date('2026-11-22T00:00:00Z'),
      log: silentLogger,
      baseDir: fixtures,
      concurrency: 4,
    });
    expect(result.evidence.map((e) => e.id)).toEqual([
      'ca-config:api#mount pki_int/',
      'ca-config:terraform#mount pki-int/',
      'ca-config:terraform#mount pki-root/',
      'ca-config:terraform-broken#mount pki/',
    ]);
    expect(result.collectors['vault-pki']).toMatchObject({ configured: 3, problems: 2, evidence: 4 });
  });
});

describe('vault-pki collector: Terraform', () => {
  it('maps mounts, roles, CA generation, managed keys, ACME and audit across resources', async () => {
    const { setups, problems } = await run(['terraform']);
    expect(problems).toEqual([]);
    const root = byName(setups, 'vault pki-root/');
    expect(root.ca).toEqual({ subject: 'CN=Fixture Vault Root', keyAlgorithm: 'RSA', keySizeBits: 4096 });
    expect(root.profiles.map((p) => [p.name, p.maxValiditySeconds, p.isCa])).toEqual([
      ['root CA (vault_pki_secret_backend_root_cert.root)', 3650 * 86400, true],
      ['intermediate CA (vault_pki_secret_backend_root_sign_intermediate.int)', 1825 * 86400, true],
    ]);
    expect(root.keyStorage?.kind).toBe('software');
    expect(root.observations.map((o) => o.code)).toEqual(['vault-exported-ca-key']);
    expect(root.audit).toEqual({ enabled: true, detail: '1 audit device enabled' });

    const int = byName(setups, 'vault pki-int/');
    expect(int.ca).toEqual({ subject: 'CN=Fixture Vault Issuing', keyAlgorithm: 'EC', keySizeBits: 384 });
    expect(int.keyStorage).toEqual({ kind: 'cloud-kms', detail: "managed key 'cloud-issuing' (awskms)" });
    expect(int.revocation).toEqual({
      crl: { enabled: true, intervalSeconds: 48 * 3600, overlapSeconds: 24 * 3600, urls: ['http://vault.example.test:8200/v1/pki-int/crl'] },
      ocsp: { enabled: true, urls: ['http://vault.example.test:8200/v1/pki-int/ocsp'] },
    });
    const web = int.profiles[0]!;
    // ttl = var.web_ttl is unknown, so no default validity is claimed; max_ttl 720h is below the mount's 365 days.
    expect(web).toMatchObject({ name: 'web', maxValiditySeconds: 30 * 86400, extendedKeyUsage: ['serverAuth'], enrollment: ['api', 'acme'] });
    expect(web.defaultValiditySeconds).toBeUndefined();
    expect(web.details?.unresolvedTerraformExpressions).toBe('ttl');
    expect(int.observations.map((o) => o.code)).toEqual(['vault-acme-eab-not-required']);
  });

  it('reports one problem per bad file with the line, and keeps the readable blocks of a file', async () => {
    const { setups, problems } = await run(['terraform-broken']);
    expect(problems.map((p) => p.message).sort()).toEqual([
      'terraform-broken/bad-block.tf: line 6: resource "vault_pki_secret_backend_role" "web" is not valid HCL',
      'terraform-broken/unclosed.tf: line 6: block resource "vault_pki_secret_backend_role" "web" is not closed (missing "}")',
    ]);
    expect(setups.flatMap((s) => s.profiles.map((p) => p.name))).toEqual(['ok']);
  });
});

describe('vault-pki collector: hostile input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkimm-vault-'));
    await writeFile(join(dir, 'placeholder.json'), '{\n  "data": {\n    "allow_any_name": true,\n    ...\n  }\n}\n');
    await writeFile(join(dir, 'unknown-fields.json'), JSON.stringify({ data: { allowed_domains: ['a.test'], future_field: { nested: [1, 2] }, key_type: 'ed25519' } }));
    await writeFile(join(dir, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ data: { allowed_domains: ['u16.test'], key_type: 'rsa' } }), 'utf16le')]));
    await writeFile(join(dir, 'binary.json'), Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x00, 0xff]));
    await writeFile(join(dir, 'malformed.json'), '{"data": {"allow_any_name": tru}}');
    await writeFile(join(dir, 'big.json'), '');
    await truncate(join(dir, 'big.json'), 50 * 1024 * 1024);
    await writeFile(join(dir, 'string.tf'), 'resource "vault_mount" "x" {\n  path = "unterminated\n}\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads what it can and reports each bad file once, with its position and without its content', async () => {
    const { setups, problems } = await run(['.'], dir);
    const roles = setups.flatMap((s) => s.profiles);
    expect(roles.map((r) => [r.name, r.keyTypes?.[0]?.algorithm])).toEqual([
      ['unknown-fields', 'Ed25519'],
      ['utf16', 'RSA'],
    ]);
    expect(problems.map((p) => [p.code, p.message]).sort()).toEqual([
      ['parse', 'binary.json: binary data (a NUL character at offset 1), not a text configuration'],
      ['parse', 'malformed.json: line 1, column 29: not valid JSON: unexpected character'],
      ['parse', 'placeholder.json: line 4: a documentation placeholder ("..."), not JSON: the file is an excerpt, not a configuration'],
      ['parse', 'string.tf: line 2: unterminated string'],
      ['too-large', `big.json: ${50 * 1024 * 1024} bytes exceeds the limit of 5000000`],
    ]);
  });
});

describe('vault-pki collector: secrets', () => {
  it('never copies tokens, HSM PINs, exported or imported private keys into evidence or problems', async () => {
    const { ctx } = await run(['secrets', 'api', 'terraform']);
    const secrets = ['hvs.FIXTUREVAULTTOKENdonotleak0123456789', 'FIXTUREEXPORTEDCAKEYDONOTLEAK', 'FIXTUREPEMBUNDLEKEYMATERIALDONOTLEAK', 'FIXTURE-HSM-PIN-4711', 'fixture-aws-secret-key-do-not-leak', 'AKIAFIXTUREACCESSKEY'];
    expect(() => assertNoSecrets({ emitted: ctx.emitted, problems: ctx.problems }, secrets)).not.toThrow();
    const secretSetups = ctx.ofKind('ca-config').filter((s) => s.source.path === 'secrets');
    expect(secretSetups.flatMap((s) => s.observations.map((o) => o.code)).sort()).toEqual(['vault-exported-ca-key', 'vault-imported-ca-key']);
    expect(ctx.problems.map((p) => p.message).sort()).toEqual([expect.stringMatching(/^secrets\/vault-login\.json: JSON that is not a Vault\/OpenBao PKI response/)]);
  });
});

describe.runIf(existsSync(shared))('vault-pki collector: real Terraform examples (../shared/realworld)', () => {
  it.each([
    { file: 'tf_pki_secret_backend_role.tf', mount: 'pki', role: { name: 'my_role', defaultValiditySeconds: 3600, maxValiditySeconds: 86400, keyTypes: [{ algorithm: 'RSA', minBits: 4096 }] } },
    { file: 'tf_pki_secret_backend_role_policy_identifiers.tf', mount: 'pki', role: { name: 'my_role', defaultValiditySeconds: 3600, subject: { allowedDomains: ['example.com', 'my.domain'] } } },
    { file: 'tf_pki_secret_backend_root_cert.tf', mount: 'vault_mount.pki', role: { name: 'root CA (vault_pki_secret_backend_root_cert.test)', maxValiditySeconds: 315360000, isCa: true } },
    { file: 'tf_pki_secret_backend_config_acme.tf', mount: 'pki', codes: ['vault-acme-eab-not-required', 'vault-acme-sign-verbatim'], enrollment: ['api', 'acme'] },
    { file: 'tf_pki_secret_backend_crl_config.tf', mount: '%s', revocation: { crl: { enabled: true, intervalSeconds: 72 * 3600 }, ocsp: { enabled: true } } },
    { file: 'tf_pki_secret_backend_config_auto_tidy.tf', mount: 'pki', codes: ['vault-auto-tidy'] },
    { file: 'tf_pki_secret_backend_config_urls.tf', mount: 'pki-root' },
  ])('$file', async ({ file, mount, role, codes, enrollment, revocation }) => {
    const { setups, problems } = await run([`vault/${file}`], shared);
    expect(problems).toEqual([]);
    const setup = byName(setups, `vault ${mount}/`);
    if (role) expect(setup.profiles[0]).toMatchObject(role);
    if (codes) expect(setup.observations.map((o) => o.code)).toEqual(codes);
    if (enrollment) expect(setup.enrollment).toEqual(enrollment);
    if (revocation) expect(setup.revocation).toEqual(revocation);
  });
});
