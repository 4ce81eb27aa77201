import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikePkcs7, Pkcs7Error, readPkcs7 } from '../../src/pki/pkcs7.js';

const p7b = new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'keystores', 'chain.p7b')));

describe('readPkcs7', () => {
  it('reads the certificates of an openssl crl2pkcs7 bundle', () => {
    expect(looksLikePkcs7(p7b)).toBe(true);
    const contents = readPkcs7(p7b);
    expect(contents.certificates).toHaveLength(2);
    expect(contents).toMatchObject({ crlCount: 0, signerCount: 0 });
    for (const der of contents.certificates) expect(der[0]).toBe(0x30);
  });

  it('rejects other content types, trailing data and truncation with a one-line Pkcs7Error', () => {
    const data = new Uint8Array([0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);
    expect(() => readPkcs7(data)).toThrow(/content type 1\.2\.840\.113549\.1\.7\.1 carries no certificates/);
    expect(() => readPkcs7(new Uint8Array([...p7b, 0]))).toThrow(/trailing data/);
    expect(() => readPkcs7(p7b.subarray(0, p7b.length - 10))).toThrow(Pkcs7Error);
  });

  it('only ever throws Pkcs7Error on mutated input', () => {
    fc.assert(
      fc.property(fc.nat({ max: p7b.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.nat({ max: p7b.length }), (at, value, cut) => {
        const bytes = p7b.slice(0, Math.max(cut, 1));
        if (at < bytes.length) bytes[at] = value;
        try {
          readPkcs7(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(Pkcs7Error);
        }
      }),
      { numRuns: 500 },
    );
  });
});
