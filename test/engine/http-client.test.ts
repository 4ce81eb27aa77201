import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/engine/define-collector.js';
import { createHttpClient } from '../../src/engine/http-client.js';
import type { Resolver } from '../../src/engine/net-guard.js';

let server: Server;
let base: string;
let port: number;
const hits: Record<string, number> = {};
const hangs: ServerResponse[] = [];

function route(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const url = new URL(req.url ?? '/', 'http://x');
  hits[url.pathname] = (hits[url.pathname] ?? 0) + 1;
  const redirect = (status: number, location: string): void => {
    res.writeHead(status, { Location: location });
    res.end('moved');
  };
  switch (url.pathname) {
    case '/ok':
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'X-Host': req.headers.host ?? '' });
      res.end(Buffer.from([1, 2, 3]));
      return;
    case '/echo':
      res.writeHead(200, { 'X-Method': req.method ?? '', 'X-Type': req.headers['content-type'] ?? '' });
      res.end(body);
      return;
    case '/etag': {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { ETag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, { ETag: '"v1"', 'Last-Modified': 'Sun, 22 Nov 2026 00:00:00 GMT' });
      res.end('crl-bytes-v1');
      return;
    }
    case '/gzip':
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(4096, 0x41)));
      return;
    case '/gzip-bomb':
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(5_000_000)));
      return;
    case '/declared-big':
      res.writeHead(200, { 'Content-Length': '999999999' });
      res.end();
      return;
    case '/chunked-big':
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000));
      res.end();
      return;
    case '/status/503':
      res.writeHead(503);
      res.end('busy');
      return;
    case '/hang':
      hangs.push(res);
      return;
    case '/redirect/metadata':
      redirect(302, 'http://169.254.169.254/latest/meta-data/');
      return;
    case '/redirect/other-loopback':
      redirect(302, `http://127.0.0.2:${port}/ok`);
      return;
    case '/redirect/ldap':
      redirect(302, 'ldap://ldap.example.com/cn=CA');
      return;
    case '/loop/a':
      redirect(302, '/loop/b');
      return;
    case '/loop/b':
      redirect(301, '/loop/a');
      return;
    case '/redirect/endless-body':
      res.writeHead(302, { Location: '/ok' });
      res.write(Buffer.alloc(1000));
      hangs.push(res);
      return;
    case '/see-other':
      redirect(303, '/echo');
      return;
    case '/temporary':
      redirect(307, '/echo');
      return;
    default: {
      const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
      if (chain) {
        const n = Number(chain[1]);
        if (n === 0) {
          res.writeHead(200);
          res.end('end of chain');
        } else redirect(302, `/chain/${n - 1}`);
        return;
      }
      res.writeHead(404);
      res.end();
    }
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => route(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const res of hangs) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const allowed = createHttpClient({ userAgent: 'pkimm-scan-test', network: { allow: ['127.0.0.1'] } });

async function caught(promise: Promise<unknown>): Promise<CollectError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CollectError);
    return error as CollectError;
  }
  throw new Error('expected a CollectError');
}

