// cert-file collector throughput on a generated tree (PEM certificates, PEM keys, PKCS#7, PKCS#12, JKS), against a
// same-run baseline that parses the same bytes from memory (no walk, no stat, no read), plus PKCS#12 opening cost
// with forge alone and with PBKDF2 routed to node:crypto.
// Run: npx tsx bench/cert-file-bench.ts [files]   (default 3,000 files; medians of 3 runs; local disk only)
import 'reflect-metadata';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import certFile from '../collectors/cert-file/index.js';
import { readPkiFile } from '../collectors/cert-file/read-file.js';
import { silentLogger } from '../src/engine/collector-context.js';
import { nodeFileSystem } from '../src/engine/file-system.js';
import { createHttpClient } from '../src/engine/http-client.js';
import { createTlsProbe } from '../src/engine/tls-probe.js';
import { toCertificateFacts } from '../src/pki/certificate-facts.js';
import { installCrypto } from '../src/pki/crypto.js';
import { readPkcs12 } from '../src/pki/pkcs12.js';

installCrypto();
const count = Number(process.argv[2] ?? 3_000);
if (!Number.isInteger(count) || count < 100) throw new Error(`Bad count: ${process.argv[2] ?? ''}`);

const keystores = new URL('../fixtures/keystores/', import.meta.url).pathname;
const certificates = new URL('../fixtures/certificates/', import.meta.url).pathname;
// Mix: mostly PEM certificates, some keys, a few PKCS#7, JKS and (password-protected) PKCS#12 files.
const mix: readonly [string, string][] = [
  ...Array.from({ length: 80 }, (_, i): [string, string] => [certificates, ['rsa-2048.pem', 'ec-p256.pem', 'ca-intermediate.pem', 'bundle-with-text.pem'][i % 4]!]),
  ...Array.from({ length: 14 }, (_, i): [string, string] => [keystores, ['ec-p256.pkcs8.pem', 'rsa-2048.pkcs1.pem', 'ec-p256.sec1.pem', 'rsa-2048.encrypted.pem'][i % 4]!]),
  [keystores, 'chain.p7b'],
  [keystores, 'chain.p7b'],
  [keystores, 'store.jks'],
  [keystores, 'store.jceks'],
  [keystores, 'ec-p256.p12'],
  [keystores, 'ec-p256-empty-password.p12'],
];

const base = await mkdtemp(join(tmpdir(), 'pkimm-cert-file-bench-'));
try {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const [dir, name] = mix[i % mix.length]!;
    const sub = join(base, 'tree', `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) await mkdir(sub, { recursive: true });
    const dest = join(sub, `${i}-${name}`);
    await copyFile(join(dir, name), dest);
    files.push(dest);
  }
  const contents = await Promise.all(files.map(async (f) => ({ name: f, bytes: new Uint8Array(await readFile(f)) })));
  process.env.PKIMM_BENCH_P12 = 'fixture-pass';
  process.env.PKIMM_BENCH_JKS = 'changeit';
  const config = certFile.config.parse({ paths: ['tree'], passwords: [{ env: 'PKIMM_BENCH_P12', appliesTo: ['*.p12'] }, { env: 'PKIMM_BENCH_JKS', appliesTo: ['*.jks', '*.jceks'] }] });
  const limit = pLimit(8);
  let emitted = 0;
  let problems = 0;
  const ctx = {
    emit: () => {
      emitted++;
    },
    collected: () => [],
    ownsTarget: () => true,
    reportTargets: () => undefined,
    problem: () => {
      problems++;
    },
    limit: <T>(task: () => Promise<T>) => limit(task),
    http: createHttpClient({ userAgent: 'bench' }),
    tls: createTlsProbe(),
    fs: nodeFileSystem,
    now: () => new Date(),
    log: silentLogger,
    baseDir: base,
  };

  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const time = async (run: () => Promise<void> | void): Promise<number> => {
    await run(); // warm-up
    const runs: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      await run();
      runs.push(performance.now() - t);
    }
    return median(runs);
  };

  const collectorMs = await time(async () => {
    emitted = 0;
    problems = 0;
    await certFile.collect(config, ctx);
  });
  const inMemoryMs = await time(() => {
    for (const { name, bytes } of contents) {
      const passwords = name.endsWith('.p12') ? [{ label: 'empty', value: '' }, { label: 'p12', value: 'fixture-pass' }] : [{ label: 'jks', value: 'changeit' }];
      const found = readPkiFile(bytes.slice(), name, passwords);
      for (const c of found.certificates) toCertificateFacts(c.der);
    }
  });
  const p12 = new Uint8Array(await readFile(join(keystores, 'ec-p256.p12')));
  const p12Ms = await time(() => {
    for (let k = 0; k < 20; k++) readPkcs12(p12, ['', 'fixture-pass']);
  });

  const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
  console.log(`| measurement (${count} files, ${emitted} evidence items, ${problems} problems) | median ms | files/s |`);
  console.log('| --- | ---: | ---: |');
  console.log(`| cert-file collector (walk, stat, read, parse, emit) | ${collectorMs.toFixed(0)} | ${rate(count, collectorMs)} |`);
  console.log(`| baseline: same bytes parsed from memory | ${inMemoryMs.toFixed(0)} | ${rate(count, inMemoryMs)} |`);
  console.log(`| PKCS#12 (OpenSSL 3 default, empty then right password), 20 opens | ${p12Ms.toFixed(0)} | ${rate(20, p12Ms)} |`);
} finally {
  await rm(base, { recursive: true, force: true });
}
