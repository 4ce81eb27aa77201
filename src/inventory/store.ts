/**
 * Compact storage for the inventory: columns of numbers in fixed-size typed-array chunks, SHA-256 values as 32 bytes,
 * and text in byte chunks with numeric ids. Nothing here is a JS object per certificate, so a million certificates
 * cost a few hundred bytes each, mostly outside the V8 heap, and growing never copies what is already stored.
 */

const CHUNK_SHIFT = 16;
const CHUNK_SIZE = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_SIZE - 1;
/** The first chunk starts small and doubles (small inventories stay small); the others are full size. */
const FIRST_CHUNK_SIZE = 64;

/** Returns the chunk for index `i`, allocating or growing it as needed. */
function chunkFor<T extends { length: number; set(a: ArrayLike<number>): void }>(chunks: T[], i: number, make: (n: number) => T): T {
  const c = i >>> CHUNK_SHIFT;
  let chunk = chunks[c];
  const need = (i & CHUNK_MASK) + 1;
  if (chunk === undefined || chunk.length < need) {
    let size = chunk?.length ?? (c === 0 ? FIRST_CHUNK_SIZE : CHUNK_SIZE);
    while (size < need) size *= 2;
    const grown = make(Math.min(size, CHUNK_SIZE));
    if (chunk !== undefined) grown.set(chunk);
    chunks[c] = chunk = grown;
  }
  return chunk;
}

/** A growable column of unsigned 32-bit integers (0 until set). */
export class U32Column {
  private readonly chunks: Uint32Array[] = [];

  /** The value at `i` (0 when never set). */
  get(i: number): number {
    return this.chunks[i >>> CHUNK_SHIFT]?.[i & CHUNK_MASK] ?? 0;
  }

  /** Sets the value at `i`. */
  set(i: number, value: number): void {
    const chunk = this.chunks[i >>> CHUNK_SHIFT];
    if (chunk !== undefined && (i & CHUNK_MASK) < chunk.length) chunk[i & CHUNK_MASK] = value;
    else chunkFor(this.chunks, i, (n) => new Uint32Array(n))[i & CHUNK_MASK] = value;
  }
}

/** A growable column of float64 numbers (dates as milliseconds). */
export class F64Column {
  private readonly chunks: Float64Array[] = [];

  /** The value at `i` (0 when never set). */
  get(i: number): number {
    return this.chunks[i >>> CHUNK_SHIFT]?.[i & CHUNK_MASK] ?? 0;
  }

