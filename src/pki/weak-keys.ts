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

  /** Number of fingerprints in the list. */
  get size(): number {
    return this.fingerprints.size;
  }

  /** Whether the RSA modulus (INTEGER content bytes) is on the list. */
  has(modulus: Uint8Array): boolean {
    return this.fingerprints.has(debianFingerprint(modulus));
  }
}

/** Reads a blocklist file (relative paths resolve against `baseDir`); returns it; throws ConfigError naming the file. */
export async function loadDebianWeakKeys(path: string, baseDir: string): Promise<DebianWeakKeys> {
  const text = await readBoundedText(path, baseDir, 'weak-key list', MAX_BLOCKLIST_BYTES);
  return DebianWeakKeys.parse(text, `weak-key list ${displayPath(path, baseDir)}`);
}

/** Returns the openssl-blacklist fingerprint of an RSA modulus: the last 20 hex digits of SHA-1("Modulus=HEX\n"). */
export function debianFingerprint(modulus: Uint8Array): string {
  const hex = Buffer.from(modulus.buffer, modulus.byteOffset, modulus.length).toString('hex').replace(/^0+/, '').toUpperCase();
  return hash('sha1', `Modulus=${hex || '0'}\n`, 'hex').slice(20);
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

/**
 * Tries Fermat's factorisation: a = ⌈√n⌉, a+1, ... while a² − n is not a perfect square, for at most `rounds` values.
 * Returns the factors [p, q] (p ≤ q) when found, else undefined. Even and tiny inputs return undefined.
 */
export function fermatFactor(n: bigint, rounds = FERMAT_ROUNDS): readonly [bigint, bigint] | undefined {
  return n < 0n ? undefined : fermatFactorBits(n, bitLength(n), rounds);
}

function fermatFactorBits(n: bigint, bits: number, rounds: number): readonly [bigint, bigint] | undefined {
  if (n < 9n || (n & 1n) === 0n) return undefined;
  // Start at ⌊√n⌋: its round is a square (0) only when n is one, and round i ≥ 1 is ⌈√n⌉ + i − 1 otherwise, so one
  // extra round keeps the count; no multiplication is spent on telling ⌊√n⌋ and ⌈√n⌉ apart.
  const a = isqrtBits(n, bits);
  const total = rounds + 1;
  // Round i tests (a+i)² − n. Modulo a small m its residue is (rb + 2·ra·i + i²) mod m, so the rounds that can hold a
  // square are narrowed with plain numbers, modulus by modulus, before any BigInt work. Modulo 64 (a mask) first:
  // it keeps about 19 of 100 rounds.
  const aMod = Number(a % FILTER_PRODUCT);
  const nMod = Number(n % FILTER_PRODUCT);
  const survivors: number[] = [];
  const a64 = aMod % 64;
  let step = (2 * a64 + 1) & 63;
  let residue = ((a64 * a64) % 64 - (nMod % 64) + 64) & 63;
  const table64 = IS_SQUARE[0]!;
  for (let i = 0; i < total; i++) {
    if (table64[residue] === 1) survivors.push(i);
    residue = (residue + step) & 63; // (a+i+1)² − (a+i)² = 2(a+i) + 1
    step = (step + 2) & 63;
  }
  for (let k = 1; k < FILTER_MODULI.length && survivors.length > 0; k++) {
    const m = FILTER_MODULI[k]!;
    const ra = aMod % m;
    const rb = ((ra * ra) % m - (nMod % m) + m) % m;
    const table = IS_SQUARE[k]!;
    let kept = 0;
    for (const i of survivors) if (table[(rb + ((2 * ra * i + i * i) % m)) % m] === 1) survivors[kept++] = i;
    survivors.length = kept;
  }
  for (const i of survivors) {
    const ai = a + BigInt(i);
    const b2 = ai * ai - n;
    if (b2 < 0n) continue; // round 0 when n is not a square
    const b = isqrt(b2);
    if (b * b === b2) return [ai - b, ai + b];
  }
  return undefined;
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
 * ⌊√n⌋ for n of exactly `bits` significant bits. The root of n's top half, r = ⌊√(n / 4^k)⌋ with k = ⌊bits/4⌋,
 * gives x = (r + 1)·2^k, which exceeds √n by at most 2^k; one Newton step from above then lands on ⌊√n⌋ or
 * ⌊√n⌋ + 1 (its error is below 4^k / 2√n < 1), and one multiplication tells which.
 */
function isqrtBits(n: bigint, bits: number): bigint {
  // Below 2^104 the root is below 2^52: the float root is off by at most one, which the loops correct.
  if (bits <= 104) {
    let r = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (r * r > n) r -= 1n;
    while ((r + 1n) * (r + 1n) <= n) r += 1n;
    return r;
  }
  const k = bits >> 2;
  const x = (isqrtBits(n >> BigInt(2 * k), bits - 2 * k) + 1n) << BigInt(k);
  const y = (x + n / x) >> 1n;
  return y * y > n ? y - 1n : y;
}
