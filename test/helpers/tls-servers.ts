// Loopback servers for TLS collector and probe tests: well-behaved and hostile node:tls / node:net servers, STARTTLS
// servers for each protocol the collector speaks, and `openssl s_server` as an independent peer. 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import type { StartTlsProtocol } from '../../model/evidence.js';
import { generateDemoKeys, issueCertificate, privateKeyPem, type IssuedCertificate } from '../../src/demo/pki.js';

/** A running loopback server. */
export interface RunningServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** "127.0.0.1:port". */
  readonly target: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** A small EC PKI for tests: root → intermediate → leaf (SANs localhost, test.example, 127.0.0.1, ::1). */
export interface TestPki {
  readonly root: IssuedCertificate;
  readonly intermediate: IssuedCertificate;
  readonly leaf: IssuedCertificate;
  /** Leaf key, PKCS#8 PEM. */
  readonly leafKeyPem: string;
  /** Leaf + intermediate PEM, as a server sends them. */
  readonly servedPem: string;
  sha256(cert: IssuedCertificate): string;
}

/** Issues the test PKI; returns it. */
export async function makeTestPki(now = new Date()): Promise<TestPki> {
  const day = 86_400_000;
  const notBefore = new Date(now.getTime() - day);
  const notAfter = new Date(now.getTime() + 30 * day);
  const root = await issueCertificate({ subject: 'CN=TLS Test Root', key: { type: 'EC', curve: 'P-256' }, notBefore, notAfter, ca: true });
  const intermediate = await issueCertificate({
    subject: 'CN=TLS Test Intermediate',
    key: { type: 'EC', curve: 'P-256' },
    issuer: { subject: root.subject, keys: root.keys },
    notBefore,
    notAfter,
    ca: { pathLength: 0 },
  });
  const leaf = await issueCertificate({
    subject: 'CN=test.example',
    key: { type: 'EC', curve: 'P-256' },
    issuer: { subject: intermediate.subject, keys: intermediate.keys },
    notBefore,
    notAfter,
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
    dnsNames: ['test.example', 'localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
  });
  return {
    root,
    intermediate,
    leaf,
    leafKeyPem: await privateKeyPem(leaf.keys),
    servedPem: leaf.pem.trimEnd() + '\n' + intermediate.pem.trimEnd() + '\n',
    sha256: (cert) => createHash('sha256').update(cert.der).digest('hex'),
  };
}

/** Issues `count` distinct self-signed CA certificates (filler for over-long chains); returns their PEMs. */
export async function fillerCertificates(count: number): Promise<string[]> {
  const keys = await generateDemoKeys({ type: 'EC', curve: 'P-256' });
  const now = Date.now();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const cert = await issueCertificate({ subject: `CN=Filler ${i}`, key: keys, notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000), ca: true });
    out.push(cert.pem.trimEnd() + '\n');
  }
  return out;
}

/** Starts a net server whose connections `onConnection` handles; tracks sockets so close() never hangs. */
export async function startRawServer(onConnection: (socket: net.Socket) => void): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    target: `127.0.0.1:${port}`,
    connections: () => accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Wraps an accepted plain socket as the server side of TLS; the session is ended once the handshake completes. */
export function upgradeToTls(socket: net.Socket, options: tls.SecureContextOptions): tls.TLSSocket {
  const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: tls.createSecureContext(options) });
  secure.on('error', () => undefined);
  secure.on('secure', () => secure.end());
  return secure;
}

