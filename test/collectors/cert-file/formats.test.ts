import { createPrivateKey } from 'node:crypto';
import { chmod, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import certFile from '../../../collectors/cert-file/index.js';
import type { PrivateKeyData } from '../../../model/evidence.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'keystores');
const P12_ENV = 'PKIMM_TEST_P12_PASSWORD';
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pkimm-cert-file-formats-'));
  await cp(fixtures, join(base, 'ks'), { recursive: true });
  await chmod(join(base, 'ks', 'ec-p256.pkcs8.pem'), 0o600);
  await writeFile(join(base, 'jks.pass'), 'changeit\n');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

afterEach(() => {
  Reflect.deleteProperty(process.env, P12_ENV);
});

async function scan(config: Record<string, unknown>): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir: base });
  await certFile.collect(certFile.config.parse(config), ctx);
  return ctx;
}

const keyAt = (ctx: FakeCollectorContext, location: string): PrivateKeyData | undefined => ctx.ofKind('private-key').find((k) => k.location === location);

describe('cert-file: certificates and keys at rest', () => {
  it('reads every keystore and key format, pairs keys with certificates and never needs more than the configured secrets', async () => {
    process.env[P12_ENV] = 'fixture-pass';
    const ctx = await scan({ paths: ['ks', 'ks/id_ecdsa_encrypted'], passwords: [{ env: P12_ENV }, { file: 'jks.pass', appliesTo: ['*.jks', '*.jceks'] }] });
    expect(ctx.problems).toEqual([]);

    const sightings = ctx.ofKind('certificate').flatMap((c) => c.sightings.map((s) => ({ subject: c.subject, ...s })));
    const formatOf = (location: string) => sightings.find((s) => s.location === location)?.attributes?.format;
    expect(formatOf('ks/chain.p7b#0')).toBe('pkcs7');
    expect(formatOf('ks/chain.p7b#1')).toBe('pkcs7');
    expect(formatOf('ks/ec-p256.p12#0')).toBe('pkcs12');
    expect(formatOf('ks/rsa-2048-legacy.pfx#0')).toBe('pkcs12');
    expect(formatOf('ks/store.jks#rsa-root')).toBe('jks');
    expect(formatOf('ks/store.jks#server[0]')).toBe('jks');
    expect(formatOf('ks/store.jceks#ec-trusted')).toBe('jceks');
    expect(formatOf('ks/store.jceks#rsa-server[0]')).toBe('jceks');
    expect(sightings.find((s) => s.location === 'ks/ec-p256-empty-password.p12#0')?.attributes).toMatchObject({ password: 'empty' });
    expect(sightings.find((s) => s.location === 'ks/store.jks#server[0]')?.attributes).toMatchObject({ integrity: 'verified', entryType: 'private-key-chain', alias: 'server' });

    // The EC certificate is paired with a key (several files hold one), and every sighting names the file mode.
    const ec = sightings.find((s) => s.location === 'ks/ec-p256.crt#0')!;
    expect(ec.attributes).toMatchObject({ format: 'pem', pairedKey: 'true', fileMode: expect.stringMatching(/^0[0-7]{3}$/) });

    expect(keyAt(ctx, 'ks/ec-p256.pkcs8.pem')).toMatchObject({ keyAlgorithm: 'EC', curve: 'P-256', keySizeBits: 256, encrypted: false, format: 'pkcs8', fileMode: '0600' });
    expect(keyAt(ctx, 'ks/ec-p256.sec1.pem')).toMatchObject({ keyAlgorithm: 'EC', curve: 'P-256', format: 'sec1', publicKeySource: 'private-key' });
    expect(keyAt(ctx, 'ks/ec-p256.pkcs8.der')).toMatchObject({ keyAlgorithm: 'EC', format: 'pkcs8' });
    expect(keyAt(ctx, 'ks/ed25519.pkcs8.pem')).toMatchObject({ keyAlgorithm: 'Ed25519', encrypted: false });
    expect(keyAt(ctx, 'ks/rsa-2048.pkcs1.pem')).toMatchObject({ keyAlgorithm: 'RSA', keySizeBits: 2048, format: 'pkcs1' });
    expect(keyAt(ctx, 'ks/rsa-2048.encrypted.pem')).toEqual(
      expect.objectContaining({ keyAlgorithm: 'unknown', encrypted: true, format: 'pkcs8-encrypted', encryption: 'PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC', kdfIterations: 2048 }),
    );
    expect(keyAt(ctx, 'ks/rsa-2048.encrypted.pem')?.spkiSha256).toBeUndefined();
    expect(keyAt(ctx, 'ks/rsa-2048.legacy-encrypted.pem')).toMatchObject({ keyAlgorithm: 'RSA', encrypted: true, format: 'pem-legacy-encrypted', encryption: expect.stringMatching(/^AES-256-CBC/) });
    expect(keyAt(ctx, 'ks/id_ed25519')).toMatchObject({ keyAlgorithm: 'Ed25519', encrypted: false, format: 'openssh', publicKeySource: 'openssh-public-blob' });
    expect(keyAt(ctx, 'ks/id_rsa')).toMatchObject({ keyAlgorithm: 'RSA', keySizeBits: 2048, format: 'openssh' });
    expect(keyAt(ctx, 'ks/id_ecdsa_encrypted')).toMatchObject({ keyAlgorithm: 'EC', curve: 'P-256', encrypted: true, encryption: expect.stringMatching(/bcrypt/), spkiSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(keyAt(ctx, 'ks/ec-p256.p12')).toMatchObject({ keyAlgorithm: 'EC', encrypted: true, format: 'pkcs12', alias: 'ec-server', encryption: 'PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC' });
    expect(keyAt(ctx, 'ks/rsa-2048-legacy.pfx')).toMatchObject({ keyAlgorithm: 'RSA', keySizeBits: 2048, encryption: 'pbeWithSHAAnd3-KeyTripleDES-CBC' });
    expect(keyAt(ctx, 'ks/store.jks#server')).toMatchObject({ keyAlgorithm: 'EC', curve: 'P-256', encrypted: true, format: 'jks', publicKeySource: 'keystore-certificate' });
    expect(keyAt(ctx, 'ks/store.jceks#rsa-server')).toMatchObject({ keyAlgorithm: 'RSA', keySizeBits: 2048, format: 'jceks' });

    // The PKCS#8, SEC1, DER and PKCS#12 copies of one EC key share one SPKI, equal to the certificate's.
    const ecSpki = ctx.ofKind('certificate').find((c) => c.sightings.some((s) => s.location === 'ks/ec-p256.crt#0'))!.spkiSha256;
    for (const location of ['ks/ec-p256.pkcs8.pem', 'ks/ec-p256.sec1.pem', 'ks/ec-p256.pkcs8.der', 'ks/ec-p256.p12']) expect(keyAt(ctx, location)?.spkiSha256).toBe(ecSpki);
    // Every private key is its own evidence item (targets are unique key locations).
    const targets = ctx.emitted.filter((e) => e.kind === 'private-key').map((e) => e.target);
    expect(new Set(targets).size).toBe(targets.length);
  });

  it('reports a PKCS#12 with a wrong password as one clear problem, naming the source but never the password', async () => {
    process.env[P12_ENV] = 'not-the-password';
    const ctx = await scan({ paths: ['ks/ec-p256.p12'], passwords: [{ env: P12_ENV }] });
    expect(ctx.problems).toEqual([{ target: 'ks/ec-p256.p12', code: 'permission', message: `ks/ec-p256.p12: PKCS#12 could not be opened: wrong or missing password (tried: empty password, env ${P12_ENV})` }]);
    expect(JSON.stringify(ctx.problems)).not.toContain('not-the-password');
    expect(ctx.emitted).toEqual([]);
  });

  it('refuses a PKCS#12 when no password may be tried, and reports missing password sources', async () => {
    const ctx = await scan({ paths: ['ks/ec-p256.p12'], tryEmptyPassword: false, passwords: [{ env: P12_ENV }, { file: 'missing.pass' }] });
    expect(ctx.problems.map((p) => [p.target, p.code])).toEqual([
      ['passwords[0]', 'not-found'],
      ['passwords[1]', 'not-found'],
      ['ks/ec-p256.p12', 'permission'],
    ]);
    expect(ctx.problems[2]!.message).toMatch(/needs a password/);
  });

  it('reads a JKS without a password unverified, and rejects one whose integrity hash does not match', async () => {
    const plain = await scan({ paths: ['ks/store.jks'] });
    expect(plain.problems).toEqual([]);
    expect(plain.ofKind('certificate').flatMap((c) => c.sightings.map((s) => s.attributes?.integrity))).toEqual(['not-checked', 'not-checked']);

    const bytes = await readFile(join(base, 'ks', 'store.jks'));
    bytes[bytes.length - 1]! ^= 0xff;
    await writeFile(join(base, 'tampered.jks'), bytes);
    const tampered = await scan({ paths: ['tampered.jks'], passwords: [{ file: 'jks.pass' }] });
    expect(tampered.emitted).toEqual([]);
    expect(tampered.problems).toEqual([
      { target: 'tampered.jks', code: 'permission', message: 'tampered.jks: keystore integrity check failed with every configured password (tried: file jks.pass): wrong password or modified file' },
    ]);
  });

  it('never puts private-key bytes in evidence or problems (PEM body, base64 of the DER, hex)', async () => {
    process.env[P12_ENV] = 'fixture-pass';
    const ctx = await scan({ paths: ['ks', 'ks/id_ecdsa_encrypted'], passwords: [{ env: P12_ENV }, { file: 'jks.pass' }] });
    const everything = JSON.stringify({ emitted: ctx.emitted, problems: ctx.problems });
    const probes: string[] = [];
    for (const file of ['ec-p256.pkcs8.pem', 'ec-p256.sec1.pem', 'ed25519.pkcs8.pem', 'rsa-2048.pkcs1.pem', 'rsa-2048.encrypted.pem', 'rsa-2048.legacy-encrypted.pem', 'id_ed25519', 'id_rsa', 'id_ecdsa_encrypted']) {
      const text = await readFile(join(fixtures, file), 'utf8');
      const body = text.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----') && !l.includes(':'));
      probes.push(...body.filter((l) => l.length >= 24).map((l) => l.slice(0, 24)));
    }
    for (const file of ['ec-p256.pkcs8.pem', 'ed25519.pkcs8.pem', 'rsa-2048.pkcs1.pem']) {
      const der = createPrivateKey(await readFile(join(fixtures, file))).export({ type: 'pkcs8', format: 'der' });
      // The private scalar sits near the end of the DER: probe its base64 and hex forms.
      const tail = der.subarray(der.length - 40, der.length - 8);
      probes.push(tail.toString('base64').slice(0, 24), tail.toString('hex'), tail.toString('hex').toUpperCase());
    }
    probes.push(Buffer.from(await readFile(join(fixtures, 'ec-p256.pkcs8.der'))).subarray(36, 68).toString('hex'));
    expect(probes.length).toBeGreaterThan(20);
    for (const probe of probes) expect(everything).not.toContain(probe);
  });
});
