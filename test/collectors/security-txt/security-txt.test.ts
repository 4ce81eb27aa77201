import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SecurityTxtData } from '../../../model/evidence.js';
import { SecurityTxtConfig } from '../../../collectors/security-txt/config.js';
import collector from '../../../collectors/security-txt/index.js';
import { parseSecurityTxt } from '../../../collectors/security-txt/parse.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { makeTestPki, type TestPki } from '../../helpers/tls-servers.js';

type Route = { status: number; body?: string; type?: string; location?: string };
type Site = Readonly<Record<string, Route>>;

const VALID = ['# Our policy', 'Contact: mailto:security@example.test', 'Contact: https://example.test/report', 'Expires: 2027-06-01T00:00:00Z', 'Preferred-Languages: en, nl', 'Canonical: https://example.test/.well-known/security.txt', 'Policy: https://example.test/disclosure', 'X-Team: red', 'this line is not a field', ''].join('\r\n');
const SIGNED = [
  '-----BEGIN PGP SIGNED MESSAGE-----',
  'Hash: SHA512',
  '',
  'Contact: mailto:security@example.test',
  'Expires: 2027-06-01T00:00:00Z',
  '- -----not a header, dash-escaped',
  'Encryption: https://example.test/pgp-key.txt',
  '-----BEGIN PGP SIGNATURE-----',
  '',
  'iHUEARYKAB0WIQT=',
  '-----END PGP SIGNATURE-----',
  '',
].join('\n');

const sites: Readonly<Record<string, Site>> = {
  valid: { '/.well-known/security.txt': { status: 200, body: VALID, type: 'text/plain; charset=utf-8' } },
  signed: { '/.well-known/security.txt': { status: 200, body: SIGNED, type: 'text/plain' } },
  expired: { '/.well-known/security.txt': { status: 200, body: 'Contact: mailto:a@example.test\nExpires: 2025-01-01T00:00:00Z\n', type: 'text/plain' } },
  noContact: { '/.well-known/security.txt': { status: 200, body: 'Expires: 2027-01-01T00:00:00Z\n', type: 'text/plain' } },
  oversized: { '/.well-known/security.txt': { status: 200, body: `Contact: mailto:a@example.test\n${'# padding\n'.repeat(4000)}`, type: 'text/plain' } },
  html: { '/.well-known/security.txt': { status: 200, body: '<!DOCTYPE html><html><body>Welcome</body></html>', type: 'text/html' } },
  missing: {},
  legacy: { '/security.txt': { status: 200, body: 'Contact: tel:+1-201-555-0123\n', type: 'text/plain' } },
  error: { '/.well-known/security.txt': { status: 503, body: 'busy' } },
  forbidden: { '/.well-known/security.txt': { status: 403 }, '/security.txt': { status: 200, body: 'Contact: mailto:a@example.test\n', type: 'text/plain' } },
  binary: { '/.well-known/security.txt': { status: 200, body: '\u0000\u0001PK\u0003\u0004', type: 'application/octet-stream' } },
  // Redirects to the plain-HTTP server started below ("PLAIN" is replaced by its port).
  downgrade: { '/.well-known/security.txt': { status: 301, location: 'http://127.0.0.1:PLAIN/.well-known/security.txt' } },
};

