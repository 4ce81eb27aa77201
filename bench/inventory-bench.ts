// Inventory at scale: generates N certificates from one DER template (serial, subject, SAN, SPKI point, key identifier
// and dates varied per certificate; placeholder signature, since facts parsing does not verify leaf signatures), parses
// each with toCertificateFacts, streams it into the InventoryBuilder and drops everything but the inventory record, then
// builds the inventory (issuer linkage, roles, key reuse, private keys), summarises it and reconciles a declared
// inventory of every tenth certificate. Each size runs in its own process, so peak RSS is per size. The inventory's
// column store lives mostly in typed arrays outside the V8 heap: "buffers after build" counts it, next to the live heap.
// Run: npx tsx bench/inventory-bench.ts [sizes] [node flags for the children, e.g. --max-old-space-size=1024]
//      (default sizes 10000,100000,1000000)
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { CertificateData } from '../model/evidence.js';
import { indexInventory, type DeclaredRecord } from '../src/inventory/declared.js';
import { InventoryBuilder } from '../src/inventory/inventory.js';
import { reconcile } from '../src/inventory/reconcile.js';
import { summariseInventory } from '../src/inventory/summary.js';
import { toCertificateFacts } from '../src/pki/certificate-facts.js';
import { buildCertificate, ecKey, ext } from '../test/inventory/helpers/cert-builder.js';

const ISSUING_CAS = 10;
const NOW = new Date('2026-11-22T00:00:00Z');
const OBSERVED_AT = '2026-11-22T00:00:00.000Z';

interface ChildResult {
  readonly n: number;
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  /** Peak RSS when all certificates were added, and when the inventory was built (before reconciliation). */
  readonly peakAfterAddMb: number;
  readonly peakAfterBuildMb: number;
  readonly heapAfterBuildMb: number;
  /** Live heap after a full GC, when the process runs with --expose-gc (the parent starts children so). */
  readonly liveAfterBuildMb: number | undefined;
  /** Typed-array and Buffer memory outside the V8 heap after that GC (the inventory's column store lives there). */
  readonly buffersAfterBuildMb: number;
  readonly rssAfterBuildMb: number;
  readonly factsAndAddMs: number;
  readonly buildMs: number;
  readonly summaryMs: number;
  readonly reconcileMs: number;
  /** CPU time (user + system) of each phase: comparable across runs on a loaded machine, unlike wall time. */
  readonly factsAndAddCpuMs: number;
  readonly buildCpuMs: number;
  readonly reconcileCpuMs: number;
  readonly records: number;
  readonly roots: number;
  readonly intermediates: number;
  readonly leaves: number;
  readonly reusedKeys: number;
  readonly unprotectedKeys: number;
  readonly invMatch: number | null;
}

/** Finds `marker` in `buf` (the n-th occurrence); returns its offset; throws when missing. */
function find(buf: Uint8Array, marker: Uint8Array, nth = 0): number {
  let seen = 0;
  outer: for (let i = 0; i + marker.length <= buf.length; i++) {
    for (let k = 0; k < marker.length; k++) if (buf[i + k] !== marker[k]) continue outer;
    if (seen++ === nth) return i;
  }
  throw new Error('template marker not found');
}

