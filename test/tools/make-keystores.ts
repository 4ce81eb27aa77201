/**
 * Writes fixtures/keystores/*: throw-away keys, certificates and keystores in every format the cert-file collector
 * reads, made with the real tools (openssl, ssh-keygen, and keytool for JKS/JCEKS) so the readers are checked against
 * what those tools write. Keys are generated fresh, so bytes change per run; facts and passwords do not.
 * These keys protect nothing: they exist only to test that key metadata is read and key bytes are never reported.
 *
 * Run with `npx tsx test/tools/make-keystores.ts` (needs openssl, ssh-keygen and a JDK's keytool on PATH).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '..', '..', 'fixtures', 'keystores');

/** Passwords of the fixtures (test data only). */
const FIXTURE_PASSWORD = 'fixture-pass';
const JKS_PASSWORD = 'changeit';

const run = (cmd: string, args: readonly string[], cwd: string): void => {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
};

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'pkimm-keystores-'));
  try {
    const ssl = (...args: string[]): void => run('openssl', args, work);
    // Keys.
    ssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec-p256.pkcs8.pem');
    ssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa-2048.pkcs8.pem');
    ssl('genpkey', '-algorithm', 'ED25519', '-out', 'ed25519.pkcs8.pem');
    ssl('pkey', '-in', 'rsa-2048.pkcs8.pem', '-traditional', '-out', 'rsa-2048.pkcs1.pem');
    ssl('ec', '-in', 'ec-p256.pkcs8.pem', '-out', 'ec-p256.sec1.pem');
    ssl('pkcs8', '-topk8', '-nocrypt', '-in', 'ec-p256.pkcs8.pem', '-outform', 'DER', '-out', 'ec-p256.pkcs8.der');
    ssl('pkcs8', '-topk8', '-in', 'rsa-2048.pkcs8.pem', '-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256', '-passout', `pass:${FIXTURE_PASSWORD}`, '-out', 'rsa-2048.encrypted.pem');
    ssl('rsa', '-in', 'rsa-2048.pkcs8.pem', '-traditional', '-aes256', '-passout', `pass:${FIXTURE_PASSWORD}`, '-out', 'rsa-2048.legacy-encrypted.pem');
    // Certificates for the keys (self-signed, fixed subjects).
    const cert = (key: string, cn: string, out: string): void => ssl('req', '-x509', '-key', key, '-subj', `/CN=${cn}`, '-days', '3650', '-out', out);
    cert('ec-p256.pkcs8.pem', 'ec-p256.keystore.test', 'ec-p256.crt');
    cert('rsa-2048.pkcs8.pem', 'rsa-2048.keystore.test', 'rsa-2048.crt');
    ssl('crl2pkcs7', '-nocrl', '-certfile', 'ec-p256.crt', '-certfile', 'rsa-2048.crt', '-outform', 'DER', '-out', 'chain.p7b');
    // PKCS#12: OpenSSL 3 default (PBES2 AES-256, HMAC-SHA256), legacy (3DES/RC2, SHA-1 MAC) and the empty password.
    ssl('pkcs12', '-export', '-in', 'ec-p256.crt', '-inkey', 'ec-p256.pkcs8.pem', '-name', 'ec-server', '-passout', `pass:${FIXTURE_PASSWORD}`, '-out', 'ec-p256.p12');
    ssl('pkcs12', '-export', '-legacy', '-in', 'rsa-2048.crt', '-inkey', 'rsa-2048.pkcs8.pem', '-name', 'rsa-server', '-passout', `pass:${FIXTURE_PASSWORD}`, '-out', 'rsa-2048-legacy.pfx');
    ssl('pkcs12', '-export', '-in', 'ec-p256.crt', '-inkey', 'ec-p256.pkcs8.pem', '-passout', 'pass:', '-out', 'ec-p256-empty-password.p12');
    // OpenSSH keys, one encrypted (its public key stays readable).
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'fixture', '-f', 'id_ed25519'], work);
    run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'fixture', '-f', 'id_rsa'], work);
    run('ssh-keygen', ['-q', '-t', 'ecdsa', '-b', '256', '-N', FIXTURE_PASSWORD, '-C', 'fixture', '-f', 'id_ecdsa_encrypted'], work);
    // JKS and JCEKS with keytool.
    const keytool = (...args: string[]): void => run('keytool', [...args, '-storepass', JKS_PASSWORD], work);
    keytool('-genkeypair', '-keystore', 'store.jks', '-storetype', 'JKS', '-keypass', JKS_PASSWORD, '-alias', 'server', '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', 'CN=jks-server.keystore.test', '-validity', '3650');
    keytool('-importcert', '-noprompt', '-keystore', 'store.jks', '-storetype', 'JKS', '-alias', 'rsa-root', '-file', 'rsa-2048.crt');
    keytool('-genseckey', '-keystore', 'store.jceks', '-storetype', 'JCEKS', '-keypass', JKS_PASSWORD, '-alias', 'aes-key', '-keyalg', 'AES', '-keysize', '128');
    keytool('-importcert', '-noprompt', '-keystore', 'store.jceks', '-storetype', 'JCEKS', '-alias', 'ec-trusted', '-file', 'ec-p256.crt');
    keytool('-genkeypair', '-keystore', 'store.jceks', '-storetype', 'JCEKS', '-keypass', JKS_PASSWORD, '-alias', 'rsa-server', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=jceks-server.keystore.test', '-validity', '3650');

    const files = [
      'ec-p256.pkcs8.pem',
      'ec-p256.pkcs8.der',
      'ec-p256.sec1.pem',
      'ed25519.pkcs8.pem',
      'rsa-2048.pkcs1.pem',
      'rsa-2048.encrypted.pem',
      'rsa-2048.legacy-encrypted.pem',
      'ec-p256.crt',
      'rsa-2048.crt',
      'chain.p7b',
      'ec-p256.p12',
      'rsa-2048-legacy.pfx',
      'ec-p256-empty-password.p12',
      'id_ed25519',
      'id_rsa',
      'id_rsa.pub',
      'id_ecdsa_encrypted',
      'store.jks',
      'store.jceks',
    ];
    for (const file of files) await writeFile(join(OUT, file), await readFile(join(work, file)));
    await writeFile(
      join(OUT, 'README.md'),
      [
        '# fixtures/keystores',
        '',
        'Generated by `test/tools/make-keystores.ts` with openssl, ssh-keygen and keytool: do not edit. Throw-away keys that',
        `protect nothing. Password of the encrypted keys, PKCS#12 files and OpenSSH key: \`${FIXTURE_PASSWORD}\`; JKS/JCEKS store`,
        `password: \`${JKS_PASSWORD}\`; \`ec-p256-empty-password.p12\` uses the empty password.`,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
