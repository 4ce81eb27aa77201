import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvidence, CertificateData, OcspObservedData, OcspResponseData, TlsEndpointData } from '../../../model/evidence.js';
import ocsp from '../../../collectors/ocsp/index.js';
import { OcspConfig } from '../../../collectors/ocsp/config.js';
import type { TlsProbe } from '../../../src/engine/collector-context.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { certificateEvidenceFor, freePort, hasOpenssl, makeTestPki, type Responder, sha256Of, startResponder, type TestPki } from './test-pki.js';

type Name = Parameters<typeof certificateEvidenceFor>[1];

function endpointEvidence(label: string, chain: string[], extra: Partial<TlsEndpointData>): AnyEvidence {
  const [host = '', port = '0'] = label.split(':');
  return {
    id: `tls-endpoint:${label}`,
    kind: 'tls-endpoint',
    collector: 'tls-endpoint',
    target: label,
    observedAt: '2026-11-22T00:00:00.000Z',
    data: { host, port: Number(port), chain, chainTrusted: true, handshakeMs: 1, ...extra },
  };
}

describe.runIf(hasOpenssl())('ocsp collector against openssl ocsp', () => {
  let pki: TestPki;
  let responder: Responder;
  let delegate: Responder;
  let now: Date;
  const ev = (names: Name[]): AnyEvidence[] => names.map((n) => certificateEvidenceFor(pki, n));

  beforeAll(async () => {
    const [ocspPort, delegatePort] = [await freePort(), await freePort()];
    pki = makeTestPki({ crlPort: 9, ocspPort });
    now = new Date(pki.createdAt.getTime() + 60_000);
    [responder, delegate] = await Promise.all([startResponder(pki, ocspPort, 'issuing'), startResponder(pki, delegatePort, 'delegate')]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([responder, delegate].filter(Boolean).map((r) => r.stop()));
    pki?.cleanup();
  });

  const run = async (config: Record<string, unknown>, collected: AnyEvidence[], overrides: { tls?: TlsProbe } = {}) => {
    const ctx = fakeCollectorContext({ baseDir: pki.dir, collected, now, network: { allow: ['127.0.0.1'] }, ...overrides });
    await ocsp.collect(OcspConfig.parse(config), ctx);
    const byCert = new Map<string, OcspResponseData>(ctx.emitted.filter((e) => e.kind === 'ocsp-response').map((e) => [(e.data as OcspResponseData).certificate, e.data as OcspResponseData]));
    return { ctx, byCert };
  };
  const observed = (d: OcspResponseData | undefined): OcspObservedData => {
    expect(d?.status).toBe('response');
    return d as OcspObservedData;
  };

  it('asks the AIA responder about each leaf with a known issuer and records status and every check', async () => {
    const { ctx, byCert } = await run({}, ev(['root', 'issuing', 'good', 'revoked', 'mustStaple', 'unknown', 'ldapOnly']));
    expect(ctx.problems).toEqual([]);
    expect(byCert.size).toBe(4);
    const expected = { good: 'good', revoked: 'revoked', mustStaple: 'good', unknown: 'unknown' } as const;
    for (const [name, status] of Object.entries(expected)) {
      const d = observed(byCert.get(sha256Of(pki, name as Name)));
      expect(d, name).toMatchObject({
        source: 'fetched',
        url: responder.url,
        responseStatus: 'successful',
        certStatus: status,
        certIdMatches: true,
        certIdHashAlgorithm: 'SHA-1',
        signature: 'valid',
        signer: 'issuer',
        signerAuthorized: true,
        nonce: 'echoed',
        current: true,
        issuerCertificate: sha256Of(pki, 'issuing'),
        mustStaple: name === 'mustStaple',
        request: { method: 'POST', hashAlgorithm: 'SHA-1', nonce: true, httpStatus: 200, redirects: 0, contentType: 'application/ocsp-response' },
        signatureAlgorithm: 'ecdsa-with-SHA256',
      });
      expect(d.headroomSeconds).toBeGreaterThan(3000);
      expect(Date.parse(d.producedAt!)).toBeGreaterThan(0);
    }
    expect(observed(byCert.get(sha256Of(pki, 'revoked'))).revocationReason).toBe('keyCompromise');
    expect(ctx.emitted.map((e) => e.target)).toContain(`${responder.url}#${sha256Of(pki, 'good')}`);
  });

  it('uses GET and SHA-256 CertIDs when configured, without a nonce', async () => {
    const { byCert } = await run({ method: 'GET', hashAlgorithm: 'SHA-256', nonce: false }, ev(['issuing', 'revoked']));
    expect(observed(byCert.get(sha256Of(pki, 'revoked')))).toMatchObject({ request: { method: 'GET', hashAlgorithm: 'SHA-256', nonce: false }, certIdHashAlgorithm: 'SHA-256', nonce: 'not-sent', certStatus: 'revoked' });
    const auto = await run({ method: 'auto' }, ev(['issuing', 'good']));
    expect(observed(auto.byCert.get(sha256Of(pki, 'good'))).request?.method).toBe('GET');
  });

  it('reports leaves whose issuer is unknown once, and uses configured issuer files', async () => {
    const without = await run({}, ev(['good', 'revoked']));
    expect(without.byCert.size).toBe(0);
    expect(without.ctx.problems).toEqual([{ target: 'ocsp:issuers', code: 'not-found', message: expect.stringContaining('2 certificate(s)') }]);
    const withFile = await run({ issuerFiles: ['issuing.pem'] }, ev(['good']));
    expect(observed(withFile.byCert.get(sha256Of(pki, 'good')))).toMatchObject({ certStatus: 'good', signature: 'valid' });
  });

  it('recovers an issuer served only by a TLS endpoint with one more handshake (tlsReprobe)', async () => {
    const issuing = certificateEvidenceFor(pki, 'issuing');
    const onlyTls: AnyEvidence = { ...issuing, data: { ...(issuing.data as CertificateData), sightings: [{ collector: 'tls-endpoint', target: '127.0.0.1:8443', location: 'chain[1]' }] } } as AnyEvidence;
    let probes = 0;
    const tls: TlsProbe = {
      probe: async () => {
        probes++;
        return { chain: [pki.der('good'), pki.der('issuing')], authorized: false, attempts: 1, handshakeMs: 1 };
      },
    };
    const { byCert } = await run({}, [onlyTls, ...ev(['good', 'revoked'])], { tls });
    expect(observed(byCert.get(sha256Of(pki, 'good'))).signature).toBe('valid');
    expect(probes).toBe(1);
    const off = await run({ tlsReprobe: false }, [onlyTls, ...ev(['good'])], { tls });
    expect(off.byCert.size).toBe(0);
    expect(probes).toBe(1);
  });

  it('verifies stapled responses (here from a delegated responder) and records must-staple certificates without a staple', async () => {
    const respFile = join(pki.dir, 'staple.der');
    execFileSync('openssl', ['ocsp', '-issuer', pki.files.issuing, '-cert', pki.files.mustStaple, '-url', delegate.url, '-no_nonce', '-noverify', '-respout', respFile], { cwd: pki.dir, stdio: 'pipe' });
    const staple = readFileSync(respFile).toString('base64');
    const chain = [sha256Of(pki, 'mustStaple'), sha256Of(pki, 'issuing')];
    const collected = [
      ...ev(['issuing', 'mustStaple', 'good']),
      endpointEvidence('127.0.0.1:8443', chain, { ocspStapled: true, ocspResponseBase64: staple }),
      endpointEvidence('127.0.0.1:8444', chain, { ocspStapled: false }),
      endpointEvidence('127.0.0.1:8445', [sha256Of(pki, 'good')], { ocspStapled: false }),
      endpointEvidence('127.0.0.1:8446', [sha256Of(pki, 'good')], { ocspStapled: true, ocspResponseBase64: Buffer.from('not an OCSP response').toString('base64') }),
    ];
    const { ctx } = await run({ fromCertificates: false }, collected);
    const byTarget = new Map(ctx.emitted.map((e) => [e.target, e.data as OcspResponseData]));
    expect(observed(byTarget.get('127.0.0.1:8443#stapled'))).toMatchObject({
      source: 'stapled',
      endpoint: '127.0.0.1:8443',
      certificate: sha256Of(pki, 'mustStaple'),
      mustStaple: true,
      certStatus: 'good',
      signature: 'valid',
      signer: 'delegated',
      signerAuthorized: true,
      nonce: 'not-sent',
      responder: { certificate: sha256Of(pki, 'delegate'), hasOcspSigningEku: true, issuedByCa: true, validAtProducedAt: true, validAtObservation: true, noCheck: true },
    });
    expect(byTarget.get('127.0.0.1:8444#stapled')).toEqual({ status: 'missing-staple', source: 'stapled', endpoint: '127.0.0.1:8444', certificate: sha256Of(pki, 'mustStaple'), mustStaple: true });
    expect(byTarget.has('127.0.0.1:8445#stapled')).toBe(false);
    expect(ctx.problems).toEqual([expect.objectContaining({ target: '127.0.0.1:8446#stapled', code: 'parse' })]);
  });
});

describe.runIf(hasOpenssl())('ocsp collector against hostile responders', () => {
  let pki: TestPki;
  let server: Server;
  let mode = 'garbage';
  const hangs: ServerResponse[] = [];
  let realResponse: Buffer;

  beforeAll(async () => {
    const port = await freePort();
    pki = makeTestPki({ crlPort: 9, ocspPort: port });
    const responderPort = await freePort();
    const real = await startResponder(pki, responderPort, 'issuing');
    const respFile = join(pki.dir, 'real.der');
    execFileSync('openssl', ['ocsp', '-issuer', pki.files.issuing, '-cert', pki.files.good, '-url', real.url, '-no_nonce', '-noverify', '-respout', respFile], { cwd: pki.dir, stdio: 'pipe' });
    await real.stop();
    realResponse = readFileSync(respFile);
    server = createServer((req, res) => {
      req.resume();
      const status = /^status-(\d+)$/.exec(mode);
      if (status) {
        res.writeHead(200, { 'Content-Type': 'application/ocsp-response' });
        res.end(Buffer.from([0x30, 0x03, 0x0a, 0x01, Number(status[1])]));
      } else if (mode === 'garbage') {
        res.writeHead(200);
        res.end('<html>oops</html>');
      } else if (mode === 'truncated') {
        res.writeHead(200);
        res.end(realResponse.subarray(0, realResponse.length - 7));
      } else if (mode === 'big') {
        res.writeHead(200);
        res.end(Buffer.alloc(300_000, 0x30));
      } else if (mode === 'slow') {
        hangs.push(res);
      } else if (mode === 'loop') {
        res.writeHead(307, { Location: req.url ?? '/' });
        res.end();
      } else {
        res.writeHead(500);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  }, 60_000);

  afterAll(async () => {
    for (const res of hangs) res.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    pki?.cleanup();
  });

  it.each([
    ['status-1', 'malformedRequest'],
    ['status-2', 'internalError'],
    ['status-3', 'tryLater'],
    ['status-5', 'sigRequired'],
    ['status-6', 'unauthorized'],
  ])('%s is recorded as %s, never as good', async (m, status) => {
    mode = m;
    const ctx = fakeCollectorContext({ baseDir: pki.dir, collected: [certificateEvidenceFor(pki, 'issuing'), certificateEvidenceFor(pki, 'good')], network: { allow: ['127.0.0.1'] } });
    await ocsp.collect(OcspConfig.parse({}), ctx);
    expect(ctx.problems).toEqual([]);
    const data = ctx.ofKind('ocsp-response')[0] as OcspObservedData;
    expect(data).toMatchObject({ status: 'response', responseStatus: status, sizeBytes: 5 });
    expect(data.certStatus).toBeUndefined();
    expect(data.signature).toBeUndefined();
  });

  it.each([
    ['garbage', 'parse'],
    ['truncated', 'parse'],
    ['big', 'too-large'],
    ['slow', 'timeout'],
    ['loop', 'http-status'],
    ['error', 'http-status'],
  ])('%s responder: one %s problem, no evidence', async (m, code) => {
    mode = m;
    const ctx = fakeCollectorContext({ baseDir: pki.dir, collected: [certificateEvidenceFor(pki, 'issuing'), certificateEvidenceFor(pki, 'good')], network: { allow: ['127.0.0.1'] } });
    await ocsp.collect(OcspConfig.parse({ timeoutMs: '300ms' }), ctx);
    expect(ctx.ofKind('ocsp-response')).toEqual([]);
    expect(ctx.problems).toEqual([expect.objectContaining({ code })]);
    expect(ctx.problems[0]!.message).not.toMatch(/\n/);
  });
});
