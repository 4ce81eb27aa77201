/**
 * CRL benchmark for src/pki/crl-facts.ts: parse + signature verification + revocation lookups, time and peak RSS,
 * compared in the same run with `openssl crl -noout -text` and @peculiar/x509 X509Crl.
 *
 *   npx tsx bench/crl-bench.ts [entries=1000000] [peculiarEntries=100000] [runs=3]
 *
 * The orchestrator builds the CRLs by hand (fixed-stride entries, ECDSA P-256 / SHA-256 via node:crypto) into a temp
 * folder, then measures every tool in its own child process so each peak RSS belongs to that tool alone:
 *   - `ours`: read the DER, parseCrl, verifyCrlSignature, CrlIndex.fromCrl, 100,000 lookups (half hits, half misses);
 *   - `baseline`: a node process that only reads the DER and the queries (what "ours" costs on top of it);
 *   - `openssl crl -inform DER -noout -text` (parse and print every entry; it has no lookup);
 *   - @peculiar/x509 `new X509Crl(der)` (asn1js limits raised) + `verify()` + a Set of its entries' serials + lookups,
 *     on the smaller CRL: on a million entries it needs several GB and minutes (docs/stack-notes.md §3d).
 * Prints one markdown table (medians of `runs`, peak RSS maximum, measured by /usr/bin/time). Loopback only; every
 * child has a time limit.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const LOOKUPS = 100_000;
const CHILD_TIMEOUT_MS = 300_000;

interface Measurement {
  readonly tool: string;
  readonly entries: number;
  readonly ms: Record<string, number>;
  readonly peakRssMb: number;
  readonly note?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Generation (orchestrator only)

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

/** Writes crl.der, spki.der and queries.txt (LOOKUPS serials, even lines listed, odd lines random) for n entries. */
function buildCrl(n: number, dir: string): void {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const revocationDate = Buffer.from('240101000000Z', 'latin1');
  const list = Buffer.alloc(n * ENTRY);
  const random = randomBytes(n * 16);
  for (let i = 0; i < n; i++) {
    let p = i * ENTRY;
    list[p++] = 0x30;
    list[p++] = ENTRY - 2;
    list[p++] = 0x02;
    list[p++] = 16;
    random[i * 16] = (random[i * 16]! & 0x7f) | 0x01; // positive, no leading zero byte
    random.copy(list, p, i * 16, i * 16 + 16);
    p += 16;
    list[p++] = 0x17;
    list[p++] = 13;
    revocationDate.copy(list, p);
    p += 13;
    list.set([0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, REASONS[i % REASONS.length]!], p);
  }
  const queries: string[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const k = (i * 7919) % n;
    queries.push(i % 2 === 0 ? random.toString('hex', k * 16, k * 16 + 16).toUpperCase() : randomBytes(16).toString('hex').toUpperCase());
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
  writeFileSync(join(dir, 'crl.der'), tlv(0x30, tbs, ecdsaSha256, tlv(0x03, Buffer.from([0]), signature)));
  writeFileSync(join(dir, 'spki.der'), publicKey.export({ type: 'spki', format: 'der' }));
  writeFileSync(join(dir, 'queries.txt'), `${queries.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Children: each prints one JSON line { ms }

function readInputs(dir: string): { der: Uint8Array; spki: Uint8Array; queries: string[] } {
  const der = readFileSync(join(dir, 'crl.der'));
  return {
    der: new Uint8Array(der.buffer, der.byteOffset, der.length),
    spki: new Uint8Array(readFileSync(join(dir, 'spki.der'))),
    queries: readFileSync(join(dir, 'queries.txt'), 'utf8').split('\n').filter((l) => l !== ''),
  };
}

async function childOurs(dir: string): Promise<void> {
  const { CrlIndex, parseCrl, verifyCrlSignature } = await import('../src/pki/crl-facts.js');
  const t0 = performance.now();
  const { der, spki, queries } = readInputs(dir);
  const a = performance.now();
  const parsed = parseCrl(der);
  const b = performance.now();
  const ok = verifyCrlSignature(parsed, spki);
  const c = performance.now();
  const index = CrlIndex.fromCrl(parsed);
  const d = performance.now();
  let hits = 0;
  for (const q of queries) if (index.lookup(q) !== undefined) hits++;
  const e = performance.now();
  if (!ok) throw new Error('signature did not verify');
  if (hits !== queries.length / 2) throw new Error(`expected ${queries.length / 2} hits, got ${hits}`);
  console.log(JSON.stringify({ ms: { read: a - t0, parse: b - a, verify: c - b, index: d - c, lookups: e - d, total: e - a } }));
}

function childBaseline(dir: string): void {
  const t0 = performance.now();
  const { queries } = readInputs(dir);
  console.log(JSON.stringify({ ms: { read: performance.now() - t0 }, queries: queries.length }));
}

async function childPeculiar(dir: string): Promise<void> {
  await import('reflect-metadata');
  const { webcrypto } = await import('node:crypto');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const t0 = performance.now();
  const { der, spki, queries } = readInputs(dir);
  const a = performance.now();
  const crl = new x509.X509Crl(new Uint8Array(der), { berOptions: { maxNodes: 100_000_000, maxContentLength: 1024 ** 3 } });
  const entries = crl.entries;
  const b = performance.now();
  const publicKey = new x509.PublicKey(new Uint8Array(spki));
  const ok = await crl.verify({ publicKey });
  const c = performance.now();
  const set = new Set(entries.map((e) => e.serialNumber.toUpperCase().replace(/^(00)+/, '')));
  const d = performance.now();
  let hits = 0;
  for (const q of queries) if (set.has(q)) hits++;
  const e = performance.now();
  if (!ok) throw new Error('signature did not verify');
  if (hits !== queries.length / 2) throw new Error(`expected ${queries.length / 2} hits, got ${hits}`);
  console.log(JSON.stringify({ ms: { read: a - t0, parse: b - a, verify: c - b, index: d - c, lookups: e - d, total: e - a } }));
}

// ---------------------------------------------------------------------------------------------------------------
// Orchestrator

const TIME_BIN = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs a command and returns its stdout and peak RSS. The peak comes from /usr/bin/time: a child's own maxRSS would
 * include the orchestrator's pages at fork time (ru_maxrss survives exec). Without /usr/bin/time it is NaN.
 */
function runMeasured(command: string, args: readonly string[]): { stdout: string; wallMs: number; peakRssMb: number } {
  const started = performance.now();
  const result = TIME_BIN
    ? spawnSync(TIME_BIN, ['-f', 'PEAK_KB=%M', command, ...args], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, maxBuffer: 1024 ** 3 })
    : spawnSync(command, args, { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, maxBuffer: 1024 ** 3 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 4).join(' ')} failed (${result.signal ?? result.status}): ${result.stderr.slice(-500)}`);
  const peak = /PEAK_KB=(\d+)/.exec(result.stderr);
  return { stdout: result.stdout, wallMs, peakRssMb: peak ? Math.round(Number(peak[1]) / 1024) : Number.NaN };
}

function runNodeChild(mode: string, dir: string): { ms: Record<string, number>; peakRssMb: number } {
  const { stdout, peakRssMb } = runMeasured(process.execPath, ['--import', 'tsx', SELF, '--child', mode, dir]);
  const line = stdout.trim().split('\n').at(-1)!;
  return { ms: (JSON.parse(line) as { ms: Record<string, number> }).ms, peakRssMb };
}

function runOpenssl(dir: string): { ms: Record<string, number>; peakRssMb: number } {
  const { wallMs, peakRssMb } = runMeasured('openssl', ['crl', '-inform', 'DER', '-in', join(dir, 'crl.der'), '-noout', '-text']);
  return { ms: { total: wallMs }, peakRssMb };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

function measure(tool: string, entries: number, runs: number, once: () => { ms: Record<string, number>; peakRssMb: number }, note?: string): Measurement {
  const samples = Array.from({ length: runs }, () => once());
  const keys = Object.keys(samples[0]!.ms);
  const ms = Object.fromEntries(keys.map((k) => [k, median(samples.map((s) => s.ms[k]!))]));
  const line = samples.map((s) => fmt(s.ms['total'] ?? s.ms['read'])).join(' / ');
  console.error(`${tool} (${entries}): total per run ${line} ms, peak RSS ${samples.map((s) => s.peakRssMb).join(' / ')} MB`);
  return { tool, entries, ms, peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)), ...(note !== undefined ? { note } : {}) };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const small = Number(process.argv[3] ?? 100_000);
  const runs = Number(process.argv[4] ?? 3);
  if (![n, small, runs].every((x) => Number.isInteger(x) && x > 0)) throw new Error('usage: crl-bench.ts [entries] [peculiarEntries] [runs]');
  const root = mkdtempSync(join(tmpdir(), 'crl-bench-'));
  try {
    const big = join(root, 'big');
    const little = join(root, 'small');
    for (const dir of [big, little]) mkdirSync(dir);
    // Generated in children too, so the orchestrator stays small.
    for (const [count, dir] of [[n, big], [small, little]] as const) {
      const { wallMs } = runMeasured(process.execPath, ['--import', 'tsx', SELF, '--child', 'generate', dir, String(count)]);
      console.error(`generated ${count} entries (${statSync(join(dir, 'crl.der')).size} bytes) in ${fmt(wallMs)} ms`);
    }

    const rows: Measurement[] = [
      measure('pkimm-scan DER walk + CrlIndex', n, runs, () => runNodeChild('ours', big)),
      measure('node baseline (read DER + queries only)', n, runs, () => runNodeChild('baseline', big)),
      measure('openssl crl -noout -text', n, runs, () => runOpenssl(big), 'parse and print only, no lookups'),
      measure('pkimm-scan DER walk + CrlIndex', small, runs, () => runNodeChild('ours', little)),
      measure('@peculiar/x509 X509Crl + Set', small, runs, () => runNodeChild('peculiar', little), 'asn1js limits raised; 1M entries infeasible'),
      measure('openssl crl -noout -text', small, runs, () => runOpenssl(little), 'parse and print only, no lookups'),
    ];
    console.log(`| tool | entries | parse ms | verify ms | index ms | ${LOOKUPS / 1000}k lookups ms | total ms | peak RSS MB | note |`);
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const r of rows) {
      console.log(`| ${r.tool} | ${r.entries.toLocaleString('en-US')} | ${fmt(r.ms['parse'])} | ${fmt(r.ms['verify'])} | ${fmt(r.ms['index'])} | ${fmt(r.ms['lookups'])} | ${fmt(r.ms['total'])} | ${fmt(r.peakRssMb)} | ${r.note ?? (r.ms['read'] !== undefined && r.ms['total'] === undefined ? `read ${fmt(r.ms['read'])} ms` : '')} |`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const mode = process.argv[childAt + 1];
  const dir = process.argv[childAt + 2]!;
  if (mode === 'generate') buildCrl(Number(process.argv[childAt + 3]), dir);
  else if (mode === 'ours') await childOurs(dir);
  else if (mode === 'baseline') childBaseline(dir);
  else if (mode === 'peculiar') await childPeculiar(dir);
  else throw new Error(`unknown child mode ${String(mode)}`);
} else {
  await main();
}
