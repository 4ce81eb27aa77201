import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/engine/define-collector.js';
import { createHttpClient } from '../../src/engine/http-client.js';
import {
  buildOcspRequest,
  certIdFor,
  describeResponderId,
  isIssuedBy,
  ocspGetUrl,
  OcspParseError,
  parseOcspResponse,
  readCertificateParts,
  verifyOcspResponse,
  type CertificateParts,
} from '../../src/pki/ocsp.js';
import { freePort, hasOpenssl, makeTestPki, startResponder, type Responder, type TestPki } from '../collectors/ocsp/test-pki.js';

const http = createHttpClient({ userAgent: 'pkimm-scan-test', network: { allow: ['127.0.0.1'] } });

async function ask(url: string, der: Uint8Array): Promise<Uint8Array> {
  const response = await http.request(url, { method: 'POST', body: der, headers: { 'Content-Type': 'application/ocsp-request' }, maxBytes: 65_536, timeoutMs: 10_000 });
  expect(response.status).toBe(200);
  return response.body;
}

describe.runIf(hasOpenssl())('OCSP against openssl ocsp', () => {
  let pki: TestPki;
  let issuer: CertificateParts;
  let byCa: Responder;
  let byDelegate: Responder;
  let byRogue: Responder;
  let now: Date;

  beforeAll(async () => {
    const [ocspPort, delegatePort, roguePort] = [await freePort(), await freePort(), await freePort()];
    pki = makeTestPki({ crlPort: 9, ocspPort });
    now = new Date(pki.createdAt.getTime() + 3_600_000);
    issuer = readCertificateParts(pki.der('issuing'));
    [byCa, byDelegate, byRogue] = await Promise.all([startResponder(pki, ocspPort, 'issuing'), startResponder(pki, delegatePort, 'delegate'), startResponder(pki, roguePort, 'rogue')]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([byCa, byDelegate, byRogue].filter(Boolean).map((r) => r.stop()));
    pki?.cleanup();
  });

  it('builds the same request bytes as openssl ocsp -reqout', () => {
    const out = join(pki.dir, 'req.der');
    execFileSync('openssl', ['ocsp', '-issuer', pki.files.issuing, '-cert', pki.files.good, '-no_nonce', '-reqout', out], { cwd: pki.dir, stdio: 'pipe' });
    const leaf = readCertificateParts(pki.der('good'));
    const request = buildOcspRequest(certIdFor(leaf.serialNumberHex, issuer));
    expect(Buffer.from(request.der).equals(readFileSync(out))).toBe(true);
    expect(request.nonce).toBeUndefined();
  });

  it.each([
    ['good', 'good'],
    ['revoked', 'revoked'],
    ['unknown', 'unknown'],
  ] as const)('%s certificate: status %s, signed by the CA, CertID and nonce checked', async (name, status) => {
    const leaf = readCertificateParts(pki.der(name));
    const request = buildOcspRequest(certIdFor(leaf.serialNumberHex, issuer), { nonce: true });
    const parsed = parseOcspResponse(await ask(byCa.url, request.der));
    expect(parsed.responseStatus).toBe('successful');
    const basic = parsed.basic!;
    const result = verifyOcspResponse(basic, { serialNumberHex: leaf.serialNumberHex, issuer, nonce: request.nonce!, now });
    expect(result).toMatchObject({ certIdMatches: true, signature: 'valid', signer: 'issuer', signerAuthorized: true, nonce: 'echoed' });
    expect(result.single?.status).toBe(status);
    expect(result.single!.nextUpdate!.getTime() - result.single!.thisUpdate.getTime()).toBe(3_600_000);
    expect(describeResponderId(basic)).toMatch(/^byName:.*CN=Test Issuing CA|^byKey:[0-9a-f]{40}$/);
    if (status === 'revoked') {
      expect(result.single?.revocationReason).toBe('keyCompromise');
      expect(Math.abs(result.single!.revokedAt!.getTime() - pki.createdAt.getTime())).toBeLessThan(2000);
    }
  });

  it('SHA-256 CertIDs are answered and matched', async () => {
    const leaf = readCertificateParts(pki.der('revoked'));
    const request = buildOcspRequest(certIdFor(leaf.serialNumberHex, issuer, 'SHA-256'));
    const basic = parseOcspResponse(await ask(byCa.url, request.der)).basic!;
    expect(basic.responses[0]?.hashAlgorithm).toBe('SHA-256');
    const result = verifyOcspResponse(basic, { serialNumberHex: leaf.serialNumberHex, issuer, now });
    expect(result).toMatchObject({ certIdMatches: true, signature: 'valid', nonce: 'not-sent' });
    expect(result.single?.status).toBe('revoked');
  });

  it('GET requests reach the responder', async () => {
    const leaf = readCertificateParts(pki.der('good'));
    const request = buildOcspRequest(certIdFor(leaf.serialNumberHex, issuer));
    const response = await http.request(ocspGetUrl(byCa.url, request.der), { maxBytes: 65_536, timeoutMs: 10_000 });
    const result = verifyOcspResponse(parseOcspResponse(response.body).basic!, { serialNumberHex: leaf.serialNumberHex, issuer, now });
    expect(result.single?.status).toBe('good');
  });

  it('a delegated responder certificate is checked: OCSPSigning EKU, issued by the CA, valid, no-check', async () => {
    const leaf = readCertificateParts(pki.der('good'));
    const request = buildOcspRequest(certIdFor(leaf.serialNumberHex, issuer));
    const basic = parseOcspResponse(await ask(byDelegate.url, request.der)).basic!;
    const result = verifyOcspResponse(basic, { serialNumberHex: leaf.serialNumberHex, issuer, now });
    expect(result).toMatchObject({ signature: 'valid', signer: 'delegated', signerAuthorized: true });
    expect(result.delegate).toMatchObject({ hasOcspSigningEku: true, issuedByCa: true, validAtProducedAt: true, validNow: true, noCheck: true, subject: 'O=Revocation Test, CN=Test OCSP Responder' });
  });

  it('a responder certificate not issued by the CA is not authorized even though its signature verifies', async () => {
    const leaf = readCertificateParts(pki.der('good'));
    const request = buildOcspRequest(certIdFor(leaf.serialNumberHex, issuer));
    const basic = parseOcspResponse(await ask(byRogue.url, request.der)).basic!;
    const result = verifyOcspResponse(basic, { serialNumberHex: leaf.serialNumberHex, issuer, now });
    expect(result).toMatchObject({ signature: 'valid', signer: 'delegated', signerAuthorized: false });
    expect(result.delegate?.issuedByCa).toBe(false);
  });

  it('detects a tampered response, a CertID for another issuer and a wrong nonce', async () => {
    const leaf = readCertificateParts(pki.der('good'));
    const request = buildOcspRequest(certIdFor(leaf.serialNumberHex, issuer), { nonce: true });
    const der = await ask(byCa.url, request.der);
    const parsed = parseOcspResponse(der);
    const basic = parsed.basic!;
    const producedAt = Buffer.from(der).indexOf(Buffer.from(basic.producedAt.toISOString().slice(0, 4)));
    const tampered = new Uint8Array(der);
    tampered[producedAt + 3] = tampered[producedAt + 3] === 0x30 ? 0x31 : 0x30;
    const result = verifyOcspResponse(parseOcspResponse(tampered).basic!, { serialNumberHex: leaf.serialNumberHex, issuer, now });
    expect(result.signature).toBe('invalid');
    const root = readCertificateParts(pki.der('root'));
    // Asked about the root's certificates: the issuing CA's signature is valid but it is no authorized responder for the root.
    expect(verifyOcspResponse(basic, { serialNumberHex: leaf.serialNumberHex, issuer: root, now })).toMatchObject({ certIdMatches: false, signature: 'valid', signer: 'delegated', signerAuthorized: false });
    expect(verifyOcspResponse({ ...basic, certs: [] }, { serialNumberHex: leaf.serialNumberHex, issuer: root, now })).toMatchObject({ signature: 'signer-not-found', signerAuthorized: false });
    expect(verifyOcspResponse(basic, { serialNumberHex: leaf.serialNumberHex, issuer, nonce: new Uint8Array(16), now }).nonce).toBe('mismatch');
  });

  it('reads certificate parts: must-staple, no-check, key identifiers, issuance', () => {
    const staple = readCertificateParts(pki.der('mustStaple'));
    expect(staple.mustStaple).toBe(true);
    expect(readCertificateParts(pki.der('good')).mustStaple).toBe(false);
    const delegate = readCertificateParts(pki.der('delegate'));
    expect(delegate.ocspNoCheck).toBe(true);
    expect(delegate.extendedKeyUsageOids).toEqual(['1.3.6.1.5.5.7.3.9']);
    expect(delegate.authorityKeyId).toBe(issuer.subjectKeyId);
    expect(issuer.isCa).toBe(true);
    expect(isIssuedBy(delegate, issuer)).toBe(true);
    expect(isIssuedBy(delegate, readCertificateParts(pki.der('root')))).toBe(false);
    expect(isIssuedBy(issuer, readCertificateParts(pki.der('root')))).toBe(true);
  });

  it('every truncation and single-byte corruption of a real response parses or throws OcspParseError', async () => {
    const leaf = readCertificateParts(pki.der('revoked'));
    const der = await ask(byDelegate.url, buildOcspRequest(certIdFor(leaf.serialNumberHex, issuer)).der);
    for (let n = 0; n < der.length; n++) expect(() => parseOcspResponse(der.subarray(0, n))).toThrow(OcspParseError);
    fc.assert(
      fc.property(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const copy = new Uint8Array(der);
        copy[at] = value;
        try {
          const parsed = parseOcspResponse(copy);
          if (parsed.basic) verifyOcspResponse(parsed.basic, { serialNumberHex: leaf.serialNumberHex, issuer, now });
        } catch (error) {
          expect(error).toBeInstanceOf(OcspParseError);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('parseOcspResponse on unsuccessful and malformed input', () => {
  it.each([
    [1, 'malformedRequest'],
    [2, 'internalError'],
    [3, 'tryLater'],
    [5, 'sigRequired'],
    [6, 'unauthorized'],
    [9, 'unknown(9)'],
  ])('status %i is %s and carries no response', (code, status) => {
    const parsed = parseOcspResponse(Uint8Array.of(0x30, 0x03, 0x0a, 0x01, code));
    expect(parsed.responseStatus).toBe(status);
    expect(parsed.basic).toBeUndefined();
  });

  it.each([
    ['empty', new Uint8Array()],
    ['garbage', new TextEncoder().encode('<html>503 Service Unavailable</html>')],
    ['successful without responseBytes', Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x00)],
    ['trailing data', Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x03, 0x00)],
    ['indefinite length', Uint8Array.of(0x30, 0x80, 0x0a, 0x01, 0x00, 0x00, 0x00)],
    ['huge length', Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff)],
  ])('%s throws OcspParseError with code parse', (_name, bytes) => {
    try {
      parseOcspResponse(bytes);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OcspParseError);
      expect((error as CollectError).code).toBe('parse');
    }
  });

  it('random bytes never escape as anything but OcspParseError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseOcspResponse(Uint8Array.of(0x30, ...bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(OcspParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

const realworld = new URL('../../../shared/realworld/ocsp', import.meta.url).pathname;
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(join(realworld, name)));

describe.runIf(existsSync(join(realworld, 'INDEX.tsv')))('real-world OCSP responses', () => {
  it('PKI.js example: successful, byKey, one certificate, status unknown, no nextUpdate', () => {
    const parsed = parseOcspResponse(file('pkijs__TestOCSPresp.ors'));
    const basic = parsed.basic!;
    expect(parsed.responseStatus).toBe('successful');
    expect(basic.responderId).toHaveProperty('byKeyHash');
    expect(basic.certs).toHaveLength(1);
    expect(basic.responses).toHaveLength(1);
    expect(basic.responses[0]).toMatchObject({ status: 'unknown', hashAlgorithm: 'SHA-1' });
    expect(basic.responses[0]?.serialNumberHex).toMatch(/^0400000000010F862/);
    expect(basic.responses[0]?.nextUpdate).toBeUndefined();
    expect(basic.producedAt.toISOString()).toMatch(/^2014-06-15T05:40/);
    // The included certificate is the responder's: it matches the responderID and verifies the signature.
    const responder = readCertificateParts(basic.certs[0]!);
    const result = verifyOcspResponse(basic, { serialNumberHex: basic.responses[0]!.serialNumberHex, issuer: responder, now: new Date('2026-11-22T00:00:00Z') });
    expect(result.signature).toBe('valid');
  });

  it.each(['zlint__ocspThisUpdateAfterProducedAt.der', 'zlint__ocspThisUpdateNotAfterProducedAt.der'])('%s: good, byName, no certificates', (name) => {
    const basic = parseOcspResponse(file(name)).basic!;
    expect(basic.responderId).toHaveProperty('byName');
    expect(basic.certs).toHaveLength(0);
    expect(basic.responses[0]).toMatchObject({ status: 'good', serialNumberHex: '2A' });
  });

  it('zlint: thisUpdate after producedAt is visible in the parsed times', () => {
    const bad = parseOcspResponse(file('zlint__ocspThisUpdateAfterProducedAt.der')).basic!;
    expect(bad.responses[0]!.thisUpdate.getTime()).toBeGreaterThan(bad.producedAt.getTime());
    const ok = parseOcspResponse(file('zlint__ocspThisUpdateNotAfterProducedAt.der')).basic!;
    expect(ok.responses[0]!.thisUpdate.getTime()).toBeLessThanOrEqual(ok.producedAt.getTime());
  });

  it('cfssl: two base64 responses with an explicit default version; the second verifies against the cfssl CA', () => {
    const lines = new TextDecoder().decode(file('cfssl__resp64.pem')).split(/\s+/).filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => parseOcspResponse(new Uint8Array(Buffer.from(l, 'base64'))).basic!);
    expect(first!.explicitDefaultVersion).toBe(true);
    expect(first!.responses[0]!.nextUpdate!.getTime()).toBeLessThan(first!.responses[0]!.thisUpdate.getTime());
    expect(second!.responses[0]!.nextUpdate!.toISOString()).toMatch(/^2030-10-20/);
    const ca = readCertificateParts(new Uint8Array(Buffer.from(new TextDecoder().decode(file('cfssl__ocsp_ca.pem')).replace(/-----[^-]+-----|\s/g, ''), 'base64')));
    const cert = readCertificateParts(new Uint8Array(Buffer.from(new TextDecoder().decode(file('cfssl__ocsp_cert.pem')).replace(/-----[^-]+-----|\s/g, ''), 'base64')));
    const result = verifyOcspResponse(second!, { serialNumberHex: second!.responses[0]!.serialNumberHex, issuer: ca, now: new Date('2026-11-22T00:00:00Z') });
    expect(['valid', 'signer-not-found']).toContain(result.signature);
    expect(isIssuedBy(cert, ca)).toBe(true);
  });

  it.each(['cfssl__response.der'])('%s (producedAt with a wrong tag) is a parse error, not a crash', (name) => {
    expect(() => parseOcspResponse(file(name))).toThrow(/producedAt/);
  });

  it('cfssl: the corrupted base64 response is a parse error', () => {
    const text = new TextDecoder().decode(file('cfssl__response_broken.pem')).replace(/-----[^-]+-----|\s/g, '');
    expect(() => parseOcspResponse(new Uint8Array(Buffer.from(text, 'base64')))).toThrow(OcspParseError);
  });
});