describe('security-txt collector', () => {
  let pki: TestPki;
  const servers = new Map<string, https.Server>();
  const ports = new Map<string, number>();
  let plain: Server;
  const rootPem = (): string => pki.root.pem;

  beforeAll(async () => {
    pki = await makeTestPki();
    plain = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('Contact: mailto:a@example.test\n');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const plainPort = String((plain.address() as AddressInfo).port);
    for (const [name, site] of Object.entries(sites)) {
      const server = https.createServer({ key: pki.leafKeyPem, cert: pki.servedPem }, (req: IncomingMessage, res: ServerResponse) => {
        const route = site[req.url ?? ''] ?? { status: 404, body: 'not found' };
        res.writeHead(route.status, {
          ...(route.type === undefined ? {} : { 'Content-Type': route.type }),
          ...(route.location === undefined ? {} : { Location: route.location.replace('PLAIN', plainPort) }),
        });
        res.end(route.body ?? '');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.set(name, server);
      ports.set(name, (server.address() as AddressInfo).port);
    }
  });
  afterAll(async () => {
    await Promise.all([...servers.values(), plain].map((s) => new Promise((resolve) => s.close(resolve))));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Trusts the test root for this test's HTTPS requests, as a system trust store would trust a public root. */
  const trustTestRoot = (): void => {
    const original = https.request.bind(https);
    vi.spyOn(https, 'request').mockImplementation(((url: URL, options: https.RequestOptions, callback?: (res: IncomingMessage) => void) =>
      original(url, { ...options, ca: rootPem() }, callback)) as typeof https.request);
  };

  const run = async (names: readonly string[], network = { allow: ['127.0.0.1', '::1'] }, config: Record<string, unknown> = {}) => {
    const ctx = fakeCollectorContext({ network });
    await collector.collect(SecurityTxtConfig.parse({ domains: names.map((n) => `localhost:${ports.get(n)!}`), ...config }), ctx);
    const byName = new Map<string, SecurityTxtData>();
    for (const data of ctx.ofKind('security-txt')) byName.set([...ports].find(([, port]) => data.domain === `localhost:${port}`)![0], data);
    return { ctx, byName };
  };

  it('records the fields of a valid file served over verified HTTPS', async () => {
    trustTestRoot();
    const { byName, ctx } = await run(['valid']);
    expect(ctx.problems).toEqual([]);
    const data = byName.get('valid')!;
    expect(data).toMatchObject({ outcome: 'found', status: 200, httpsVerified: true, signed: false, contentType: 'text/plain; charset=utf-8', invalidLines: [9], otherFields: ['x-team'] });
    expect(data.url).toBe(`https://localhost:${ports.get('valid')!}/.well-known/security.txt`);
    expect(data.fields).toMatchObject({
      contact: ['mailto:security@example.test', 'https://example.test/report'],
      expires: ['2027-06-01T00:00:00Z'],
      preferredLanguages: ['en', 'nl'],
      canonical: ['https://example.test/.well-known/security.txt'],
      policy: ['https://example.test/disclosure'],
      encryption: [],
    });
  });

  it('reads an OpenPGP cleartext-signed file and records that it is signed', async () => {
    trustTestRoot();
    const data = (await run(['signed'])).byName.get('signed')!;
    expect(data.signed).toBe(true);
    expect(data.fields?.contact).toEqual(['mailto:security@example.test']);
    expect(data.fields?.encryption).toEqual(['https://example.test/pgp-key.txt']);
    expect(data.invalidLines).toEqual([3]);
  });

  it('records expired and contact-less files as they are (the checks judge them)', async () => {
    trustTestRoot();
    const { byName } = await run(['expired', 'noContact']);
    expect(byName.get('expired')?.fields?.expires).toEqual(['2025-01-01T00:00:00Z']);
    expect(byName.get('noContact')).toMatchObject({ outcome: 'found', fields: { contact: [] } });
  });

  it('falls back to /security.txt only after a 404, and records not-found, HTML and HTTP errors', async () => {
    trustTestRoot();
    const { byName, ctx } = await run(['legacy', 'missing', 'html', 'error', 'forbidden', 'binary']);
    expect(ctx.problems).toEqual([]);
    expect(byName.get('legacy')).toMatchObject({ outcome: 'found', url: `https://localhost:${ports.get('legacy')!}/security.txt`, fields: { contact: ['tel:+1-201-555-0123'] } });
    expect(byName.get('missing')).toMatchObject({ outcome: 'not-found', status: 404, url: `https://localhost:${ports.get('missing')!}/.well-known/security.txt` });
    expect(byName.get('html')).toMatchObject({ outcome: 'not-text', contentType: 'text/html' });
    expect(byName.get('html')?.fields).toBeUndefined();
    expect(byName.get('error')).toMatchObject({ outcome: 'http-error', status: 503 });
    expect(byName.get('forbidden')).toMatchObject({ outcome: 'http-error', status: 403, url: `https://localhost:${ports.get('forbidden')!}/.well-known/security.txt` });
    expect(byName.get('binary')).toMatchObject({ outcome: 'not-text', contentType: 'application/octet-stream' });
  });

  it('records a redirect away from HTTPS as not verified', async () => {
    trustTestRoot();
    const data = (await run(['downgrade'])).byName.get('downgrade')!;
    expect(data).toMatchObject({ outcome: 'found', httpsVerified: false, redirects: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/\.well-known\/security\.txt$/)] });
  });

  it('refuses a file larger than the cap as a problem', async () => {
    trustTestRoot();
    const { byName, ctx } = await run(['oversized']);
    expect(byName.size).toBe(0);
    expect(ctx.problems).toMatchObject([{ code: 'too-large' }]);
    expect(ctx.problems[0]?.message).toContain('32768-byte cap');
  });

  it('records a certificate that does not verify, without reading the file', async () => {
    const data = (await run(['valid'])).byName.get('valid')!;
    expect(data).toMatchObject({ outcome: 'invalid-certificate', httpsVerified: false, certificateError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' });
    expect(data.fields).toBeUndefined();
  });

  it('fetches loopback hosts only when network.allow lets it', async () => {
    trustTestRoot();
    const { byName, ctx } = await run(['valid'], { allow: [] });
    expect(byName.size).toBe(0);
    expect(ctx.problems).toMatchObject([{ code: 'permission' }]);
  });

  it('normalises domains and rejects what is not a host name', () => {
    expect(SecurityTxtConfig.parse({ domains: ['Example.ORG.', 'example.org:443', 'example.org:8443'] }).domains).toEqual(['example.org', 'example.org', 'example.org:8443']);
    expect(SecurityTxtConfig.safeParse({ domains: ['https://example.org/'] }).success).toBe(false);
    expect(SecurityTxtConfig.parse({ maxBytes: '64KiB' }).maxBytes).toBe(65_536);
  });
});

describe('security.txt parsing', () => {
  it('keeps a truncated signed message as plain text', () => {
    expect(parseSecurityTxt('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:a@example.test\n')).toMatchObject({ signed: false, invalidLines: [1] });
  });

  it('reads any text without throwing and keeps at most 20 invalid line numbers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: fc.constantFrom('a', ':', ' ', '\n', '\r', '#', '-', 'Contact', 'Expires', '-----BEGIN PGP SIGNED MESSAGE-----', '-----BEGIN PGP SIGNATURE-----') }), (text) => {
        const parsed = parseSecurityTxt(text);
        expect(parsed.invalidLines.length).toBeLessThanOrEqual(20);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores a byte order mark and field-name case', () => {
    expect(parseSecurityTxt('\uFEFFCONTACT: mailto:a@example.test\nexpires:2027-01-01T00:00:00Z').fields).toMatchObject({ contact: ['mailto:a@example.test'], expires: ['2027-01-01T00:00:00Z'] });
  });
});