function child(n: number): ChildResult {
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  const root = ecKey();
  const rootDer = buildCertificate({
    subject: 'CN=Bench Root CA',
    spki: root.spki,
    signer: root.privateKey,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2045-01-01T00:00:00Z'),
    extensions: [ext.basicConstraints(true), ext.subjectKeyIdentifier(root.keyId), ext.authorityKeyIdentifier(root.keyId)],
  });
  const cas = Array.from({ length: ISSUING_CAS }, (_, k) => {
    const key = ecKey();
    const subject = `CN=Bench Issuing CA ${String(k).padStart(2, '0')}`;
    const der = buildCertificate({
      subject,
      issuer: 'CN=Bench Root CA',
      spki: key.spki,
      signer: root.privateKey,
      notBefore: new Date('2021-01-01T00:00:00Z'),
      notAfter: new Date('2035-01-01T00:00:00Z'),
      extensions: [ext.basicConstraints(true, 0), ext.subjectKeyIdentifier(key.keyId), ext.authorityKeyIdentifier(root.keyId)],
    });
    return { subject, key, der, keyIdBytes: Buffer.from(key.keyId, 'hex') };
  });

  // The leaf template: every varied field has a fixed width, found by its marker bytes.
  const leafKey = ecKey();
  const serialMarker = '7a'.repeat(16);
  const skiMarker = '5b'.repeat(20);
  const akiMarker = '6c'.repeat(20);
  const template = buildCertificate({
    subject: 'CN=host-0000000.bench.test',
    issuer: cas[0]!.subject,
    serialHex: serialMarker,
    spki: leafKey.spki,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
    extensions: [ext.subjectKeyIdentifier(skiMarker), ext.authorityKeyIdentifier(akiMarker), ext.dnsNames('host-0000000.bench.test'), ext.mustStaple()],
  });
  const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
  const at = {
    serial: find(template, Buffer.from(serialMarker, 'hex')),
    ski: find(template, Buffer.from(skiMarker, 'hex')),
    aki: find(template, Buffer.from(akiMarker, 'hex')),
    issuerDigits: find(template, ascii('CA 00')) + 3,
    cn: find(template, ascii('0000000'), 0),
    san: find(template, ascii('0000000'), 1),
    point: find(template, leafKey.spki.subarray(leafKey.spki.length - 64)),
    notBefore: find(template, ascii('260101000000Z')),
    notAfter: find(template, ascii('270101000000Z')),
  };
  const buf = template.slice();
  let seed = 0x9e3779b9;
  const random = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const writeDigits = (offset: number, value: number, width: number): void => {
    for (let k = width - 1; k >= 0; k--) {
      buf[offset + k] = 0x30 + (value % 10);
      value = Math.floor(value / 10);
    }
  };

  const builder = new InventoryBuilder();
  const add = (der: Uint8Array, location: string): CertificateData => {
    const facts = toCertificateFacts(der);
    const data: CertificateData = { ...facts, sightings: [{ collector: 'cert-file', target: 'bench', location }] };
    builder.addCertificate(data, `certificate:sha256:${facts.sha256}`, 'cert-file', OBSERVED_AT);
    return data;
  };
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  const peakMb = (): number => process.resourceUsage().maxRSS / 1024;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  add(rootDer, 'root.pem#0');
  cas.forEach((ca, k) => add(ca.der, `cas.pem#${k}`));
  const declared: DeclaredRecord[] = [];
  for (let i = 0; i < n; i++) {
    const ca = i % ISSUING_CAS;
    for (let k = 0; k < 16; k++) buf[at.serial + k] = k === 0 ? (random() & 0x7f) | 0x10 : random() & 0xff;
    // Every 1,000th certificate keeps the previous key: renewed with the same key (key reuse).
    if (i % 1000 !== 1) {
      for (let k = 0; k < 64; k++) buf[at.point + k] = random() & 0xff;
      for (let k = 0; k < 20; k++) buf[at.ski + k] = random() & 0xff;
    }
    buf.set(cas[ca]!.keyIdBytes, at.aki);
    writeDigits(at.issuerDigits, ca, 2);
    writeDigits(at.cn, i, 7);
    writeDigits(at.san, i, 7);
    const day = i % 300;
    writeDigits(at.notBefore + 2, 1 + Math.floor(day / 28), 2); // month
    writeDigits(at.notBefore + 4, 1 + (day % 28), 2); // day
    writeDigits(at.notAfter + 2, 1 + Math.floor(day / 28), 2);
    writeDigits(at.notAfter + 4, 1 + (day % 28), 2);
    const data = add(buf, `bundle-${Math.floor(i / 10_000)}.pem#${i % 10_000}`);
    if (i % 100 === 0) {
      builder.addKey({ spkiSha256: data.spkiSha256, keyAlgorithm: 'EC', encrypted: i % 200 !== 0, fileMode: '0600', location: `keys/${i}.key` }, `private-key:keys/${i}.key`, 'key-file');
    }
    if (i % 10 === 0) declared.push({ sha256: data.sha256, owner: 'team', location: 'host', state: 'active' });
  }
  builder.addKey({ spkiSha256: 'f'.repeat(64), keyAlgorithm: 'EC', encrypted: true, location: 'keys/orphan.key' }, 'private-key:keys/orphan.key', 'key-file');
  const factsAndAddMs = performance.now() - started;
  const factsAndAddCpuMs = cpuMs(cpu0);
  const peakAfterAddMb = peakMb();

  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const inventory = builder.build();
  const buildMs = performance.now() - t1;
  const buildCpuMs = cpuMs(cpu1);
  const t2 = performance.now();
  const summary = summariseInventory(inventory, NOW);
  const summaryMs = performance.now() - t2;
  const heapAfterBuildMb = process.memoryUsage().heapUsed / 2 ** 20;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = process.memoryUsage();
  const liveAfterBuildMb = gc === undefined ? undefined : memory.heapUsed / 2 ** 20;
  const peakAfterBuildMb = peakMb();
  const t3 = performance.now();
  const cpu3 = process.cpuUsage();
  const reconciliation = reconcile(inventory, indexInventory(declared, 'bench-cmdb.csv'), NOW);
  const reconcileMs = performance.now() - t3;
  const reconcileCpuMs = cpuMs(cpu3);
  return {
    n,
    baselineRssMb,
    peakRssMb: peakMb(),
    peakAfterAddMb,
    peakAfterBuildMb,
    heapAfterBuildMb,
    liveAfterBuildMb,
    buffersAfterBuildMb: memory.arrayBuffers / 2 ** 20,
    rssAfterBuildMb: memory.rss / 2 ** 20,
    factsAndAddMs,
    buildMs,
    summaryMs,
    reconcileMs,
    factsAndAddCpuMs,
    buildCpuMs,
    reconcileCpuMs,
    records: summary.certificates,
    roots: summary.roots,
    intermediates: summary.intermediates,
    leaves: summary.leaves,
    reusedKeys: summary.reusedKeys,
    unprotectedKeys: summary.unprotectedKeys,
    invMatch: reconciliation.invMatch,
  };
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  process.stdout.write(`${JSON.stringify(child(Number(process.argv[childIndex + 1])))}\n`);
} else {
  const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
  const nodeFlags = process.argv.slice(3).filter((a) => a.startsWith('--'));
  console.log(`node ${process.version}, ${ISSUING_CAS} issuing CAs under one root; one process per size${nodeFlags.length > 0 ? `; children run with ${nodeFlags.join(' ')}` : ''}`);
  console.log(
    '| certificates | parse + add (CPU) | build (CPU) | summary | reconcile, 10 % declared (CPU) | live heap after build | buffers after build | per certificate | peak RSS after add / build | peak RSS | RSS growth per certificate |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    const run = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', ...nodeFlags, fileURLToPath(import.meta.url), '--child', String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`size ${n} failed: ${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildResult;
    if (r.records !== n + 1 + ISSUING_CAS || r.roots !== 1 || r.intermediates !== ISSUING_CAS) throw new Error(`unexpected inventory: ${JSON.stringify(r)}`);
    const s = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
    const live = r.liveAfterBuildMb ?? r.heapAfterBuildMb;
    const mb = (v: number): string => `${Math.round(v).toLocaleString('en-US')} MB`;
    console.log(
      `| ${n.toLocaleString('en-US')} | ${s(r.factsAndAddMs)} (${s(r.factsAndAddCpuMs)}) | ${s(r.buildMs)} (${s(r.buildCpuMs)}) | ${s(r.summaryMs)} | ${s(r.reconcileMs)} (${s(r.reconcileCpuMs)}) | ${mb(live)} | ${mb(r.buffersAfterBuildMb)} | ${Math.round(((live + r.buffersAfterBuildMb) * 2 ** 20) / n)} B | ${mb(r.peakAfterAddMb)} / ${mb(r.peakAfterBuildMb)} | ${mb(r.peakRssMb)} | ${Math.round(((r.peakRssMb - r.baselineRssMb) * 2 ** 20) / n)} B |`,
    );
    console.error(
      `  n=${n}: ${r.reusedKeys} reused keys, ${r.unprotectedKeys} unprotected keys, inv_match ${r.invMatch?.toFixed(3) ?? 'n/a'}, baseline RSS ${Math.round(r.baselineRssMb)} MB, RSS after build ${Math.round(r.rssAfterBuildMb)} MB, ${Math.round(n / (r.factsAndAddMs / 1000))} certificates/s added`,
    );
  }
}