  /** Sets the value at `i`. */
  set(i: number, value: number): void {
    const chunk = this.chunks[i >>> CHUNK_SHIFT];
    if (chunk !== undefined && (i & CHUNK_MASK) < chunk.length) chunk[i & CHUNK_MASK] = value;
    else chunkFor(this.chunks, i, (n) => new Float64Array(n))[i & CHUNK_MASK] = value;
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Per-process hash seed: SHA-256 values in a hand-made report may be chosen to collide (all starting with zeros), and
 * an unseeded hash of them would turn every lookup into a walk over the whole table.
 */
const SEED = crypto.getRandomValues(new Uint32Array(1))[0]!;

/** A seeded 32-bit hash of the 32 bytes at `offset`. */
function hash32(bytes: Buffer, offset: number): number {
  let h = SEED;
  for (let k = 0; k < 32; k += 4) {
    h = Math.imul(h ^ bytes.readUInt32LE(offset + k), 0x9e3779b1);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** Whether a text is a lowercase 64-digit hex SHA-256 (the form kept as 32 bytes). */
export function isCanonicalSha256(text: string): boolean {
  return HEX64.test(text);
}

/** A growable column of 32-byte digests, with lookups through an open-addressing hash table. */
export class DigestColumn {
  private readonly chunks: Buffer[] = [];
  private readonly make = (bytes: number): Buffer => Buffer.alloc(bytes);

  /** Stores the lowercase hex digest `hex` (see isCanonicalSha256) at `i`. */
  set(i: number, hex: string): void {
    // Indexed by byte: chunks hold a whole number of digests, so none straddles two.
    const chunk = chunkFor(this.chunks, i * 32 + 31, this.make);
    chunk.write(hex, (i * 32) & CHUNK_MASK, 32, 'hex');
  }

  /** The digest at `i` as lowercase hex. */
  hex(i: number): string {
    const at = i * 32;
    return this.chunks[at >>> CHUNK_SHIFT]!.toString('hex', at & CHUNK_MASK, (at & CHUNK_MASK) + 32);
  }

  /** A seeded hash of the digest at `i`. */
  hash(i: number): number {
    const at = i * 32;
    return hash32(this.chunks[at >>> CHUNK_SHIFT]!, at & CHUNK_MASK);
  }

  /** The first 48 bits as a number, in big-endian order: comparing these orders digests like their hex. */
  prefix(i: number): number {
    const at = i * 32;
    return this.chunks[at >>> CHUNK_SHIFT]!.readUIntBE(at & CHUNK_MASK, 6);
  }

  /** Compares the digests at `a` and `b` byte by byte (the order of their hex forms). */
  compare(a: number, b: number): number {
    const x = a * 32;
    const y = b * 32;
    const cx = this.chunks[x >>> CHUNK_SHIFT]!;
    const ox = x & CHUNK_MASK;
    const oy = y & CHUNK_MASK;
    return cx.compare(this.chunks[y >>> CHUNK_SHIFT]!, oy, oy + 32, ox, ox + 32);
  }

  /** Whether the digest at `i` equals the 32 bytes of `digest`. */
  equals(i: number, digest: Buffer): boolean {
    const at = i * 32;
    const o = at & CHUNK_MASK;
    return this.chunks[at >>> CHUNK_SHIFT]!.compare(digest, 0, 32, o, o + 32) === 0;
  }
}

/** An open-addressing hash set of indices into a DigestColumn (load at most 1/2), for exact digest lookups. */
export class DigestIndex {
  private slots = new Uint32Array(64);
  private count = 0;
  private readonly scratch = Buffer.alloc(32);

  constructor(private readonly column: DigestColumn) {}

  /** The index whose digest is the lowercase hex `hex`, or -1. */
  find(hex: string): number {
    this.scratch.write(hex, 0, 32, 'hex');
    const mask = this.slots.length - 1;
    for (let s = hash32(this.scratch, 0) & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === 0) return -1;
      if (this.column.equals(v - 1, this.scratch)) return v - 1;
    }
  }

  /** The index already in the set with the digest of `i`, else adds `i` and returns it. */
  findOrInsert(i: number): number {
    const mask = this.slots.length - 1;
    for (let s = this.column.hash(i) & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === 0) break;
      if (this.column.compare(v - 1, i) === 0) return v - 1;
    }
    this.insert(i);
    return i;
  }

  /** Adds index `i` (its digest must not be in the set yet). */
  insert(i: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    this.place(this.slots, i);
    this.count++;
  }

  private place(slots: Uint32Array, i: number): void {
    const mask = slots.length - 1;
    let s = this.column.hash(i) & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = i + 1;
  }

  private rehash(size: number): void {
    const next = new Uint32Array(size);
    for (const v of this.slots) if (v !== 0) this.place(next, v - 1);
    this.slots = next;
  }
}

/** Text ids: a pool id, INTERNED | table index, or NO_TEXT for undefined. */
export const NO_TEXT = 0xffffffff;
const INTERNED = 0x80000000;
/** At most this many distinct interned texts (issuer names, collectors, targets, times); more go to the pool. */
const MAX_INTERNED = 100_000;

const TEXT_CHUNK_BITS = 20;
const TEXT_CHUNK_MAX = 1 << TEXT_CHUNK_BITS;
const MAX_TEXT_CHUNKS = 1 << (32 - TEXT_CHUNK_BITS);
const FIRST_TEXT_CHUNK = 4096;
/** How a text is encoded, in the top two bits of its stored length. */
const LATIN1 = 0;
const UTF16 = 1;
const HEX_LOWER = 2;
const HEX_UPPER = 3;
const KIND_SHIFT = 30;
const LENGTH_MASK = (1 << KIND_SHIFT) - 1;
// eslint-disable-next-line no-control-regex
const NOT_LATIN1 = /[^\u0000-\u00ff]/;
const HEX_LOWER_RE = /^(?:[0-9a-f]{2})+$/;
const HEX_UPPER_RE = /^(?:[0-9A-F]{2})+$/;
/** Texts up to this length are checked and copied character by character. */
const SHORT_TEXT = 256;

/**
 * Texts stored as bytes: Latin-1 when every character fits, else UTF-16 (lossless for any JS string), and
 * even-length hex (serial numbers, key identifiers) as the bytes it spells. Repeated texts can be interned.
 */
export class TextPool {
  private readonly chunks: Buffer[] = [];
  private used = 0;
  private readonly where = new U32Column();
  private readonly lengths = new U32Column();
  private count = 0;
  private readonly table: string[] = [];
  private readonly ids = new Map<string, number>();

  /** Stores `text`; returns its id. */
  add(text: string): number {
    const n = text.length;
    if (n > 0 && n % 2 === 0 && HEX_LOWER_RE.test(text)) return this.store(text, HEX_LOWER, n / 2);
    if (n > 0 && n % 2 === 0 && HEX_UPPER_RE.test(text)) return this.store(text, HEX_UPPER, n / 2);
    if (n <= SHORT_TEXT) {
      // Short texts (names, locations) are copied in JS when every character is Latin-1: no call into C++.
      const chunk = this.room(n);
      let k = 0;
      for (; k < n; k++) {
        const c = text.charCodeAt(k);
        if (c > 0xff) break;
        chunk[this.used + k] = c;
      }
      if (k === n) return this.commit(LATIN1, n);
    }
    return NOT_LATIN1.test(text) ? this.store(text, UTF16, n * 2) : this.store(text, LATIN1, n);
  }

  /** The current chunk with room for `bytes` more (a new chunk when needed). */
  private room(bytes: number): Buffer {
    if (bytes > LENGTH_MASK) throw new RangeError(`inventory: text of ${bytes} bytes is too long to store`);
    const chunk = this.chunks[this.chunks.length - 1];
    // An offset must fit in the low bits: after an oversized text (a chunk of its own) even an empty one moves on.
    if (chunk !== undefined && this.used + bytes <= chunk.length && this.used < TEXT_CHUNK_MAX) return chunk;
    if (this.chunks.length >= MAX_TEXT_CHUNKS) throw new RangeError('inventory: text storage is full');
    const next = Buffer.alloc(Math.max(bytes, Math.min(TEXT_CHUNK_MAX, (chunk?.length ?? FIRST_TEXT_CHUNK / 2) * 2)));
    this.chunks.push(next);
    this.used = 0;
    return next;
  }

  private store(text: string, kind: number, bytes: number): number {
    this.room(bytes).write(text, this.used, bytes, kind === LATIN1 ? 'latin1' : kind === UTF16 ? 'utf16le' : 'hex');
    return this.commit(kind, bytes);
  }

  /** Records the `bytes` just written at the end of the current chunk as a new text; returns its id. */
  private commit(kind: number, bytes: number): number {
    const id = this.count++;
    // Oversized texts have a chunk of their own and start at 0, so the offset always fits in the low bits.
    this.where.set(id, (((this.chunks.length - 1) << TEXT_CHUNK_BITS) | this.used) >>> 0);
    this.lengths.set(id, ((kind << KIND_SHIFT) | bytes) >>> 0);
    this.used += bytes;
    return id;
  }

  /** Returns the id of `text`, shared with earlier equal texts while the intern table has room. */
  intern(text: string): number {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    if (this.table.length >= MAX_INTERNED) return this.add(text);
    const id = (INTERNED | this.table.length) >>> 0;
    this.table.push(text);
    this.ids.set(text, id);
    return id;
  }

  /** `add` or NO_TEXT for undefined. */
  addOptional(text: string | undefined): number {
    return text === undefined ? NO_TEXT : this.add(text);
  }

  /** `intern` or NO_TEXT for undefined. */
  internOptional(text: string | undefined): number {
    return text === undefined ? NO_TEXT : this.intern(text);
  }

  /** The text of an id. */
  get(id: number): string {
    if (id >= INTERNED) return this.table[id - INTERNED]!;
    const where = this.where.get(id);
    const length = this.lengths.get(id);
    const chunk = this.chunks[where >>> TEXT_CHUNK_BITS]!;
    const start = where & (TEXT_CHUNK_MAX - 1);
    const end = start + (length & LENGTH_MASK);
    switch (length >>> KIND_SHIFT) {
      case LATIN1:
        return chunk.toString('latin1', start, end);
      case UTF16:
        return chunk.toString('utf16le', start, end);
      case HEX_LOWER:
        return chunk.toString('hex', start, end);
      default:
        return chunk.toString('hex', start, end).toUpperCase();
    }
  }

  /** The text of an id, or undefined for NO_TEXT. */
  getOptional(id: number): string | undefined {
    return id === NO_TEXT ? undefined : this.get(id);
  }
}
