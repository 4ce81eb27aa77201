import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTlsProbe } from '../../src/engine/tls-probe.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { fillerCertificates, makeTestPki, startRawServer, startTlsServer, upgradeToTls, type RunningServer, type TestPki } from '../helpers/tls-servers.js';

let pki: TestPki;
const servers: RunningServer[] = [];
const probe = createTlsProbe();
const sha = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

beforeAll(async () => {
  pki = await makeTestPki();
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serve(start: Promise<RunningServer>): Promise<RunningServer> {
  const server = await start;
  servers.push(server);
  return server;
}

async function failure(promise: Promise<unknown>): Promise<CollectError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CollectError);
  return error as CollectError;
}

describe('createTlsProbe', () => {
  it('records cipher names, key exchange group, ALPN and a stapled OCSP response', async () => {
    const ocsp = Buffer.from('30030a0101', 'hex');
    const server = await serve(startTlsServer({ cert: pki.servedPem, key: pki.leafKeyPem, ALPNProtocols: ['h2', 'http/1.1'], ocspResponse: ocsp }));
    const result = await probe.probe({ host: '127.0.0.1', port: server.port, timeoutMs: 3000, requestOcsp: true, alpn: ['h2', 'http/1.1'], maxVersion: 'TLSv1.2' });
    expect(result).toMatchObject({
      protocol: 'TLSv1.2',
      cipher: expect.stringMatching(/^ECDHE-ECDSA-AES(128|256)-GCM-SHA(256|384)$/),
      cipherStandardName: expect.stringMatching(/^TLS_ECDHE_ECDSA_WITH_AES_(128|256)_GCM_SHA(256|384)$/),
      ephemeralKey: { type: 'ECDH', name: 'X25519', size: 253 },
      alpn: 'h2',
      attempts: 1,
      hostnameMatches: true,
    });
    expect(Buffer.from(result.ocspResponse!)).toEqual(ocsp);
    const plain = await probe.probe({ host: '127.0.0.1', port: server.port, timeoutMs: 3000 });
    expect(plain.ocspResponse).toBeUndefined();
    expect(plain.alpn).toBeUndefined();
  });

  it('retries a connection reset before the server said anything, and only that', async () => {
    let connections = 0;
    const flaky = await serve(
      startRawServer((socket) => {
        connections++;
        if (connections === 1) socket.resetAndDestroy();
        else upgradeToTls(socket, { cert: pki.servedPem, key: pki.leafKeyPem });
      }),
    );
    const result = await probe.probe({ host: '127.0.0.1', port: flaky.port, timeoutMs: 3000, retries: 2, retryBackoffMs: 10 });
    expect(result.attempts).toBe(2);
    expect(result.chain.map(sha)).toEqual([pki.sha256(pki.leaf), pki.sha256(pki.intermediate)]);

    connections = 0;
    const noRetry = await failure(probe.probe({ host: '127.0.0.1', port: flaky.port, timeoutMs: 3000, retries: 0 }));
    // The reset lands during connect or right after it, depending on scheduling; either way it is reported, not retried.
    expect(noRetry.message).toMatch(new RegExp(`^${flaky.target}: (connection|TLS handshake) failed \\(ECONNRESET\\)$`));
    expect(connections).toBe(1);
  });

  it.each([
    ['non-TLS bytes', (socket: import('node:net').Socket) => socket.end('220 smtp.example ESMTP\r\n'), 'tls-handshake'],
    ['a TLS alert (handshake failure)', (socket: import('node:net').Socket) => socket.end(Buffer.from('15030100020228', 'hex')), 'tls-handshake'],
  ])('never retries %s', async (_name, behave, code) => {
    const server = await serve(startRawServer(behave));
    const error = await failure(probe.probe({ host: '127.0.0.1', port: server.port, timeoutMs: 3000, retries: 3, retryBackoffMs: 10 }));
    expect(error.code).toBe(code);
    expect(server.connections()).toBe(1);
  });

  it('names the phase and the limit that ran out: the phase limit, or the total', async () => {
    const silent = await serve(startRawServer(() => undefined));
    const phase = await failure(probe.probe({ host: '127.0.0.1', port: silent.port, timeoutMs: 2000, handshakeTimeoutMs: 150 }));
    expect(phase).toMatchObject({ code: 'timeout', message: `${silent.target}: no TLS handshake within 150 ms` });
    const total = await failure(probe.probe({ host: '127.0.0.1', port: silent.port, timeoutMs: 150, handshakeTimeoutMs: 2000 }));
    expect(total).toMatchObject({ code: 'timeout', message: `${silent.target}: no TLS handshake within 150 ms (total limit)` });
  });

  it('cuts the chain at maxChainLength and maxChainBytes, keeping the leaf', async () => {
    const fillers = await fillerCertificates(3);
    const server = await serve(startTlsServer({ cert: pki.servedPem + fillers.join(''), key: pki.leafKeyPem }));
    const full = await probe.probe({ host: '127.0.0.1', port: server.port, timeoutMs: 3000 });
    expect(full.chain).toHaveLength(5);
    expect(full.chainTruncated).toBeUndefined();
    const byLength = await probe.probe({ host: '127.0.0.1', port: server.port, timeoutMs: 3000, maxChainLength: 2 });
    expect(byLength.chain.map(sha)).toEqual([pki.sha256(pki.leaf), pki.sha256(pki.intermediate)]);
    expect(byLength.chainTruncated).toBe(true);
    const byBytes = await probe.probe({ host: '127.0.0.1', port: server.port, timeoutMs: 3000, maxChainBytes: 1 });
    expect(byBytes.chain.map(sha)).toEqual([pki.sha256(pki.leaf)]);
    expect(byBytes.chainTruncated).toBe(true);
  });

  it('says when the local TLS library cannot offer what was asked, keeping the OpenSSL code', async () => {
    const error = await failure(probe.probe({ host: '127.0.0.1', port: 1, timeoutMs: 1000, ciphers: 'RC4' }));
    expect(error.code).toBe('other');
    expect(error.message).toMatch(/^127\.0\.0\.1:1: this scanner's TLS library cannot offer RC4 /);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ERR_SSL_NO_CIPHER_MATCH');
  });
});
