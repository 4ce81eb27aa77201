/**
 * A small PKI generated with the openssl CLI for revocation tests: a root, an issuing CA, leaves that are good,
 * revoked, must-staple and unknown to the responder, a delegated OCSP responder certificate, a rogue responder,
 * an index.txt and a CRL. Also starts `openssl ocsp` responders on free loopback ports and kills them reliably.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyEvidence, CertificateData } from '../../../model/evidence.js';
import { toCertificateFacts } from '../../../src/pki/certificate-facts.js';

/** Whether the openssl CLI is available. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on 127.0.0.1 (bound and released; good enough for tests). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Generated PKI material; paths are absolute, `dir` is removed by `cleanup()`. */
export interface TestPki {
  readonly dir: string;
  /** When the material was generated (certificates become valid then; pin "now" relative to it). */
  readonly createdAt: Date;
  readonly ocspPort: number;
  readonly crlPort: number;
  readonly files: Record<'root' | 'issuing' | 'issuingKey' | 'good' | 'revoked' | 'mustStaple' | 'unknown' | 'ldapOnly' | 'delegate' | 'delegateKey' | 'rogue' | 'rogueKey' | 'index' | 'crlDer' | 'crlPem', string>;
  /** DER of a certificate file. */
  der(name: 'root' | 'issuing' | 'good' | 'revoked' | 'mustStaple' | 'unknown' | 'ldapOnly' | 'delegate' | 'rogue'): Uint8Array;
  cleanup(): void;
}

const LEAF_SERIALS = { good: '1001', revoked: '1002', mustStaple: '1003', unknown: '1004', ldapOnly: '1005' } as const;

