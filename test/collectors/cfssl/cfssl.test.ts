import { existsSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cfssl from '../../../collectors/cfssl/index.js';
import { assertNoSecrets } from '../../../src/ca-config/secrets.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/ca-configs/cfssl/', import.meta.url));
const shared = fileURLToPath(new URL('../../../../shared/realworld/configs/', import.meta.url));

async function run(paths: string[], baseDir = fixtures, extra: Record<string, unknown> = {}) {
  const ctx = fakeCollectorContext({ baseDir });
  await cfssl.collect(cfssl.config.parse({ paths, ...extra }), ctx);
  return ctx;
}

describe('cfssl collector', () => {
  it('maps a signing configuration: default and profiles, expiry, usages, CA constraint, auth key presence, URLs, backdate', async () => {
    const ctx = await run(['ca-config.json']);
    expect(ctx.problems).toEqual([]);
    const [config] = ctx.ofKind('ca-config');
    expect(config).toMatchObject({ product: 'cfssl', role: 'ca', name: 'cfssl (ca-config.json)', enrollment: ['api'] });
    expect(config!.revocation).toEqual({ crl: { enabled: true, urls: ['http://crl.example.test/cfssl.crl'] }, ocsp: { enabled: true, urls: ['http://ocsp.example.test'] } });
    const p = Object.fromEntries(config!.profiles.map((x) => [x.name, x]));
    expect(Object.keys(p)).toEqual(['default', 'server', 'intermediate', 'client', 'remote-signer']);
    expect(p.default).toMatchObject({ kind: 'default', maxValiditySeconds: 365 * 86400, extendedKeyUsage: ['serverAuth', 'clientAuth'], isCa: false, details: { authKeyRequired: false } });
    expect(p.server).toMatchObject({
      maxValiditySeconds: 90 * 86400,
      extendedKeyUsage: ['serverAuth'],
      subject: { enrolleeSuppliesSubject: false },
      includesCrlDistributionPoint: true,
      includesOcspUrl: true,
      includesCaIssuersUrl: true,
      details: { backdate: '1h', authKeyRequired: true, nameWhitelist: '^[a-z0-9.-]+\\.example\\.test$' },
    });
    expect(p.intermediate).toMatchObject({ isCa: true, maxValiditySeconds: 43800 * 3600, details: { maxPathLen: 0 } });
    expect(p.client).toMatchObject({ maxValiditySeconds: 365 * 86400, extendedKeyUsage: ['clientAuth'], details: { expiryInherited: true, unknownUsages: 'mystery usage' } });
    expect(p['remote-signer']!.maxValiditySeconds).toBeUndefined();
    expect(p['remote-signer']!.details).toMatchObject({ remote: 'central', authRemote: 'central' });
  });

  it('maps a CSR request (key algorithm and size, CA expiry) and a multiroot file (where each root key lives)', async () => {
    const ctx = await run(['ca-csr.json', 'multiroot.conf']);
    expect(ctx.problems).toEqual([]);
    const setups = ctx.ofKind('ca-config');
    const csr = setups.find((s) => s.source.path === 'ca-csr.json');
    const [primary, hsm] = setups.filter((s) => s.source.path === 'multiroot.conf');
    expect(csr).toMatchObject({ ca: { subject: 'CN=Fixture cfssl Root', keyAlgorithm: 'EC', keySizeBits: 384 }, profiles: [{ kind: 'certificate', isCa: true, maxValiditySeconds: 87600 * 3600, keyTypes: [{ algorithm: 'EC', curves: ['P-384'] }] }] });
    expect([primary!.source.pointer, primary!.keyStorage]).toEqual(['[primary]', { kind: 'software', detail: 'private key file (file://)' }]);
    expect(hsm!.keyStorage).toEqual({ kind: 'pkcs11', detail: 'PKCS#11 token (pkcs11://)' });
  });

  it('never copies auth_keys values or gencert private keys into evidence or problems', async () => {
    const ctx = await run(['.']);
    expect(() => assertNoSecrets({ emitted: ctx.emitted, problems: ctx.problems }, ['0123456789ABCDEFFEDCBA9876543210fixtureauthkey', 'FIXTURECFSSLGENCERTKEYDONOTLEAK'])).not.toThrow();
  });

  describe('hostile input', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pkimm-cfssl-'));
      await writeFile(join(dir, 'big.json'), '');
      await truncate(join(dir, 'big.json'), 50 * 1024 * 1024);
      // 50 MB of valid JSON: read when the cap allows it.
      await writeFile(join(dir, 'padded.json'), `{"signing": {"default": {"expiry": "1h"}}, "padding": "${'x'.repeat(50 * 1024 * 1024)}"}`);
      await writeFile(join(dir, 'latin1.json'), Buffer.from('{"signing": {"profiles": {"caf\xe9": {"expiry": "2h", "usages": ["server auth"]}}}}', 'latin1'));
      await writeFile(join(dir, 'unknown.json'), '{"signing": {"default": {"expiry": "1h", "future": {"x": 1}}, "profiles": {"p": {"usages": "server auth"}}}}');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reports bad files once each with position, and reads Latin-1, unknown fields and large files within the cap', async () => {
      const bad = await run(['bad']);
      expect(bad.problems.map((p) => p.message).sort()).toEqual([
        'bad/bad-expiry.json: /signing/default/expiry: not a Go duration (cfssl refuses to load this configuration)',
        'bad/broken.ini: line 1: expected "[section]" or "key = value"',
        'bad/gencert-output.json: neither a cfssl signing configuration ({"signing": …}), a CSR request ({"CN", "key"}) nor a multiroot file',
        'bad/placeholder.json: line 3: a documentation placeholder ("..."), not JSON: the file is an excerpt, not a configuration',
      ]);
      const odd = await run(['.'], dir, { maxFileBytes: 60 * 1024 * 1024 });
      expect(odd.problems).toEqual([expect.objectContaining({ code: 'parse', message: expect.stringMatching(/^\.?\/?big\.json: binary data/) as unknown })]);
      const names = odd.ofKind('ca-config').flatMap((c) => c.profiles.map((p) => `${c.source.path}:${p.name}:${p.maxValiditySeconds ?? '-'}`));
      expect(names.sort()).toEqual(['latin1.json:café:7200', 'latin1.json:default:31536000', 'padded.json:default:3600', 'unknown.json:default:3600', 'unknown.json:p:3600']);
      const capped = await run(['big.json'], dir);
      expect(capped.problems.map((p) => [p.code, p.message]).sort()).toEqual([['too-large', `big.json: ${50 * 1024 * 1024} bytes exceeds the limit of 5000000`]]);
    });
  });
});

describe.runIf(existsSync(shared))('cfssl collector: real configurations (../shared/realworld)', () => {
  it('good_config.json, invalid_profile.json and multiroot_roots.conf', async () => {
    const ctx = await run(['cfssl'], shared);
    expect(ctx.problems.map((p) => p.message).sort()).toEqual(['cfssl/invalid_profile.json: /signing/profiles/email/expiry: not a Go duration (cfssl refuses to load this configuration)']);
    const setups = ctx.ofKind('ca-config');
    const good = setups.find((s) => s.source.path === 'cfssl/good_config.json')!;
    expect(good.profiles.map((p) => [p.name, p.maxValiditySeconds, p.extendedKeyUsage])).toEqual([
      ['default', 168 * 3600, undefined],
      ['www', 168 * 3600, ['serverAuth']],
    ]);
    expect(good.profiles[1]!.subject).toEqual({ enrolleeSuppliesSubject: false });
    expect(setups.filter((s) => s.source.path === 'cfssl/multiroot_roots.conf').map((s) => [s.source.pointer, s.keyStorage?.kind])).toEqual([
      ['[primary]', 'software'],
      ['[backup]', 'software'],
    ]);
  });
});
