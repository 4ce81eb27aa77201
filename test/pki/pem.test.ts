import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CertificateFormatError, MAX_PEM_BLOCKS, readCertificates, readPemBlocks, splitCertificates } from '../../src/pki/pem.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'certificates');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const pemOf = (name: string): string => {
  const t = new TextDecoder().decode(fixture(name));
  return t.slice(t.indexOf('-----BEGIN'));
};
/** DER TLV with a definite length. */
const tlv = (tag: number, ...content: Uint8Array[]): Uint8Array => {
  const body = Buffer.concat(content);
  const len = body.length < 0x80 ? [body.length] : body.length < 0x100 ? [0x81, body.length] : [0x82, body.length >> 8, body.length & 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...len]), body]));
};
const OID_SIGNED_DATA = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
const OID_DATA = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);
/** A degenerate (certificates-only) SignedData, as `openssl crl2pkcs7 -nocrl` writes it. */
const pkcs7Of = (certs: Uint8Array[]): Uint8Array =>
  tlv(0x30, OID_SIGNED_DATA, tlv(0xa0, tlv(0x30, tlv(0x02, new Uint8Array([1])), tlv(0x31), tlv(0x30, OID_DATA), tlv(0xa0, ...certs), tlv(0x31))));
/** The same with BER indefinite lengths on the outer layers, as some Windows and Java tools write it. */
const berPkcs7Of = (certs: Uint8Array[]): Uint8Array => {
  const eoc = new Uint8Array([0, 0]);
  const open = (tag: number) => new Uint8Array([tag, 0x80]);
  return new Uint8Array(
    Buffer.concat([open(0x30), OID_SIGNED_DATA, open(0xa0), open(0x30), tlv(0x02, new Uint8Array([1])), tlv(0x31), tlv(0x30, OID_DATA), open(0xa0), ...certs, eoc, tlv(0x31), eoc, eoc, eoc]),
  );
};
const KEY_BODY = 'MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('splitCertificates', () => {
  it('reads a single PEM with a comment header', () => {
    const certs = splitCertificates(fixture('ec-p256.pem'), 'ec-p256.pem');
    expect(certs).toHaveLength(1);
    expect(certs[0]!.index).toBe(0);
    expect(certs[0]!.der[0]).toBe(0x30);
  });

  it('reads a bundle with text between blocks, CRLF and a skipped public key block', () => {
    const certs = splitCertificates(fixture('bundle-with-text.pem'), 'bundle');
    expect(certs.map((c) => c.index)).toEqual([0, 1]);
  });

  it('reads a DER file, giving the same bytes as the PEM', () => {
    const der = splitCertificates(fixture('ec-p256.der'), 'ec-p256.der');
    const pem = splitCertificates(fixture('ec-p256.pem'), 'ec-p256.pem');
    expect(Buffer.from(der[0]!.der).equals(Buffer.from(pem[0]!.der))).toBe(true);
  });

  it('reads concatenated DER certificates', () => {
    const a = fixture('ec-p256.der');
    const both = new Uint8Array([...a, ...a]);
    expect(splitCertificates(both, 'two.der')).toHaveLength(2);
  });

  it('skips private key blocks and never returns their bytes', () => {
    const input = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n${pemOf('ec-p256.pem')}\n-----BEGIN EC PRIVATE KEY-----\n${KEY_BODY}\n-----END EC PRIVATE KEY-----\n`;
    const { certificates, problems } = readCertificates(text(input), 'mixed.pem');
    expect(certificates).toHaveLength(1);
    expect(problems).toEqual([]);
    const keyBytes = Buffer.from(KEY_BODY, 'base64');
    for (const c of certificates) expect(Buffer.from(c.der).includes(keyBytes.subarray(0, 16))).toBe(false);
  });

  it('a file holding only a private key yields no certificate and no content in any message', () => {
    const result = readCertificates(text(`-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`), 'key.pem');
    expect(result.certificates).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(KEY_BODY.slice(0, 20));
  });

  it.each([
    ['garbage.pem', /neither PEM nor DER|not a certificate/],
    ['truncated.pem', /truncated/],
  ])('rejects %s with a typed error', (name, message) => {
    expect(() => splitCertificates(fixture(name), name)).toThrow(CertificateFormatError);
    expect(() => splitCertificates(fixture(name), name)).toThrow(message);
  });

  it('keeps the certificates before a truncated block and reports it', () => {
    const input = `${pemOf('ec-p256.pem')}\n-----BEGIN CERTIFICATE-----\nMIIB\n`;
    const { certificates, problems } = readCertificates(text(input), 'partial.pem');
    expect(certificates).toHaveLength(1);
    expect(problems).toEqual([expect.stringMatching(/block 2 .*truncated/)]);
  });

  it('reports invalid base64 without crashing', () => {
    const { problems } = readCertificates(text('-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n'), 'bad.pem');
    expect(problems).toEqual([expect.stringMatching(/invalid base64/)]);
  });

  it('reads the certificates of PKCS#7 SignedData in PEM, DER and BER form', () => {
    const cert = splitCertificates(fixture('ec-p256.der'), 'ec-p256.der')[0]!.der;
    const der = pkcs7Of([cert, cert]);
    const pem = `Bundle exported by a CA portal\n-----BEGIN PKCS7-----\n${Buffer.from(der).toString('base64')}\n-----END PKCS7-----\n`;
    for (const input of [der, text(pem), berPkcs7Of([cert])]) {
      const { certificates, problems } = readCertificates(input, 'chain.p7b');
      expect(problems).toEqual([]);
      expect(certificates.length).toBeGreaterThan(0);
      expect(Buffer.from(certificates[0]!.der).equals(Buffer.from(cert))).toBe(true);
    }
  });

  it('gives no certificate for an empty PKCS#7 and a clear problem for a truncated one', () => {
    // ContentInfo { OID signedData, [0] {} }
    const p7 = new Uint8Array([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x00]);
    expect(() => splitCertificates(p7, 'x.p7b')).toThrow(/PKCS#7: SignedData is not a SEQUENCE/);
    const empty = pkcs7Of([]);
    expect(readCertificates(empty, 'empty.p7b')).toEqual({ certificates: [], problems: [] });
    const { problems } = readCertificates(text(`-----BEGIN PKCS7-----\n${Buffer.from(empty.subarray(0, 20)).toString('base64')}\n-----END PKCS7-----\n`), 'cut.p7b');
    expect(problems).toEqual([expect.stringMatching(/PEM block 1: PKCS#7: malformed/)]);
  });

  it('reads base64 saved without PEM lines, and names it when it is not a certificate', () => {
    const b64 = Buffer.from(fixture('ec-p256.der')).toString('base64').replace(/(.{64})/g, '$1\n');
    expect(splitCertificates(text(b64), 'noheader.cer')).toHaveLength(1);
    expect(() => splitCertificates(text(b64.slice(0, 200)), 'cut.cer')).toThrow(/base64 text without a PEM header that is not a certificate/);
  });

  it('points PKCS#12 to the keystore reader', () => {
    // PFX { INTEGER 3, ContentInfo { OID data, ... } }
    const p12 = new Uint8Array([0x30, 0x10, 0x02, 0x01, 0x03, 0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);
    expect(() => splitCertificates(p12, 'x.p12')).toThrow(/PKCS#12 \(PFX\) keystore/);
    expect(() => splitCertificates(new Uint8Array([0x30, 0x80, 0x02, 0x01, 0x03]), 'ber.p12')).toThrow(/probably PKCS#12/);
  });

  it('caps the number of PEM blocks', () => {
    const many = '-----BEGIN X-----\nAA==\n-----END X-----\n'.repeat(MAX_PEM_BLOCKS + 1);
    expect(() => splitCertificates(text(many), 'many.pem')).toThrow(/more than/);
  });
});

/** The body decoding pem.ts had before its fast path: the reference every body must decode like. */
function referenceDecode(body: string): Buffer | undefined {
  let lines = body.split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => l.includes(':'))) {
    const blank = lines.findIndex((l, k) => k > 0 && l === '');
    lines = blank >= 0 ? lines.slice(blank + 1) : lines.filter((l) => !l.includes(':'));
  }
  const b64 = lines.join('').replace(/\s+/g, '');
  if (b64.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 === 1) return undefined;
  return Buffer.from(b64, 'base64');
}

const decodeBody = (label: string, body: string): Uint8Array | undefined => readPemBlocks(`-----BEGIN ${label}-----${body}-----END ${label}-----\n`, 'x').blocks[0]!.decode();

describe('PEM body decoding', () => {
  /** A base64 body of `bytes` random bytes, wrapped at `width` with `eol`, as tools write it. */
  const body = (bytes: number, width: number, eol: string): string => {
    const b64 = randomBytes(bytes).toString('base64');
    const lines = b64.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
    return `${eol}${lines.join(eol)}${eol}`;
  };
  const noise = ['', ' ', '_', '\u0100', '\u012d', '\t', '\r', '\n', '\r\n', '=', '==', '-', ':', '.', '!', '\u00e9', '\u0141', '\u0152', '\u20ac', '\u00a0', 'A', 'AB', 'ABC', 'Proc-Type: 4,ENCRYPTED\n\n'];

  it('decodes clean bodies (LF, CRLF, any width, any padding) to the same bytes as the checked decoder', () => {
    for (const label of ['CERTIFICATE', 'PRIVATE KEY']) {
      for (const bytes of [1, 2, 3, 4, 5, 63, 64, 65, 1250]) {
        for (const [width, eol] of [[64, '\n'], [76, '\r\n'], [4, '\n'], [10_000, '\n']] as const) {
          const text = body(bytes, width, eol);
          const decoded = decodeBody(label, text);
          expect(decoded && Buffer.from(decoded)).toEqual(referenceDecode(text));
        }
      }
    }
  });

  it('agrees with the checked decoder on damaged bodies: stray characters, spaces, early padding, non-ASCII', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(16, 64, 76),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...noise), fc.boolean()), { maxLength: 3 }),
        fc.boolean(),
        (bytes, width, eol, edits, keyLabel) => {
          let text = body(bytes, width, eol);
          for (const [at, insert, replace] of edits) {
            const k = text.length === 0 ? 0 : at % text.length;
            text = text.slice(0, k) + insert + text.slice(replace ? k + 1 : k);
          }
          const decoded = decodeBody(keyLabel ? 'PRIVATE KEY' : 'CERTIFICATE', text);
          expect(decoded && Buffer.from(decoded)).toEqual(referenceDecode(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keeps earlier certificates intact while later ones are decoded (pooled buffers do not overlap)', () => {
    const ders = Array.from({ length: 40 }, (_, k) => randomBytes(900 + k * 37));
    const pem = ders.map((d) => `-----BEGIN CERTIFICATE-----\n${d.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`).join('');
    const { blocks } = readPemBlocks(pem, 'bundle.pem');
    const decoded = blocks.map((b) => b.decode());
    decoded.forEach((d, k) => expect(d && Buffer.from(d).equals(ders[k]!)).toBe(true));
  });

  it('decodes a private key into memory of its own, never shared with certificates', () => {
    const cert = pemOf('ec-p256.pem');
    const { blocks } = readPemBlocks(`${cert}-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n${cert}`, 'mixed.pem');
    const [first, key, last] = blocks.map((b) => b.decode()!);
    expect(key!.buffer).not.toBe(first!.buffer);
    expect(key!.buffer).not.toBe(last!.buffer);
    expect(key!.byteLength).toBe(key!.buffer.byteLength);
  });
});