/** Generates the PKI with CDP and AIA pointing at 127.0.0.1:<crlPort>/issuing.crl and 127.0.0.1:<ocspPort>/. */
export function makeTestPki(options: { crlPort: number; ocspPort: number }): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'revocation-pki-'));
  const createdAt = new Date();
  const run = (args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  const cdp = `URI:http://127.0.0.1:${options.crlPort}/issuing.crl`;
  const aia = `OCSP;URI:http://127.0.0.1:${options.ocspPort}/`;
  writeFileSync(
    join(dir, 'ext.cnf'),
    [
      '[ root ]',
      'basicConstraints = critical, CA:true',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      '[ issuing ]',
      'basicConstraints = critical, CA:true, pathlen:0',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid:always',
      '[ leaf ]',
      'basicConstraints = critical, CA:false',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = serverAuth',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid:always',
      `crlDistributionPoints = ${cdp}`,
      `authorityInfoAccess = ${aia}`,
      '[ staple ]',
      'basicConstraints = critical, CA:false',
      'extendedKeyUsage = serverAuth',
      'authorityKeyIdentifier = keyid:always',
      `crlDistributionPoints = ${cdp}`,
      `authorityInfoAccess = ${aia}`,
      'tlsfeature = status_request',
      '[ ldap ]',
      'basicConstraints = critical, CA:false',
      'authorityKeyIdentifier = keyid:always',
      'crlDistributionPoints = URI:ldap://ldap.test/cn=Issuing%20CA?certificateRevocationList',
      '[ responder ]',
      'basicConstraints = critical, CA:false',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = OCSPSigning',
      'noCheck = ignored',
      'authorityKeyIdentifier = keyid:always',
      '[ rogue ]',
      'basicConstraints = critical, CA:false',
      'extendedKeyUsage = OCSPSigning',
      '',
    ].join('\n'),
  );
  run(['genpkey', ...ec, '-out', 'root.key']);
  run(['req', '-x509', '-key', 'root.key', '-subj', '/O=Revocation Test/CN=Test Root CA', '-days', '365', '-out', 'root.pem', '-extensions', 'root', '-config', 'ext.cnf']);
  run(['genpkey', ...ec, '-out', 'issuing.key']);
  run(['req', '-new', '-key', 'issuing.key', '-subj', '/O=Revocation Test/CN=Test Issuing CA', '-out', 'issuing.csr']);
  run(['x509', '-req', '-in', 'issuing.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '0x100', '-days', '180', '-extfile', 'ext.cnf', '-extensions', 'issuing', '-out', 'issuing.pem']);
  run(['genpkey', ...ec, '-out', 'leaf.key']);
  run(['req', '-new', '-key', 'leaf.key', '-subj', '/CN=leaf.test', '-out', 'leaf.csr']);
  const leaf = (name: string, serial: string, section: string): void =>
    run(['x509', '-req', '-in', 'leaf.csr', '-CA', 'issuing.pem', '-CAkey', 'issuing.key', '-set_serial', `0x${serial}`, '-days', '30', '-extfile', 'ext.cnf', '-extensions', section, '-out', `${name}.pem`]);
  leaf('good', LEAF_SERIALS.good, 'leaf');
  leaf('revoked', LEAF_SERIALS.revoked, 'leaf');
  leaf('mustStaple', LEAF_SERIALS.mustStaple, 'staple');
  leaf('unknown', LEAF_SERIALS.unknown, 'leaf');
  leaf('ldapOnly', LEAF_SERIALS.ldapOnly, 'ldap');
  run(['genpkey', ...ec, '-out', 'delegate.key']);
  run(['req', '-new', '-key', 'delegate.key', '-subj', '/O=Revocation Test/CN=Test OCSP Responder', '-out', 'delegate.csr']);
  run(['x509', '-req', '-in', 'delegate.csr', '-CA', 'issuing.pem', '-CAkey', 'issuing.key', '-set_serial', '0x2001', '-days', '30', '-extfile', 'ext.cnf', '-extensions', 'responder', '-out', 'delegate.pem']);
  run(['genpkey', ...ec, '-out', 'rogue.key']);
  run(['req', '-x509', '-key', 'rogue.key', '-subj', '/CN=Rogue Responder', '-days', '30', '-out', 'rogue.pem', '-extensions', 'rogue', '-config', 'ext.cnf']);

  const expiry = '301231000000Z';
  const revokedAt = `${createdAt.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`;
  writeFileSync(
    join(dir, 'index.txt'),
    [
      `V\t${expiry}\t\t${LEAF_SERIALS.good}\tunknown\t/CN=leaf.test`,
      `R\t${expiry}\t${revokedAt},keyCompromise\t${LEAF_SERIALS.revoked}\tunknown\t/CN=leaf.test`,
      `V\t${expiry}\t\t${LEAF_SERIALS.mustStaple}\tunknown\t/CN=leaf.test`,
      `V\t${expiry}\t\t${LEAF_SERIALS.ldapOnly}\tunknown\t/CN=leaf.test`,
      `V\t${expiry}\t\t2001\tunknown\t/O=Revocation Test/CN=Test OCSP Responder`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'index.txt.attr'), 'unique_subject = no\n');
  writeFileSync(join(dir, 'crlnumber'), '2A\n');
  mkdirSync(join(dir, 'newcerts'));
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = CA_default',
      '[ CA_default ]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'crlnumber = $dir/crlnumber',
      'certificate = $dir/issuing.pem',
      'private_key = $dir/issuing.key',
      'new_certs_dir = $dir/newcerts',
      'default_md = sha256',
      'default_crl_days = 7',
      'crl_extensions = crl_ext',
      '[ crl_ext ]',
      'authorityKeyIdentifier = keyid:always',
      '',
    ].join('\n'),
  );
  run(['ca', '-gencrl', '-config', 'ca.cnf', '-out', 'issuing.crl.pem']);
  run(['crl', '-in', 'issuing.crl.pem', '-outform', 'DER', '-out', 'issuing.crl']);

  const files = {
    root: join(dir, 'root.pem'),
    issuing: join(dir, 'issuing.pem'),
    issuingKey: join(dir, 'issuing.key'),
    good: join(dir, 'good.pem'),
    revoked: join(dir, 'revoked.pem'),
    mustStaple: join(dir, 'mustStaple.pem'),
    unknown: join(dir, 'unknown.pem'),
    ldapOnly: join(dir, 'ldapOnly.pem'),
    delegate: join(dir, 'delegate.pem'),
    delegateKey: join(dir, 'delegate.key'),
    rogue: join(dir, 'rogue.pem'),
    rogueKey: join(dir, 'rogue.key'),
    index: join(dir, 'index.txt'),
    crlDer: join(dir, 'issuing.crl'),
    crlPem: join(dir, 'issuing.crl.pem'),
  };
  return {
    dir,
    createdAt,
    ocspPort: options.ocspPort,
    crlPort: options.crlPort,
    files,
    der: (name) => new Uint8Array(new X509Certificate(readFileSync(files[name])).raw),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A running `openssl ocsp` responder. */
export interface Responder {
  readonly url: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `openssl ocsp` for the PKI's index on `port` (it binds every interface; clients here use 127.0.0.1 only),
 * signed by `signer` (the issuing CA, the delegate or the rogue). Resolves once it says it is waiting for clients.
 * (Readiness is read from its output, not probed: a bare connect-and-close wedges the OpenSSL 3.0 responder.)
 */
export async function startResponder(pki: TestPki, port: number, signer: 'issuing' | 'delegate' | 'rogue'): Promise<Responder> {
  const key = signer === 'issuing' ? pki.files.issuingKey : signer === 'delegate' ? pki.files.delegateKey : pki.files.rogueKey;
  const child = spawn(
    'openssl',
    ['ocsp', '-index', pki.files.index, '-port', String(port), '-CA', pki.files.issuing, '-rsigner', pki.files[signer], '-rkey', key, '-nmin', '60', '-ignore_err'],
    { cwd: pki.dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  let output = '';
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    const onData = (chunk: Buffer): void => {
      if (output.length < 4096) output += chunk.toString('utf8');
      if (output.includes('waiting for OCSP client connections')) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!(await ready)) {
    await stop();
    throw new Error(`openssl ocsp did not start on port ${port}: ${output.trim()}`);
  }
  return { url: `http://127.0.0.1:${port}/`, stop };
}

/** Certificate evidence for a PKI file as cert-file would record it (location relative to the PKI folder). */
export function certificateEvidenceFor(pki: TestPki, name: 'root' | 'issuing' | 'good' | 'revoked' | 'mustStaple' | 'unknown' | 'ldapOnly' | 'delegate' | 'rogue'): AnyEvidence {
  const facts = toCertificateFacts(pki.der(name));
  const data: CertificateData = { ...facts, sightings: [{ collector: 'cert-file', target: '.', location: `${name}.pem#0` }] };
  return { id: `certificate:sha256:${facts.sha256}`, kind: 'certificate', collector: 'cert-file', target: '.', observedAt: pki.createdAt.toISOString(), data };
}

/** SHA-256 (hex) of a PKI certificate's DER. */
export function sha256Of(pki: TestPki, name: Parameters<TestPki['der']>[0]): string {
  return createHash('sha256').update(pki.der(name)).digest('hex');
}
