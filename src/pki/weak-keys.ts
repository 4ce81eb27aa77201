/**
 * Weak RSA key signals, computed from the modulus and exponent bytes of a SubjectPublicKeyInfo.
 *
 * - Exponent: even (never a valid RSA key) or below 65537 (outside the CA/B Baseline Requirements range).
 * - Fermat: the modulus factors with Fermat's method within FERMAT_ROUNDS rounds, which happens when p and q share
 *   their upper half (broken key generators; the badkeys "fermat" check uses the same bound). The rounds run on plain
 *   numbers: residues modulo small primes rule out nearly every candidate, so only the integer square root of the
 *   modulus costs BigInt work (a few µs for RSA-2048).
 * - Debian: the modulus is listed in a Debian openssl-blacklist file (CVE-2008-0166 keys, or any list in that format):
 *   one entry per line, the last 20 hex digits (80 bits) of SHA-1("Modulus=" + uppercase hex modulus + "\n"), which is
 *   `openssl x509 -noout -modulus -in cert.pem | sha1sum | cut -c 21-40`; lines starting with # are comments, and full
 *   40-digit SHA-1 values are accepted too.
 */
import { hash } from 'node:crypto';
import type { RsaWeakness } from '../../model/evidence.js';
import { ConfigError } from '../errors.js';
import { displayPath, readBoundedText } from '../config/load-file.js';

/** Fermat rounds tried per modulus. */
export const FERMAT_ROUNDS = 100;

/** Largest blocklist file read (the full Debian RSA-2048 list is about 700 KB). */
const MAX_BLOCKLIST_BYTES = 64 * 1024 * 1024;

/** A set of Debian weak-key fingerprints (openssl-blacklist format). */
export class DebianWeakKeys {
  private constructor(
    private readonly fingerprints: ReadonlySet<string>,
    /** Where the list came from, for messages. */
    readonly source: string,
  ) {}

  /** Parses blocklist text; returns the list; throws ConfigError naming the first line that is not a fingerprint. */
  static parse(text: string, source = 'weak-key list'): DebianWeakKeys {
    const fingerprints = new Set<string>();
    const lines = text.split(/\r?\n/);
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k]!.trim().toLowerCase();
      if (line === '' || line.startsWith('#')) continue;
      if (/^[0-9a-f]{20}$/.test(line)) fingerprints.add(line);
      else if (/^[0-9a-f]{40}$/.test(line)) fingerprints.add(line.slice(20));
      else throw new ConfigError(`${source}: line ${k + 1} is not a weak-key fingerprint (expected 20 or 40 hex digits)`, source);
    }
    return new DebianWeakKeys(fingerprints, source);
  }

  /** Returns one list holding the fingerprints of all `lists`. */
  static union(lists: readonly DebianWeakKeys[]): DebianWeakKeys {
    const fingerprints = new Set<string>();
    for (const list of lists) for (const fingerprint of list.fingerprints) fingerprints.add(fingerprint);
    return new DebianWeakKeys(fingerprints, lists.map((l) => l.source).join(', '));
  }

  /** Number of fingerprints in the list. */
  get size(): number {
    return this.fingerprints.size;
  }

  /** Whether the RSA modulus (INTEGER content bytes) is on the list. */
  has(modulus: Uint8Array): boolean {
    return this.fingerprints.has(debianFingerprint(modulus));
  }
}

/**
 * Reads several blocklist files (relative paths resolve against `baseDir`) into one list; returns undefined for no
 * files; throws ConfigError naming the first file that is missing, unreadable or not in the blocklist format.
 */
export async function loadDebianWeakKeyLists(paths: readonly string[], baseDir: string): Promise<DebianWeakKeys | undefined> {
  if (paths.length === 0) return undefined;
  const lists = await Promise.all(paths.map((path) => loadDebianWeakKeys(path, baseDir)));
  return lists.length === 1 ? lists[0] : DebianWeakKeys.union(lists);
}

