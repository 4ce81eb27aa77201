// A bounded ZIP reader and a rewriter that copies every untouched entry byte for byte (local header, compressed data
// and data descriptor as they were), so an edited workbook differs from its template only in the entries we changed.
// Only what xlsx files use is supported: stored or deflated entries, no encryption, no ZIP64, one disk.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { ConfigError } from '../errors.js';

/** Limits that keep a hostile archive (a zip bomb, a huge directory) from exhausting memory. */
export interface ZipLimits {
  /** Size of the archive file itself. */
  readonly maxArchiveBytes: number;
  readonly maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries. */
  readonly maxTotalUncompressedBytes: number;
  /** Uncompressed size of any one entry that is read. */
  readonly maxEntryBytes: number;
}

/** Limits for the official workbooks (about 1 MB compressed, 6 MB uncompressed, 300 entries) with a wide margin. */
export const WORKBOOK_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 64 * 1024 * 1024,
  maxEntries: 5_000,
  maxTotalUncompressedBytes: 256 * 1024 * 1024,
  maxEntryBytes: 32 * 1024 * 1024,
};

/** One entry of the central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** The central directory record as stored (fixed part, name, extra field, comment). */
  readonly centralRecord: Uint8Array;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

function fail(source: string, message: string): never {
  throw new ConfigError(`${source}: ${message}`, source);
}

