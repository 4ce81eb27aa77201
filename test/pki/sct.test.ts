import { createHash, sign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import {
  certificateFromTbs,
  embeddedScts,
  isPrecertificate,
  issuerKeyHash,
  parseSctList,
  precertificateTbs,
  sctAlgorithmName,
  SctParseError,
  verifyEmbeddedScts,
  verifySct,
  verifyTreeHead,
} from '../../src/pki/sct.js';
import { makeCa, makeLeaf, makeLog, signSct } from '../ct/helpers/ct-fixtures.js';

const ca = makeCa('SCT Test CA');
const logA = makeLog();
const logB = makeLog();
const SCT_TIME = Date.parse('2026-10-01T00:05:00Z');
const keys = new Map([
  [logA.logId, logA.spki],
  [logB.logId, logB.spki],
]);

describe('embedded SCTs', () => {
  const leaf = makeLeaf({ cn: 'www.sct.test', dnsNames: ['www.sct.test'], serialHex: '1234', issuer: ca, logs: [logA, logB], sctTimeMs: SCT_TIME });

  it('parses version, log id, timestamp, extensions and algorithms of each SCT', () => {
    const scts = embeddedScts(leaf.der);
    expect(scts.map((s) => [s.version, s.logId, s.timestampMs, s.extensionsHex, sctAlgorithmName(s)])).toEqual([
      [0, logA.logId, SCT_TIME, '', 'ECDSA-SHA-256'],
      [0, logB.logId, SCT_TIME, '', 'ECDSA-SHA-256'],
    ]);
    expect(scts[0]!.signature.length).toBeGreaterThan(64);
    expect(toCertificateFacts(leaf.der).embeddedSctCount).toBe(2);
  });

  it('rebuilds the precertificate TBS the logs signed (SCT list removed)', () => {
    expect(Buffer.from(precertificateTbs(leaf.der)).equals(Buffer.from(leaf.precertTbs))).toBe(true);
  });

  it.each([
    { case: 'right issuer key, known logs', keyHash: ca.keyHash, known: keys, statuses: ['valid', 'valid'] },
    { case: 'another issuer key', keyHash: makeCa('Other CA').keyHash, known: keys, statuses: ['invalid', 'invalid'] },
    { case: 'one log unknown', keyHash: ca.keyHash, known: new Map([[logB.logId, logB.spki]]), statuses: ['unknown-log', 'valid'] },
    { case: 'log key swapped', keyHash: ca.keyHash, known: new Map([[logA.logId, logB.spki], [logB.logId, logA.spki]]), statuses: ['invalid', 'invalid'] },
  ])('verifies signatures: $case', ({ keyHash, known, statuses }) => {
    expect(verifyEmbeddedScts(leaf.der, keyHash, (id) => known.get(id)).map((c) => c.status)).toEqual(statuses);
  });

  it('computes the issuer key hash from the CA certificate', () => {
    expect(Buffer.from(issuerKeyHash(ca.der)).equals(Buffer.from(ca.keyHash))).toBe(true);
  });

  it('returns no SCTs for a certificate without the extension and recognises precertificates', () => {
    const plain = makeLeaf({ cn: 'plain.sct.test', dnsNames: ['plain.sct.test'], serialHex: '55', issuer: ca });
    const precert = makeLeaf({ cn: 'plain.sct.test', dnsNames: ['plain.sct.test'], serialHex: '56', issuer: ca, poison: true });
    expect(embeddedScts(plain.der)).toEqual([]);
    expect(verifyEmbeddedScts(plain.der, ca.keyHash, () => undefined)).toEqual([]);
    expect([isPrecertificate(plain.der), isPrecertificate(precert.der), isPrecertificate(leaf.der)]).toEqual([false, true, false]);
    expect(Buffer.from(precertificateTbs(precert.der)).equals(Buffer.from(precert.precertTbs))).toBe(true);
  });

  it('verifies an SCT over an x509 entry (the certificate itself)', () => {
    const plain = makeLeaf({ cn: 'x509.sct.test', dnsNames: ['x509.sct.test'], serialHex: '57', issuer: ca });
    const serialized = signSct(logA, { type: 'x509', certificate: plain.der }, SCT_TIME);
    const list = Buffer.concat([Buffer.from([0, serialized.length + 2, 0, serialized.length]), serialized]);
    const [sct] = parseSctList(list);
    expect(verifySct(sct!, { type: 'x509', certificate: plain.der }, logA.spki)).toBe('valid');
    expect(verifySct(sct!, { type: 'x509', certificate: leaf.der }, logA.spki)).toBe('invalid');
  });

  it('wraps a precertificate TBS so its fields can be read as certificate facts', () => {
    const facts = toCertificateFacts(certificateFromTbs(leaf.precertTbs));
    expect([facts.subject, facts.issuer, facts.serialNumberHex, facts.subjectAltNames]).toEqual(['CN=www.sct.test', 'CN=SCT Test CA, O=CT fixtures', '1234', ['DNS:www.sct.test']]);
  });
});

describe('malformed SCT lists', () => {
  const one = signSct(logA, { type: 'x509', certificate: Uint8Array.of(1) }, 1);
  const list = (body: Uint8Array): Uint8Array => Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body]);
  const item = (sct: Uint8Array): Uint8Array => Buffer.concat([Buffer.from([sct.length >> 8, sct.length & 0xff]), sct]);
  it.each([
    { case: 'list length beyond the data', bytes: Uint8Array.of(0, 50, 0, 1), message: /truncated/ },
    { case: 'trailing bytes after the list', bytes: Buffer.concat([list(item(one)), Uint8Array.of(9)]), message: /trailing/ },
    { case: 'SCT version 2', bytes: list(item(Buffer.concat([Uint8Array.of(1), one.subarray(1)]))), message: /unsupported version 1/ },
    { case: 'SCT cut short', bytes: list(item(one.subarray(0, 40))), message: /truncated/ },
  ])('$case → SctParseError', ({ bytes, message }) => {
    let thrown: unknown;
    try {
      parseSctList(bytes);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SctParseError);
    expect((thrown as SctParseError).code).toBe('parse');
    expect((thrown as Error).message).toMatch(message);
  });

  it('accepts an empty list', () => {
    expect(parseSctList(Uint8Array.of(0, 0))).toEqual([]);
  });

  it('rejects a certificate that is not DER', () => {
    expect(() => embeddedScts(Uint8Array.of(0x30, 0x05, 1))).toThrow(SctParseError);
  });
});