/** Reads a blocklist file (relative paths resolve against `baseDir`); returns it; throws ConfigError naming the file. */
export async function loadDebianWeakKeys(path: string, baseDir: string): Promise<DebianWeakKeys> {
  const text = await readBoundedText(path, baseDir, 'weak-key list', MAX_BLOCKLIST_BYTES);
  return DebianWeakKeys.parse(text, `weak-key list ${displayPath(path, baseDir)}`);
}

/** Uppercase hex digits of every byte value, as character codes (two per byte). */
const UPPER_HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  const digits = b.toString(16).toUpperCase().padStart(2, '0');
  UPPER_HEX[2 * b] = digits.charCodeAt(0);
  UPPER_HEX[2 * b + 1] = digits.charCodeAt(1);
}
/** The text "Modulus=HEX\n" is assembled here (reused: the fingerprint is computed synchronously). */
let fingerprintInput = Buffer.alloc(8 + 2 * 1024 + 1);

/**
 * Returns the openssl-blacklist fingerprint of an RSA modulus: the last 20 hex digits of SHA-1("Modulus=HEX\n"), HEX
 * being the uppercase modulus without leading zero digits ("0" for zero). The text is written as bytes into one
 * reused buffer (no hex string, regex or case conversion per key).
 */
export function debianFingerprint(modulus: Uint8Array): string {
  let k = 0;
  while (k < modulus.length && modulus[k] === 0) k++;
  const size = 8 + Math.max(1, 2 * (modulus.length - k)) + 1;
  if (fingerprintInput.length < size) fingerprintInput = Buffer.alloc(size);
  const out = fingerprintInput;
  out.write('Modulus=', 0, 'latin1');
  let o = 8;
  if (k === modulus.length) out[o++] = 0x30;
  else {
    const first = modulus[k]!;
    if (first >= 16) out[o++] = UPPER_HEX[2 * first]!;
    out[o++] = UPPER_HEX[2 * first + 1]!;
    for (let i = k + 1; i < modulus.length; i++) {
      const b = modulus[i]!;
      out[o++] = UPPER_HEX[2 * b]!;
      out[o++] = UPPER_HEX[2 * b + 1]!;
    }
  }
  out[o++] = 0x0a;
  return hash('sha1', out.subarray(0, o), 'hex').slice(20);
}

/**
 * Returns the weak-key signals of an RSA public key given as INTEGER content bytes (empty when none applies), in the
 * order fermat, debian-weak, small-exponent, even-exponent. The Debian check runs only when a list is given; a
 * caller that already knows the Fermat result (a cache) passes it as `fermat`.
 */
export function rsaWeaknesses(modulus: Uint8Array, exponent: Uint8Array, debian?: DebianWeakKeys, fermat = isFermatFactorable(modulus)): RsaWeakness[] {
  const out: RsaWeakness[] = [];
  if (fermat) out.push('fermat');
  if (debian?.has(modulus) === true) out.push('debian-weak');
  let start = 0;
  while (start < exponent.length - 1 && exponent[start] === 0) start++;
  let small = exponent.length - start <= 3;
  if (small) {
    let value = 0;
    for (let k = start; k < exponent.length; k++) value = value * 256 + exponent[k]!;
    small = value < 65537;
  }
  if (small) out.push('small-exponent');
  if (exponent.length === 0 || (exponent[exponent.length - 1]! & 1) === 0) out.push('even-exponent');
  return out;
}

/** Whether Fermat's method factors the modulus (INTEGER content bytes) within FERMAT_ROUNDS rounds. */
export function isFermatFactorable(modulus: Uint8Array): boolean {
  return fermatFactorBits(toBigInt(modulus), modulusBits(modulus), FERMAT_ROUNDS) !== undefined;
}