/** A read-only view of a ZIP archive whose directory has been checked against the limits. */
export class ZipArchive {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    readonly entries: readonly ZipEntry[],
    private readonly eocdOffset: number,
    private readonly source: string,
    private readonly limits: ZipLimits,
  ) {}

  /** Parses the central directory; throws ConfigError (naming `source`) for anything that is not a plain, bounded ZIP. */
  static read(bytes: Uint8Array, source: string, limits: ZipLimits = WORKBOOK_ZIP_LIMITS): ZipArchive {
    if (bytes.length > limits.maxArchiveBytes) fail(source, `the file is ${bytes.length} bytes; the limit is ${limits.maxArchiveBytes}`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEndOfCentralDirectory(view);
    if (eocd < 0) fail(source, 'not an xlsx file (no ZIP directory found)');
    const disk = view.getUint16(eocd + 4, true);
    const cdDisk = view.getUint16(eocd + 6, true);
    const count = view.getUint16(eocd + 10, true);
    const cdSize = view.getUint32(eocd + 12, true);
    const cdOffset = view.getUint32(eocd + 16, true);
    if (disk !== 0 || cdDisk !== 0) fail(source, 'multi-disk ZIP archives are not supported');
    if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) fail(source, 'ZIP64 archives are not supported');
    if (count > limits.maxEntries) fail(source, `the archive has ${count} entries; the limit is ${limits.maxEntries}`);
    if (cdOffset + cdSize > eocd) fail(source, 'corrupt ZIP directory');

    const entries: ZipEntry[] = [];
    const names = new Set<string>();
    let totalUncompressed = 0;
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) fail(source, 'corrupt ZIP directory');
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const crc = view.getUint32(p + 16, true);
      const compressedSize = view.getUint32(p + 20, true);
      const uncompressedSize = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const localHeaderOffset = view.getUint32(p + 42, true);
      const end = p + 46 + nameLength + extraLength + commentLength;
      if (end > eocd) fail(source, 'corrupt ZIP directory');
      const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
      const name = new TextDecoder((flags & FLAG_UTF8) !== 0 ? 'utf-8' : 'latin1').decode(nameBytes);
      if ((flags & FLAG_ENCRYPTED) !== 0) fail(source, `entry ${name} is encrypted`);
      if (method !== 0 && method !== 8) fail(source, `entry ${name} uses compression method ${method}; only stored and deflated entries are supported`);
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) fail(source, 'ZIP64 archives are not supported');
      if (names.has(name)) fail(source, `entry ${name} appears twice`);
      names.add(name);
      totalUncompressed += uncompressedSize;
      if (totalUncompressed > limits.maxTotalUncompressedBytes) {
        fail(source, `the entries unpack to more than ${limits.maxTotalUncompressedBytes} bytes (a ZIP bomb?)`);
      }
      entries.push({ name, method, flags, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset, centralRecord: bytes.subarray(p, end) });
      p = end;
    }
    const archive = new ZipArchive(bytes, view, entries, eocd, source, limits);
    for (const entry of entries) archive.localRecordEnd(entry);
    return archive;
  }

  /** Whether the archive has an entry with this name. */
  has(name: string): boolean {
    return this.entries.some((e) => e.name === name);
  }

  /** Returns the uncompressed bytes of an entry; throws ConfigError when it is missing, too large, or corrupt. */
  read(name: string): Uint8Array {
    const entry = this.entries.find((e) => e.name === name);
    if (entry === undefined) fail(this.source, `the workbook has no part ${name}`);
    if (entry.uncompressedSize > this.limits.maxEntryBytes) {
      fail(this.source, `part ${name} unpacks to ${entry.uncompressedSize} bytes; the limit is ${this.limits.maxEntryBytes}`);
    }
    const start = this.dataStart(entry);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    let out: Uint8Array;
    if (entry.method === 0) out = data;
    else {
      try {
        // The declared size bounds the output: a part that inflates to more is rejected, never buffered.
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch {
        fail(this.source, `part ${name} is corrupt or unpacks to more than its declared ${entry.uncompressedSize} bytes`);
      }
    }
    if (out.length !== entry.uncompressedSize || crc32(out) !== entry.crc32) fail(this.source, `part ${name} is corrupt (size or CRC mismatch)`);
    return out;
  }

  /** Returns an entry decoded as UTF-8 text. */
  text(name: string): string {
    return new TextDecoder('utf-8').decode(this.read(name));
  }

  /** The stored bytes of one entry (local header, compressed data, data descriptor), exactly as in the archive. */
  rawRecord(entry: ZipEntry): Uint8Array {
    return this.bytes.subarray(entry.localHeaderOffset, this.localRecordEnd(entry));
  }

  /**
   * Writes a new archive: entries named in `replacements` get the new content (deflated), every other entry is copied
   * byte for byte; entry order, names, extra fields, comments and the archive comment are kept.
   */
  rewrite(replacements: ReadonlyMap<string, Uint8Array>): Uint8Array {
    for (const name of replacements.keys()) if (!this.has(name)) fail(this.source, `cannot replace missing part ${name}`);
    const chunks: Uint8Array[] = [];
    const central: Uint8Array[] = [];
    let offset = 0;
    for (const entry of this.entries) {
      const replacement = replacements.get(entry.name);
      let local: Uint8Array;
      let record: Uint8Array;
      if (replacement === undefined) {
        local = this.rawRecord(entry);
        record = new Uint8Array(entry.centralRecord);
      } else {
        const compressed = deflateRawSync(replacement, { level: 6 });
        const crc = crc32(replacement);
        const headerLength = 30 + this.view.getUint16(entry.localHeaderOffset + 26, true) + this.view.getUint16(entry.localHeaderOffset + 28, true);
        const header = new Uint8Array(this.bytes.subarray(entry.localHeaderOffset, entry.localHeaderOffset + headerLength));
        const hv = new DataView(header.buffer);
        const flags = entry.flags & ~FLAG_DESCRIPTOR;
        hv.setUint16(6, flags, true);
        hv.setUint16(8, 8, true);
        hv.setUint32(14, crc, true);
        hv.setUint32(18, compressed.length, true);
        hv.setUint32(22, replacement.length, true);
        local = concat([header, compressed]);
        record = new Uint8Array(entry.centralRecord);
        const rv = new DataView(record.buffer);
        rv.setUint16(8, flags, true);
        rv.setUint16(10, 8, true);
        rv.setUint32(16, crc, true);
        rv.setUint32(20, compressed.length, true);
        rv.setUint32(24, replacement.length, true);
      }
      new DataView(record.buffer, record.byteOffset, record.byteLength).setUint32(42, offset, true);
      chunks.push(local);
      central.push(record);
      offset += local.length;
    }
    const cdOffset = offset;
    const cd = concat(central);
    const eocd = new Uint8Array(this.bytes.subarray(this.eocdOffset));
    const ev = new DataView(eocd.buffer);
    ev.setUint32(12, cd.length, true);
    ev.setUint32(16, cdOffset, true);
    return concat([...chunks, cd, eocd]);
  }

  private dataStart(entry: ZipEntry): number {
    const p = entry.localHeaderOffset;
    if (p + 30 > this.eocdOffset || this.view.getUint32(p, true) !== LOCAL_SIGNATURE) fail(this.source, `corrupt local header for ${entry.name}`);
    return p + 30 + this.view.getUint16(p + 26, true) + this.view.getUint16(p + 28, true);
  }

  private localRecordEnd(entry: ZipEntry): number {
    let end = this.dataStart(entry) + entry.compressedSize;
    if ((entry.flags & FLAG_DESCRIPTOR) !== 0) end += end + 4 <= this.eocdOffset && this.view.getUint32(end, true) === DESCRIPTOR_SIGNATURE ? 16 : 12;
    if (end > this.eocdOffset) fail(this.source, `entry ${entry.name} runs past the end of the archive`);
    return end;
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let p = last; p >= first; p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE && p + 22 + view.getUint16(p + 20, true) === view.byteLength) return p;
  }
  return -1;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