describe('signed tree heads', () => {
  const rootHash = createHash('sha256').update('root').digest();
  const signTreeHead = (treeSize: number, timestampMs: number): Uint8Array => {
    const data = Buffer.alloc(50);
    data.writeUInt8(0, 0);
    data.writeUInt8(1, 1);
    data.writeBigUInt64BE(BigInt(timestampMs), 2);
    data.writeBigUInt64BE(BigInt(treeSize), 10);
    rootHash.copy(data, 18);
    const sig = sign('sha256', data, logA.privateKey);
    return Buffer.concat([Uint8Array.of(4, 3, sig.length >> 8, sig.length & 0xff), sig]);
  };

  it.each([
    { case: 'as signed', size: 1000, status: 'valid' },
    { case: 'tree size changed', size: 1001, status: 'invalid' },
  ])('$case → $status', ({ size, status }) => {
    const treeHeadSignature = signTreeHead(1000, 1_790_000_000_000);
    expect(verifyTreeHead({ treeSize: size, timestampMs: 1_790_000_000_000, rootHash, treeHeadSignature }, logA.spki)).toBe(status);
  });

  it('reports unsupported algorithms', () => {
    const treeHeadSignature = Uint8Array.of(4, 7, 0, 1, 0);
    expect(verifyTreeHead({ treeSize: 1, timestampMs: 1, rootHash, treeHeadSignature }, logA.spki)).toBe('unsupported-algorithm');
  });
});

const realworld = new URL('../../../shared/realworld/', import.meta.url);
const certFile = (name: string): Uint8Array => readCertificates(readFileSync(new URL(`certs/${name}`, realworld)), name).certificates[0]!.der;

describe.runIf(existsSync(new URL('certs/INDEX.tsv', realworld)))('real-world certificates with SCTs', () => {
  it.each([
    ['zlint__ct3mo1SCTs.pem', 1],
    ['zlint__ct3mo2DupeSCTs.pem', 2],
    ['zlint__ct18mo3SCTs.pem', 3],
    ['zlint__ct38mo4SCTs.pem', 4],
    ['zlint__ct666mo5SCTs.pem', 5],
    ['zlint__empty_sct_list_ko_01.pem', 0],
    ['sslyze__github.com.pem', 3],
  ] as const)('%s holds %i SCTs', (file, count) => {
    const scts = embeddedScts(certFile(file));
    expect(scts).toHaveLength(count);
    for (const sct of scts) expect(sct.version).toBe(0);
  });

  it('verifies github.com’s SCT from Google Aviator with the key from a published log list', () => {
    const list = JSON.parse(readFileSync(new URL('ct/ctgo__loglist3.json', realworld), 'utf8')) as { operators: { logs: { log_id: string; key: string }[] }[] };
    const logKeys = new Map(list.operators.flatMap((o) => o.logs).map((l) => [l.log_id, new Uint8Array(Buffer.from(l.key, 'base64'))]));
    const leaf = certFile('sslyze__github.com.pem');
    const issuer = certFile('sslyze__DigiCertSHA2ExtendedValidationServerCA.pem');
    const checked = verifyEmbeddedScts(leaf, issuerKeyHash(issuer), (id) => logKeys.get(id));
    const aviator = checked.find((c) => c.sct.logId === 'aPaY+B9kgr46jO65KB1M/HFRXWeT1ETRCmesu09P+8Q=');
    expect(aviator?.status).toBe('valid');
    expect(new Date(aviator!.sct.timestampMs).toISOString()).toBe('2016-03-10T17:19:01.607Z');
    expect(checked.filter((c) => c.status === 'unknown-log')).toHaveLength(2);
  });
});
