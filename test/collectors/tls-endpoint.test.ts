import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsEndpointConfig, parseHostPort } from '../../collectors/tls-endpoint/config.js';
import tlsEndpoint from '../../collectors/tls-endpoint/index.js';
import { buildDemoPki, type DemoPki } from '../../src/demo/pki.js';
import { startDemoTlsServers, type DemoTlsServers } from '../../src/demo/tls-servers.js';
import { createTlsProbe } from '../../src/engine/tls-probe.js';
import { fakeCollectorContext } from '../helpers/collector-context.js';

let dir: string;
let pki: DemoPki;
let servers: DemoTlsServers;
let silent: Server;
const silentSockets: Socket[] = [];
let rootCaFile: string;

const endpoint = (name: string): string => {
  const e = servers.endpoints.find((x) => x.name === name)!;
  return `${e.host}:${e.port}`;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-tls-'));
  pki = await buildDemoPki(dir, { now: new Date() });
  servers = await startDemoTlsServers(pki, ['good', 'good+no-intermediate', 'expired']);
  rootCaFile = relative(dir, pki.root.certPath);
  // Accepts TCP and never answers.
  silent = createServer((socket) => {
    silentSockets.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const s of silentSockets) s.destroy();
  await Promise.all([servers.close(), new Promise<void>((resolve) => silent.close(() => resolve()))]);
  await rm(dir, { recursive: true, force: true });
});

async function run(config: unknown) {
  const ctx = fakeCollectorContext({ baseDir: dir });
  await tlsEndpoint.collect(TlsEndpointConfig.parse(config), ctx);
  return ctx;
}

describe('tls-endpoint collector', () => {
  it('captures the chain in order, trusted via caFiles, hostname matched through SNI', async () => {
    const target = `${endpoint('good')}#good.demo.test`; // a configured SNI becomes part of the target label
    const ctx = await run({ targets: [endpoint('good')], serverName: 'good.demo.test', caFiles: [rootCaFile] });
    expect(ctx.problems).toEqual([]);
    const [data] = ctx.ofKind('tls-endpoint');
    expect(data).toMatchObject({ host: '127.0.0.1', serverName: 'good.demo.test', chainTrusted: true, hostnameMatches: true });
    expect(data!.chain).toEqual([pki.leaves.good.sha256, pki.intermediate.sha256]);
    expect(data!.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(data!.cipher).toBeTruthy();
    expect(data!.trustError).toBeUndefined();
    const certs = ctx.ofKind('certificate');
    expect(certs.map((c) => [c.sha256, c.sightings[0]!.location])).toEqual([
      [pki.leaves.good.sha256, 'chain[0]'],
      [pki.intermediate.sha256, 'chain[1]'],
    ]);
    expect(certs[0]!.sightings[0]).toMatchObject({ collector: 'tls-endpoint', target });
  });

  it('is untrusted without the demo root, with an error code', async () => {
    const ctx = await run({ targets: [endpoint('good')] });
    const [data] = ctx.ofKind('tls-endpoint');
    expect(data!.chainTrusted).toBe(false);
    expect(data!.trustError).toMatch(/^[A-Z_]+$/);
    expect(data!.serverName).toBeUndefined(); // IP literal: no SNI unless configured
    expect(data!.hostnameMatches).toBe(true); // 127.0.0.1 is in the SAN
  });

  it('records a hostname mismatch and an incomplete chain', async () => {
    const ctx = await run({
      targets: [{ ...parseHostPort(endpoint('good+no-intermediate'))!, serverName: 'other.demo.test' }],
      caFiles: [rootCaFile],
    });
    const [data] = ctx.ofKind('tls-endpoint');
    expect(data).toMatchObject({ hostnameMatches: false, chainTrusted: false, serverName: 'other.demo.test' });
    expect(data!.chain).toEqual([pki.leaves['good'].sha256]);
    expect(data!.trustError).toMatch(/^UNABLE_TO_/);
  });

  it('records an expired leaf as untrusted', async () => {
    const ctx = await run({ targets: [endpoint('expired')], caFiles: [rootCaFile] });
    expect(ctx.ofKind('tls-endpoint')[0]).toMatchObject({ chainTrusted: false, trustError: 'CERT_HAS_EXPIRED' });
  });

  it('reports a server that never answers as a timeout within timeoutMs', async () => {
    const port = (silent.address() as AddressInfo).port;
    const started = Date.now();
    const ctx = await run({ targets: [`127.0.0.1:${port}`], timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ctx.problems).toEqual([{ target: `127.0.0.1:${port}`, code: 'timeout', message: expect.stringMatching(/TLS handshake within 300 ms/) }]);
    expect(ctx.emitted).toEqual([]);
  });

  it('reports a closed port as a connect problem', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const ctx = await run({ targets: [`127.0.0.1:${port}`], timeoutMs: 2000 });
    expect(ctx.problems).toEqual([{ target: `127.0.0.1:${port}`, code: 'connect', message: expect.stringMatching(/ECONNREFUSED/) }]);
  });

  it('reports a missing CA file and still probes', async () => {
    const ctx = await run({ targets: [endpoint('good')], caFiles: ['missing.pem'] });
    expect(ctx.problems).toEqual([{ target: 'caFiles:missing.pem', code: 'not-found', message: 'CA file missing.pem: no such file or directory' }]);
    expect(ctx.ofKind('tls-endpoint')).toHaveLength(1);
  });

  it('parses host:port targets including IPv6', () => {
    expect(parseHostPort('[::1]:443')).toEqual({ host: '::1', port: 443 });
    expect(parseHostPort('example.org:8443')).toEqual({ host: 'example.org', port: 8443 });
    expect(parseHostPort('example.org')).toBeUndefined();
    expect(parseHostPort('a:70000')).toBeUndefined();
    expect(TlsEndpointConfig.safeParse({ targets: [] }).success).toBe(false);
    expect(tlsEndpoint.countTargets(TlsEndpointConfig.parse({ targets: ['a:1', { host: 'b', port: 2 }] }))).toBe(2);
  });
});

describe('createTlsProbe chain order', () => {
  it('returns the certificates in the order the server sent them, without trust-store additions', async () => {
    const pems = await Promise.all([pki.leaves.good, pki.root, pki.intermediate].map((c) => readFile(c.certPath, 'utf8')));
    const key = await readFile(pki.leaves.good.keyPath, 'utf8');
    // Sent order: leaf, root, intermediate (wrong order on purpose).
    const server = tls.createServer({ cert: pems.join(''), key }, (s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const probe = createTlsProbe();
      const sha = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');
      const withRoot = await probe.probe({ host: '127.0.0.1', port, timeoutMs: 3000, ca: [pems[1]!] });
      expect(withRoot.chain.map(sha)).toEqual([pki.leaves.good.sha256, pki.root.sha256, pki.intermediate.sha256]);
      expect(withRoot.authorized).toBe(true);
      const served = await startDemoTlsServers(pki, ['good']);
      try {
        const e = served.endpoints[0]!;
        const trusted = await probe.probe({ host: e.host, port: e.port, timeoutMs: 3000, ca: [pems[1]!] });
        // The root validated the chain but was not sent, so it is not reported.
        expect(trusted.chain.map(sha)).toEqual([pki.leaves.good.sha256, pki.intermediate.sha256]);
      } finally {
        await served.close();
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
