import { describe, expect, it } from 'vitest';
import { strToU8, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { ZipArchive, type ZipLimits } from '../../src/prefill/zip.js';

const LIMITS: ZipLimits = { maxArchiveBytes: 1_000_000, maxEntries: 10, maxTotalUncompressedBytes: 100_000, maxEntryBytes: 50_000 };

/** An archive written by fflate's streaming Zip: sizes in data descriptors after the data (general purpose bit 3). */
function streamedZip(files: Record<string, Uint8Array>, stored: readonly string[] = []): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, data] of Object.entries(files)) {
    const entry = stored.includes(name) ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

/** Sets the declared uncompressed size of every entry (central directory and local headers) to `size`. */
function lieAboutSizes(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  for (let p = 0; p + 4 <= out.length; p++) {
    const sig = view.getUint32(p, true);
    if (sig === 0x02014b50) view.setUint32(p + 24, size, true);
    if (sig === 0x04034b50) view.setUint32(p + 22, size, true);
  }
  return out;
}

describe('ZipArchive', () => {
  it('reads entries and rewrites only the replaced one, copying every other stored record byte for byte', () => {
    const original = streamedZip({ 'a.xml': strToU8('<a>one</a>'.repeat(50)), 'b.bin': Uint8Array.from({ length: 300 }, (_, i) => i % 256), 'c.txt': strToU8('stored') }, ['c.txt']);
    const archive = ZipArchive.read(original, 'x.zip', LIMITS);
    expect(archive.entries.map((e) => e.name)).toEqual(['a.xml', 'b.bin', 'c.txt']);
    expect(archive.entries[0]!.flags & 0x0008).toBe(0x0008);
    expect(archive.text('c.txt')).toBe('stored');
    const rewritten = archive.rewrite(new Map([['a.xml', strToU8('<a>two</a>')]]));
    const again = ZipArchive.read(rewritten, 'y.zip', LIMITS);
    expect(again.text('a.xml')).toBe('<a>two</a>');
    for (const name of ['b.bin', 'c.txt']) {
      const before = archive.entries.find((e) => e.name === name)!;
      const after = again.entries.find((e) => e.name === name)!;
      expect(Buffer.from(again.rawRecord(after)).equals(Buffer.from(archive.rawRecord(before)))).toBe(true);
    }
    expect(Buffer.from(again.read('b.bin')).equals(Buffer.from(archive.read('b.bin')))).toBe(true);
  });

  it.each([
    ['an archive larger than the limit', () => new Uint8Array(LIMITS.maxArchiveBytes + 1), /x\.zip: the file is 1000001 bytes; the limit is 1000000/],
    ['more entries than the limit', () => zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, strToU8('x')]))), /x\.zip: the archive has 11 entries; the limit is 10/],
    ['entries that declare more than the total limit (a ZIP bomb)', () => lieAboutSizes(zipSync({ a: strToU8('x'), b: strToU8('y') }), 60_000), /x\.zip: the entries unpack to more than 100000 bytes \(a ZIP bomb\?\)/],
    ['not a ZIP file', () => strToU8('PK but not really a zip archive'), /x\.zip: not an xlsx file \(no ZIP directory found\)/],
  ])('refuses %s', (_name, make, message) => {
    expect(() => ZipArchive.read(make(), 'x.zip', LIMITS)).toThrow(message);
  });

  it('refuses to unpack an entry that inflates to more than it declares, without buffering it all', () => {
    const bomb = lieAboutSizes(zipSync({ 'big.xml': new Uint8Array(40_000) }, { level: 9 }), 100);
    const archive = ZipArchive.read(bomb, 'x.zip', LIMITS);
    expect(() => archive.read('big.xml')).toThrow('x.zip: part big.xml is corrupt or unpacks to more than its declared 100 bytes');
  });

  it('refuses to unpack an entry above the per-entry limit and reports a CRC mismatch as corruption', () => {
    const archive = ZipArchive.read(zipSync({ 'big.xml': new Uint8Array(60_000) }, { level: 9 }), 'x.zip', { ...LIMITS, maxTotalUncompressedBytes: 1_000_000 });
    expect(() => archive.read('big.xml')).toThrow('x.zip: part big.xml unpacks to 60000 bytes; the limit is 50000');
    const stored = zipSync({ 'a.txt': [strToU8('hello'), { level: 0 }] });
    const damaged = new Uint8Array(stored);
    damaged[damaged.indexOf(0x68)] = 0x6a;
    expect(() => ZipArchive.read(damaged, 'x.zip', LIMITS).read('a.txt')).toThrow('x.zip: part a.txt is corrupt (size or CRC mismatch)');
  });
});