/** Starts a node:tls server with the given options (plus an optional OCSP staple) that ends each session after the handshake. */
export async function startTlsServer(options: tls.TlsOptions & { readonly ocspResponse?: Buffer }): Promise<RunningServer> {
  const { ocspResponse, ...tlsOptions } = options;
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = tls.createServer(tlsOptions, (socket) => {
    socket.on('error', () => undefined);
    socket.end();
  });
  server.on('connection', (socket: net.Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  if (ocspResponse) server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, done: (err: Error | null, resp: Buffer) => void) => done(null, ocspResponse));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    target: `127.0.0.1:${port}`,
    connections: () => accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Starts a TCP proxy in front of `upstream` that misbehaves on the way back: `dripMs` forwards the server's bytes one
 * per interval; `resetAfterBytes` forwards that many bytes, then resets the client connection.
 */
export function startHostileProxy(upstream: RunningServer, mode: { readonly dripMs: number } | { readonly resetAfterBytes: number }): Promise<RunningServer> {
  return startRawServer((client) => {
    const server = net.connect(upstream.port, '127.0.0.1');
    server.on('error', () => client.destroy());
    client.on('close', () => server.destroy());
    client.on('data', (chunk) => server.write(chunk));
    let forwarded = 0;
    const queue: number[] = [];
    let timer: NodeJS.Timeout | undefined;
    server.on('data', (chunk: Buffer) => {
      if ('resetAfterBytes' in mode) {
        const room = mode.resetAfterBytes - forwarded;
        client.write(chunk.subarray(0, room));
        forwarded += Math.min(room, chunk.length);
        if (forwarded >= mode.resetAfterBytes) setTimeout(() => client.resetAndDestroy(), 20);
        return;
      }
      queue.push(...chunk);
      timer ??= setInterval(() => {
        const next = queue.shift();
        if (next === undefined || client.destroyed) {
          clearInterval(timer);
          timer = undefined;
          return;
        }
        client.write(Buffer.from([next]));
      }, mode.dripMs);
    });
    client.on('close', () => clearInterval(timer));
  });
}

/** STARTTLS server behaviour: answer the upgrade, refuse it, or drip the greeting one byte per `dripMs`. */
export interface StartTlsServerOptions {
  readonly tls: tls.SecureContextOptions;
  readonly refuse?: boolean;
  readonly dripMs?: number;
}

const GREETINGS: Record<StartTlsProtocol, string> = {
  smtp: '220-test.example ESMTP loopback\r\n220 ready\r\n',
  imap: '* OK [CAPABILITY IMAP4rev1 STARTTLS] loopback ready\r\n',
  pop3: '+OK loopback ready\r\n',
  ftp: '220-loopback FTP\r\n220 ready\r\n',
  ldap: '',
  xmpp: '',
  postgres: '',
};

/** Starts a plain-text server that speaks one STARTTLS protocol, then upgrades to TLS (or refuses); returns it. */
export function startStartTlsServer(protocol: StartTlsProtocol, options: StartTlsServerOptions): Promise<RunningServer> {
  return startRawServer((socket) => {
    let buffer = Buffer.alloc(0);
    const send = (text: string | Buffer): void => {
      if (!options.dripMs) {
        socket.write(text);
        return;
      }
      const bytes = [...Buffer.from(text)];
      const timer = setInterval(() => {
        const next = bytes.shift();
        if (next === undefined || socket.destroyed) clearInterval(timer);
        else socket.write(Buffer.from([next]));
      }, options.dripMs);
    };
    const upgrade = (): void => {
      socket.off('data', onData);
      upgradeToTls(socket, options.tls);
    };
    const answer = (ok: string | Buffer, no: string | Buffer): void => {
      if (options.refuse) {
        send(no);
        return;
      }
      send(ok);
      upgrade();
    };
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      if (protocol === 'ldap') {
        if (buffer.length < 2 || buffer.length < 2 + buffer[1]!) return;
        buffer = Buffer.alloc(0);
        answer(Buffer.from('300c02010178070a010004000400', 'hex'), Buffer.from('300c02010178070a010204000400', 'hex'));
        return;
      }
      if (protocol === 'postgres') {
        if (buffer.length < 8) return;
        buffer = Buffer.alloc(0);
        answer('S', 'N');
        return;
      }
      if (protocol === 'xmpp') {
        const text = buffer.toString('latin1');
        if (text.includes('<starttls')) {
          buffer = Buffer.alloc(0);
          answer(`<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`, `<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>`);
        } else if (text.includes('<stream:stream')) {
          buffer = Buffer.alloc(0);
          send(
            `<?xml version='1.0'?><stream:stream from='test.example' id='t1' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>` +
              `<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`,
          );
        }
        return;
      }
      for (let end = buffer.indexOf(0x0a); end >= 0; end = buffer.indexOf(0x0a)) {
        const line = buffer.subarray(0, end).toString('latin1').trim().toUpperCase();
        buffer = buffer.subarray(end + 1);
        if (protocol === 'smtp' && line.startsWith('EHLO')) send('250-test.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n');
        else if (protocol === 'smtp' && line === 'STARTTLS') answer('220 2.0.0 Ready to start TLS\r\n', '454 4.7.0 TLS not available due to temporary reason\r\n');
        else if (protocol === 'imap' && line === 'A1 STARTTLS') answer('* NOTE untagged first\r\na1 OK Begin TLS negotiation now\r\n', 'a1 NO STARTTLS disabled\r\n');
        else if (protocol === 'pop3' && line === 'STLS') answer('+OK Begin TLS\r\n', '-ERR not available\r\n');
        else if (protocol === 'ftp' && line === 'AUTH TLS') answer('234 AUTH TLS OK\r\n', '530 Please login with USER and PASS\r\n');
        else send(protocol === 'imap' ? '* BAD unknown\r\n' : protocol === 'pop3' ? '-ERR unknown\r\n' : '500 unknown\r\n');
      }
    };
    socket.on('data', onData);
    if (GREETINGS[protocol]) send(GREETINGS[protocol]);
  });
}

/** Whether an `openssl` binary is on the PATH. */
export function hasOpenSsl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

/** A free loopback port (bound, then released). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** What `openssl s_server` serves: PEM certificate, key and optional chain, extra arguments and extra files in its folder. */
export interface OpenSslServerOptions {
  readonly certPem: string;
  readonly keyPem: string;
  readonly chainPem?: string;
  readonly args?: readonly string[];
  readonly files?: Readonly<Record<string, Uint8Array | string>>;
}

/** Starts `openssl s_server` on a free loopback port (files in a temp dir); resolves once it accepts connections. Throws when it exits early. */
export async function startOpenSslServer(options: OpenSslServerOptions): Promise<RunningServer> {
  const dir = await mkdtemp(join(tmpdir(), 'pkimm-ossl-'));
  await writeFile(join(dir, 'cert.pem'), options.certPem);
  await writeFile(join(dir, 'key.pem'), options.keyPem, { mode: 0o600 });
  if (options.chainPem) await writeFile(join(dir, 'chain.pem'), options.chainPem);
  for (const [name, content] of Object.entries(options.files ?? {})) await writeFile(join(dir, name), content);
  const port = await freePort();
  const child = spawn(
    'openssl',
    ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', 'cert.pem', '-key', 'key.pem', ...(options.chainPem ? ['-cert_chain', 'chain.pem'] : []), '-quiet', ...(options.args ?? [])],
    { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(dir, { recursive: true, force: true });
  };
  // -quiet suppresses "ACCEPT", so poll the port until it answers.
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) {
      await close();
      throw new Error(`openssl s_server exited: ${output.trim()}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return { host: '127.0.0.1', port, target: `127.0.0.1:${port}`, connections: () => 0, close };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await close();
  throw new Error('openssl s_server did not start');
}