/** Reads unsigned big-endian bytes as a BigInt. */
function toBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}`);
}

/** Small moduli whose quadratic residues filter Fermat candidates; their product stays below 2^53. */
const FILTER_MODULI = [64, 63, 65, 11, 17, 19, 23, 29, 31, 37] as const;
const FILTER_PRODUCT = BigInt(FILTER_MODULI.reduce((a, b) => a * b, 1));
const IS_SQUARE: readonly Uint8Array[] = FILTER_MODULI.map((m) => {
  const table = new Uint8Array(m);
  for (let x = 0; x < m; x++) table[(x * x) % m] = 1;
  return table;
});
/** Per modulus m: entry (n mod m)·m + (a mod m) is 1 when a² − n is a square modulo m (17 KB in all). */
const SQUARE_AFTER: readonly Uint8Array[] = FILTER_MODULI.map((m, k) => {
  const table = new Uint8Array(m * m);
  for (let nm = 0; nm < m; nm++) for (let x = 0; x < m; x++) table[nm * m + x] = IS_SQUARE[k]![(x * x - nm + m * m) % m]!;
  return table;
});
/** Per modulus m: i mod m for the candidate numbers i below SMALL, so the filter needs no division. */
const SMALL = 256;
const SMALL_MOD: readonly Uint8Array[] = FILTER_MODULI.map((m) => Uint8Array.from({ length: SMALL }, (_, i) => i % m));
/** Candidates that passed the moduli so far (reused: the check is synchronous). */
let survivors = new Int32Array(SMALL);

/**
 * Tries Fermat's factorisation: a = ⌈√n⌉, a+1, ... while a² − n is not a perfect square, for at most `rounds` values.
 * Returns the factors [p, q] (p ≤ q) when found, else undefined. Even and tiny inputs return undefined.
 */
export function fermatFactor(n: bigint, rounds = FERMAT_ROUNDS): readonly [bigint, bigint] | undefined {
  return n < 0n ? undefined : fermatFactorBits(n, bitLength(n), rounds);
}

function fermatFactorBits(n: bigint, bits: number, rounds: number): readonly [bigint, bigint] | undefined {
  if (n < 9n || (n & 1n) === 0n) return undefined;
  // The rounds are a = s, s+1, ..., s+rounds with s = ⌊√n⌋: round 0 is a square (0) only when n is one, and round
  // i ≥ 1 is ⌈√n⌉ + i − 1 otherwise. rootOrNext gives s or s + 1 without the multiplication that tells them apart, so
  // the candidates start one lower, at a0 ∈ {s − 1, s}, and run one further: a0, ..., a0 + rounds + 1. The one below
  // s has a² − n < 0 and the one past s + rounds fails (a − rounds)² ≤ n; both are dropped below.
  const a0 = rootOrNext(n, bits) - 1n;
  const total = rounds + 2;
  // Candidate i tests (a0+i)² − n, which can be a square only if it is one modulo every small m: the candidates are
  // narrowed with plain numbers and tables, modulus by modulus, before any BigInt work. Modulo 64 first (a mask,
  // stepped: (a+i+1)² − (a+i)² = 2(a+i) + 1): it keeps about 19 of 100 candidates; all ten moduli keep about one key
  // in sixty with any candidate at all.
  const aMod = Number(a0 % FILTER_PRODUCT);
  const nMod = Number(n % FILTER_PRODUCT);
  if (survivors.length < total) survivors = new Int32Array(total);
  let count = 0;
  const a64 = residue53(aMod, 64);
  let step = (2 * a64 + 1) & 63;
  let residue = ((a64 * a64) % 64 - residue53(nMod, 64) + 64) & 63;
  const table64 = IS_SQUARE[0]!;
  for (let i = 0; i < total; i++) {
    if (table64[residue] === 1) survivors[count++] = i;
    residue = (residue + step) & 63; // (a+i+1)² − (a+i)² = 2(a+i) + 1
    step = (step + 2) & 63;
  }
  for (let k = 1; k < FILTER_MODULI.length && count > 0; k++) {
    const m = FILTER_MODULI[k]!;
    const ra = residue53(aMod, m);
    const row = residue53(nMod, m) * m;
    const table = SQUARE_AFTER[k]!;
    const smallMod = SMALL_MOD[k]!;
    let kept = 0;
    for (let j = 0; j < count; j++) {
      const i = survivors[j]!;
      let x = ra + (i < SMALL ? smallMod[i]! : i % m);
      if (x >= m) x -= m;
      if (table[row + x] === 1) survivors[kept++] = i;
    }
    count = kept;
  }
  const roundsBig = BigInt(rounds);
  for (let j = 0; j < count; j++) {
    const i = survivors[j]!;
    const ai = a0 + BigInt(i);
    const b2 = ai * ai - n;
    if (b2 < 0n) continue; // below √n
    if (i > rounds && (ai - roundsBig) * (ai - roundsBig) > n) continue; // past s + rounds
    const b = isqrt(b2);
    if (b * b === b2) return [ai - b, ai + b];
  }
  return undefined;
}

/**
 * x mod m for integers 0 ≤ x < 2^50 and m ≥ 1, without the floating-point `%` (slow: x is no 32-bit integer).
 * ⌊x / m⌋ is exact: x / m < 2^50 / m, so its rounding error is below half an ulp, under 1/(8m); when x = qm + r with
 * r > 0 the exact quotient is at least 1/m away from q and q + 1, and when r = 0 it is q, which a double holds.
 * (FILTER_PRODUCT is about 2^49.3.)
 */
function residue53(x: number, m: number): number {
  return x - Math.floor(x / m) * m;
}

/** Significant bits of unsigned big-endian bytes. */
function modulusBits(bytes: Uint8Array): number {
  let k = 0;
  while (k < bytes.length && bytes[k] === 0) k++;
  return k === bytes.length ? 0 : (bytes.length - k - 1) * 8 + (32 - Math.clz32(bytes[k]!));
}

/** Returns the number of significant bits of a non-negative BigInt. */
function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** Returns the integer square root ⌊√n⌋ of a non-negative BigInt; throws RangeError for a negative one. */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  return isqrtBits(n, bitLength(n));
}

/**
 * ⌊√n⌋ for n ≥ 1 of exactly `bits` significant bits: rootOrNext, then one multiplication to pick between the two.
 */
function isqrtBits(n: bigint, bits: number): bigint {
  if (n === 0n) return 0n;
  const a = rootOrNext(n, bits);
  return a * a > n ? a - 1n : a;
}

/**
 * Returns ⌊√n⌋ or ⌊√n⌋ + 1 for n ≥ 1 of exactly `bits` significant bits, by Newton steps at doubling precision (the
 * method of CPython's math.isqrt): with c = ⌊(bits − 1)/2⌋, step j works on the top 2·d_j + 2 bits of n, where
 * d_j = c >> (steps − j), and keeps (a − 1)² < ⌊n / 4^(c − d_j)⌋ < (a + 1)². The steps with d_j ≤ 25 are replaced by
 * one float square root of that top part (below 2^52, so exact as a double; rounding the root keeps it within 1/2 + ε
 * of the real one, which is the invariant); the one division of full size then divides a 3/4-size number by a
 * 1/4-size one, and CPython's final test a² > n is left to the caller.
 */
function rootOrNext(n: bigint, bits: number): bigint {
  const c = (bits - 1) >> 1;
  let s = 31 - Math.clz32(c);
  while (s > 0 && c >> (s - 1) <= 25) s--;
  let d = c >> s;
  let a = BigInt(Math.round(Math.sqrt(Number(n >> BigInt(2 * (c - d))))));
  for (s--; s >= 0; s--) {
    const e = d;
    d = c >> s;
    a = (a << BigInt(d - e - 1)) + (n >> BigInt(2 * c - e - d + 1)) / a;
  }
  return a;
}