describe('SSRF guard', () => {
  it('refuses 127.0.0.1 without an allow entry, before connecting', async () => {
    const before = hits['/ok'] ?? 0;
    const client = createHttpClient({ userAgent: 't' });
    const error = await caught(client.getBytes(`${base}/ok`, { timeoutMs: 2000, maxBytes: 100 }));
    expect(error.code).toBe('permission');
    expect(error.message).toContain('loopback');
    expect(hits['/ok'] ?? 0).toBe(before);
  });

  it('fetches from an allowed loopback server', async () => {
    expect([...(await allowed.getBytes(`${base}/ok`, { timeoutMs: 2000, maxBytes: 100 }))]).toEqual([1, 2, 3]);
  });

  it('refuses a redirect from an allowed server to a disallowed address', async () => {
    expect((await caught(allowed.getBytes(`${base}/redirect/metadata`, { timeoutMs: 2000, maxBytes: 100 }))).message).toMatch(/169\.254\.169\.254.*link-local/);
    const before = hits['/ok'] ?? 0;
    const error = await caught(allowed.getBytes(`${base}/redirect/other-loopback`, { timeoutMs: 2000, maxBytes: 100 }));
    expect(error.code).toBe('permission');
    expect(hits['/ok'] ?? 0).toBe(before);
    expect((await caught(allowed.getBytes(`${base}/redirect/ldap`, { timeoutMs: 2000, maxBytes: 100 }))).message).toContain('scheme ldap:');
  });

  it('refuses a host name that resolves to a private address, and connects to the checked address otherwise', async () => {
    const resolver: Resolver = async (host) => (host === 'crl.test' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.20.30.40', family: 4 }]);
    const client = createHttpClient({ userAgent: 't', resolver, network: { allow: ['127.0.0.1'] } });
    const error = await caught(client.getBytes(`http://internal.test:${port}/ok`, { timeoutMs: 2000, maxBytes: 100 }));
    expect(error.code).toBe('permission');
    expect(error.message).toContain('internal.test (10.20.30.40)');
    const response = await client.request(`http://crl.test:${port}/ok`, { maxBytes: 100 });
    expect(response.status).toBe(200);
    expect(response.headers['x-host']).toBe(`crl.test:${port}`);
    const strict = createHttpClient({ userAgent: 't', resolver });
    expect((await caught(strict.getBytes(`http://crl.test:${port}/ok`, { timeoutMs: 2000, maxBytes: 100 }))).message).toContain('crl.test (127.0.0.1)');
  });
});

describe('redirects', () => {
  it('follows up to the cap and refuses beyond it', async () => {
    const response = await allowed.request(`${base}/chain/3`, { maxBytes: 100 });
    expect(new TextDecoder().decode(response.body)).toBe('end of chain');
    expect(response.redirects).toHaveLength(3);
    expect(response.url).toBe(`${base}/chain/0`);
    expect((await caught(allowed.request(`${base}/chain/4`, { maxBytes: 100 }))).message).toContain('more than 3 redirects');
    expect((await caught(allowed.request(`${base}/chain/2`, { maxBytes: 100, maxRedirects: 1 }))).message).toContain('more than 1 redirects');
    const none = createHttpClient({ userAgent: 't', network: { allow: ['127.0.0.1'], maxRedirects: 0 } });
    expect((await caught(none.request(`${base}/chain/1`, { maxBytes: 100, maxRedirects: 5 }))).code).toBe('http-status');
  });

  it('does not wait for the body of a redirect', async () => {
    const response = await allowed.request(`${base}/redirect/endless-body`, { maxBytes: 100, timeoutMs: 2000 });
    expect(response.status).toBe(200);
    expect(response.redirects).toEqual([`${base}/ok`]);
  });

  it('detects a redirect loop', async () => {
    const error = await caught(allowed.request(`${base}/loop/a`, { maxBytes: 100 }));
    expect(error.code).toBe('http-status');
    expect(error.message).toContain('redirect loop');
  });

  it('turns POST into GET on 303 and keeps it on 307', async () => {
    const body = new Uint8Array([9, 8, 7]);
    const headers = { 'Content-Type': 'application/ocsp-request' };
    const seeOther = await allowed.request(`${base}/see-other`, { method: 'POST', body, headers, maxBytes: 100 });
    expect(seeOther.headers['x-method']).toBe('GET');
    expect(seeOther.body).toHaveLength(0);
    const temporary = await allowed.request(`${base}/temporary`, { method: 'POST', body, headers, maxBytes: 100 });
    expect(temporary.headers['x-method']).toBe('POST');
    expect(temporary.headers['x-type']).toBe('application/ocsp-request');
    expect([...temporary.body]).toEqual([9, 8, 7]);
  });
});

describe('limits and errors', () => {
  it('caps bodies by Content-Length, while streaming and after decompression', async () => {
    expect((await caught(allowed.getBytes(`${base}/declared-big`, { timeoutMs: 2000, maxBytes: 1000 }))).code).toBe('too-large');
    expect((await caught(allowed.getBytes(`${base}/chunked-big`, { timeoutMs: 2000, maxBytes: 5000 }))).code).toBe('too-large');
    expect(await allowed.getBytes(`${base}/chunked-big`, { timeoutMs: 2000, maxBytes: 10_000 })).toHaveLength(10_000);
    expect((await caught(allowed.getBytes(`${base}/gzip-bomb`, { timeoutMs: 5000, maxBytes: 1_000_000 }))).code).toBe('too-large');
    expect(await allowed.getBytes(`${base}/gzip`, { timeoutMs: 2000, maxBytes: 5000 })).toEqual(new Uint8Array(4096).fill(0x41));
  });

  it('times out on a server that never answers', async () => {
    const error = await caught(allowed.getBytes(`${base}/hang`, { timeoutMs: 300, maxBytes: 100 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('300 ms');
  });

  it('reports statuses: getBytes throws, request returns them', async () => {
    expect((await caught(allowed.getBytes(`${base}/status/503`, { timeoutMs: 2000, maxBytes: 100 }))).message).toContain('HTTP 503');
    expect((await allowed.request(`${base}/status/503`, { maxBytes: 100 })).status).toBe(503);
  });

  it('maps a refused connection to code connect', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    expect((await caught(allowed.getBytes(`http://127.0.0.1:${closedPort}/`, { timeoutMs: 2000, maxBytes: 100 }))).code).toBe('connect');
  });

  it('measures latency', async () => {
    const response = await allowed.request(`${base}/ok`, { maxBytes: 100 });
    expect(response.latencyMs).toBeGreaterThan(0);
  });
});

describe('conditional GET cache', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'http-cache-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores validators, revalidates with If-None-Match and serves the cached body on 304', async () => {
    const cache = { dir, maxEntries: 10, maxTotalBytes: 1_000_000 };
    const first = await allowed.getConditional(`${base}/etag`, { maxBytes: 1000, cache });
    expect(first).toMatchObject({ status: 200, fromCache: false, etag: '"v1"', lastModified: 'Sun, 22 Nov 2026 00:00:00 GMT' });
    const second = await allowed.getConditional(`${base}/etag`, { maxBytes: 1000, cache });
    expect(second.status).toBe(304);
    expect(second.fromCache).toBe(true);
    expect(new TextDecoder().decode(second.body)).toBe('crl-bytes-v1');
    expect(readdirSync(dir).sort()).toHaveLength(2);
  });

  it('treats a corrupted cache entry as a miss and keeps the cache bounded', async () => {
    const small = mkdtempSync(join(tmpdir(), 'http-cache-small-'));
    try {
      const cache = { dir: small, maxEntries: 1, maxTotalBytes: 1_000_000 };
      await allowed.getConditional(`${base}/etag`, { maxBytes: 1000, cache });
      const bodyFile = readdirSync(small).find((n) => n.endsWith('.body'))!;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(small, bodyFile), 'tampered-bytes');
      const again = await allowed.getConditional(`${base}/etag`, { maxBytes: 1000, cache });
      expect(again.fromCache).toBe(false);
      expect(new TextDecoder().decode(again.body)).toBe('crl-bytes-v1');
      await allowed.getConditional(`${base}/etag?other`, { maxBytes: 1000, cache });
      expect(readdirSync(small)).toHaveLength(2);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  });
});

describe('public hosts (nock)', () => {
  // nock answers before any lookup; should it ever not intercept, this resolver keeps the request off the network.
  const publicResolver: Resolver = async (host) => Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('sends the User-Agent and a POST body', async () => {
    nock.disableNetConnect();
    let seen: { headers: Record<string, unknown>; body: unknown } | undefined;
    const scope = nock('http://ocsp.example.com')
      .post('/')
      .reply(function (_uri, body) {
        seen = { headers: this.req.headers, body };
        return [200, Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x01]), { 'Content-Type': 'application/ocsp-response' }];
      });
    const client = createHttpClient({ userAgent: 'pkimm-scan-test', resolver: publicResolver });
    const response = await client.request('http://ocsp.example.com/', {
      method: 'POST',
      body: new Uint8Array([0x30, 0x00]),
      headers: { 'Content-Type': 'application/ocsp-request' },
      maxBytes: 100,
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/ocsp-response');
    expect([...response.body]).toEqual([0x30, 0x03, 0x0a, 0x01, 0x01]);
    expect(seen?.headers).toMatchObject({ 'user-agent': 'pkimm-scan-test', 'content-type': 'application/ocsp-request', 'content-length': '2' });
    scope.done();
  });
});
