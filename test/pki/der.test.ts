import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  children,
  decodeOid,
  decodeTime,
  DerError,
  integerHex,
  readNode,
  unsignedBitLength,
  validate,
} from '../../src/pki/der.js';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

describe('readNode', () => {
  it('reads short and long lengths', () => {
    expect(readNode(bytes(0x04, 0x02, 0xaa, 0xbb))).toMatchObject({ tag: 0x04, contentStart: 2, end: 4, length: 2 });
    const long = new Uint8Array(3 + 200);
    long.set([0x04, 0x81, 200]);
    expect(readNode(long)).toMatchObject({ contentStart: 3, end: 203 });
  });

  it.each([
    ['empty', bytes()],
    ['no length', bytes(0x30)],
    ['indefinite length', bytes(0x30, 0x80, 0x00, 0x00)],
    ['length past end', bytes(0x30, 0x05, 0x01)],
    ['length field too long', bytes(0x30, 0x85, 1, 1, 1, 1, 1)],
    ['truncated long length', bytes(0x30, 0x82, 0x01)],
  ])('throws DerError on %s', (_name, input) => {
    expect(() => readNode(input)).toThrow(DerError);
  });

  it('respects the limit of a parent, on a subarray view', () => {
    const outer = bytes(0xff, 0x30, 0x03, 0x04, 0x05, 0x00, 0xff);
    const view = outer.subarray(1, 6);
    expect(() => readNode(view, 2, 3)).toThrow(DerError);
    const seq = readNode(view);
    // The child claims 5 bytes but its parent holds 1: refused although the underlying buffer has more.
    expect(() => children(view, seq)).toThrow(DerError);
    const ok = bytes(0x30, 0x02, 0x05, 0x00);
    expect(children(ok, readNode(ok)).map((c) => c.tag)).toEqual([0x05]);
  });
});

describe('validate', () => {
  it('enforces the depth limit', () => {
    let buf = bytes(0x05, 0x00);
    for (let i = 0; i < 40; i++) buf = new Uint8Array([0x30, buf.length, ...buf].slice(0, 2 + buf.length));
    expect(() => validate(buf, readNode(buf), { maxDepth: 32, maxNodes: 1000 })).toThrow(/too deep/);
  });

  it('never throws anything but DerError on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
        try {
          validate(input);
        } catch (error) {
          expect(error).toBeInstanceOf(DerError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('values', () => {
  it('decodes OIDs', () => {
    expect(decodeOid(bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b))).toBe('1.2.840.113549.1.1.11');
    expect(decodeOid(bytes(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x12))).toBe('2.16.840.1.101.3.4.3.18');
    expect(() => decodeOid(bytes(0x2a, 0x86))).toThrow(DerError);
    expect(() => decodeOid(bytes())).toThrow(DerError);
  });

  it('formats serial numbers and bit lengths', () => {
    expect(integerHex(bytes(0x00, 0x80))).toBe('0080');
    expect(integerHex(bytes(0x00, 0x00, 0x7f))).toBe('7F');
    expect(unsignedBitLength(bytes(0x00, 0x80, 0x00))).toBe(16);
    expect(unsignedBitLength(bytes(0x01))).toBe(1);
  });

  it('decodes UTCTime and GeneralizedTime', () => {
    const utc = new TextEncoder().encode('491231235959Z');
    const buf = new Uint8Array([0x17, utc.length, ...utc]);
    expect(decodeTime(buf, readNode(buf)).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    const gen = new TextEncoder().encode('20500101000000Z');
    const buf2 = new Uint8Array([0x18, gen.length, ...gen]);
    expect(decodeTime(buf2, readNode(buf2)).toISOString()).toBe('2050-01-01T00:00:00.000Z');
    const bad = new TextEncoder().encode('20501301000000Z');
    const buf3 = new Uint8Array([0x18, bad.length, ...bad]);
    expect(() => decodeTime(buf3, readNode(buf3))).toThrow(DerError);
  });
});
