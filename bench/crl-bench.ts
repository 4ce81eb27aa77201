/**
 * CRL parse / verify / index / lookup benchmark for src/pki/crl-facts.ts.
 *
 *   npx tsx bench/crl-bench.ts [entries=200000] [outFile.der]
 *
 * Builds a CRL with N revoked entries as DER by hand (ECDSA P-256 / SHA-256 via node:crypto), then times
 * parseCrl, verifyCrlSignature, CrlIndex construction and 100,000 lookups (half hits, half misses) three times and
 * prints the medians and the process's peak RSS. Not part of npm test.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CrlIndex, parseCrl, verifyCrlSignature } from '../src/pki/crl-facts.js';

const N = Number(process.argv[2] ?? 200_000);
const outFile = process.argv[3];
const LOOKUPS = 100_000;
const RUNS = 3;

if (!Number.isInteger(N) || N < 1) throw new Error(`Bad entry count: ${process.argv[2] ?? ''}`);

function header(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([header(tag, body.length), body]);
}

const utcTime = (d: Date): Buffer => tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'latin1'));

/** Fixed-stride revoked entry: INTEGER (16 bytes) + UTCTime + reasonCode extension = 49 bytes. */
const ENTRY = 49;
const REASONS = [1, 3, 4, 5, 9];

function buildCrl(n: number): { der: Buffer; spki: Buffer; serials: string[] } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const revocationDate = Buffer.from('240101000000Z', 'latin1');
  const list = Buffer.alloc(n * ENTRY);
  const random = randomBytes(n * 16);
  const serials: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let p = i * ENTRY;
    list[p++] = 0x30;
    list[p++] = ENTRY - 2;
    list[p++] = 0x02;
    list[p++] = 16;
    random[i * 16] = (random[i * 16]! & 0x7f) | 0x01; // positive, no leading zero byte
    random.copy(list, p, i * 16, i * 16 + 16);
    serials[i] = random.toString('hex', i * 16, i * 16 + 16).toUpperCase();
    p += 16;
    list[p++] = 0x17;
    list[p++] = 13;
    revocationDate.copy(list, p);
    p += 13;
    // extensions: SEQUENCE { SEQUENCE { OID 2.5.29.21, OCTET STRING { ENUMERATED r } } }
    list.set([0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, REASONS[i % REASONS.length]!], p);
  }
  const ecdsaSha256 = tlv(0x30, tlv(0x06, Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02])));
  const issuer = tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, Buffer.from([0x55, 0x04, 0x03])), tlv(0x0c, Buffer.from('Bench CRL CA')))));
  const now = new Date();
  const crlNumber = tlv(0x30, tlv(0x06, Buffer.from([0x55, 0x1d, 0x14])), tlv(0x04, tlv(0x02, Buffer.from([0x10, 0x00]))));
  const tbs = tlv(
    0x30,
    tlv(0x02, Buffer.from([1])),
    ecdsaSha256,
    issuer,
    utcTime(now),
    utcTime(new Date(now.getTime() + 7 * 86_400_000)),
    Buffer.concat([header(0x30, list.length), list]),
    tlv(0xa0, tlv(0x30, crlNumber)),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const der = tlv(0x30, tbs, ecdsaSha256, tlv(0x03, Buffer.from([0]), signature));
  return { der, spki: publicKey.export({ type: 'spki', format: 'der' }), serials };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

const t0 = performance.now();
const { der, spki, serials } = buildCrl(N);
const genMs = performance.now() - t0;
if (outFile) writeFileSync(outFile, der);
const derBytes = new Uint8Array(der.buffer, der.byteOffset, der.length);

const queries: string[] = [];
for (let i = 0; i < LOOKUPS; i++) {
  queries.push(i % 2 === 0 ? serials[(i * 7919) % N]! : randomBytes(16).toString('hex').toUpperCase());
}

const timings = { parse: [] as number[], verify: [] as number[], index: [] as number[], lookups: [] as number[], total: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  const a = performance.now();
  const parsed = parseCrl(derBytes);
  const b = performance.now();
  const ok = verifyCrlSignature(parsed, spki);
  const c = performance.now();
  const index = CrlIndex.fromCrl(parsed);
  const d = performance.now();
  let hits = 0;
  for (const q of queries) if (index.isRevoked(q)) hits++;
  const e = performance.now();
  if (!ok) throw new Error('signature did not verify');
  if (parsed.facts.entryCount !== N || index.size !== N) throw new Error(`expected ${N} entries, got ${parsed.facts.entryCount} / ${index.size}`);
  if (hits !== LOOKUPS / 2) throw new Error(`expected ${LOOKUPS / 2} hits, got ${hits}`);
  timings.parse.push(b - a);
  timings.verify.push(c - b);
  timings.index.push(d - c);
  timings.lookups.push(e - d);
  timings.total.push(e - a);
  console.log(`run ${run + 1}: parse ${ms(b - a)}, verify ${ms(c - b)}, index ${ms(d - c)}, ${LOOKUPS} lookups ${ms(e - d)}, total ${ms(e - a)}`);
}

console.log(`entries ${N}, CRL ${der.length} bytes DER, generated in ${ms(genMs)}`);
console.log(
  `median of ${RUNS}: parse ${ms(median(timings.parse))}, verify ${ms(median(timings.verify))}, index ${ms(median(timings.index))}, ` +
    `${LOOKUPS} lookups ${ms(median(timings.lookups))}, total ${ms(median(timings.total))}`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
