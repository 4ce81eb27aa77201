// Certificate Transparency throughput, loopback only: decoding log entries into facts, verifying embedded SCTs,
// reading crt.sh answers, and the ct-log collector end to end against a node:http log on 127.0.0.1.
// Same-run baselines: node's X509Certificate parse (decode baseline), a bare node:crypto verify (SCT baseline) and a
// bare JSON.parse (crt.sh baseline).
// Run: npx tsx bench/ct-bench.ts [entries]   (default 5,000; medians of 3 runs; rates per CPU second and per wall second)
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import ctLog from '../collectors/ct-log/index.js';
import { silentLogger } from '../src/engine/collector-context.js';
import { CollectError } from '../src/engine/define-collector.js';
import { nodeFileSystem } from '../src/engine/file-system.js';
import { createHttpClient } from '../src/engine/http-client.js';
import { mergeCrtshRows, parseCrtshRows } from '../src/ct/crtsh.js';
import { decodeLogEntry } from '../src/ct/rfc6962.js';
import { certificateDnsNames, commonNameOf, matchDomains } from '../src/ct/domains.js';
import { toCertificateFacts } from '../src/pki/certificate-facts.js';
import { embeddedScts, precertificateTbs, sctSignedData, verifyEmbeddedScts } from '../src/pki/sct.js';
import { extraData, leafInput, makeCa, makeLeaf, makeLog } from '../test/ct/helpers/ct-fixtures.js';
import { startCtLogServer } from '../test/ct/helpers/ct-log-server.js';

const count = Number(process.argv[2] ?? 5000);
if (!Number.isInteger(count) || count < 100 || count > 200_000) throw new Error(`Bad entry count: ${process.argv[2] ?? ''}`);

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function measure(label: string, items: number, unit: string, run: () => void): void {
  const cpu: number[] = [];
  const wall: number[] = [];
  run();
  for (let r = 0; r < 3; r++) {
    const c0 = cpuMs();
    const w0 = performance.now();
    run();
    cpu.push(items / ((cpuMs() - c0) / 1000));
    wall.push(items / ((performance.now() - w0) / 1000));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1]!;
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(10);
  console.log(`| ${label} | ${fmt(median(cpu))} ${unit}/CPU-s | ${fmt(median(wall))} ${unit}/s wall |`);
}

async function measureAsync(label: string, items: number, unit: string, run: () => Promise<void>): Promise<void> {
  const wall: number[] = [];
  await run();
  for (let r = 0; r < 3; r++) {
    const w0 = performance.now();
    await run();
    wall.push(items / ((performance.now() - w0) / 1000));
  }
  const median = [...wall].sort((a, b) => a - b)[1]!;
  console.log(`| ${label} | | ${Math.round(median).toLocaleString('en-US').padStart(10)} ${unit}/s wall |`);
}

// Material: one CA, two logs, `count` leaves with two embedded SCTs each (every 10th names the watched domain).
const ca = makeCa('Bench CA');
const logs = [makeLog(), makeLog()];
const keys = new Map(logs.map((l) => [l.logId, l.spki]));
const leaves = Array.from({ length: count }, (_, i) =>
  makeLeaf({ cn: `host${i}.${i % 10 === 0 ? 'watch' : 'other'}.test`, dnsNames: [`host${i}.${i % 10 === 0 ? 'watch' : 'other'}.test`], serialHex: (0x100000 + i).toString(16), issuer: ca, logs, sctTimeMs: 1_790_000_000_000 + i }),
);
const served = leaves.map((leaf, i) => ({ leafInput: leafInput(1_790_000_000_000 + i, { type: 'x509', certificate: leaf.der }), extraData: extraData({ type: 'x509', chain: [ca.der] }) }));

console.log(`CT benchmark: ${count} entries, Node ${process.version}\n`);
console.log('| measurement | CPU rate | wall rate |\n| --- | --- | --- |');

measure('baseline: node X509Certificate parse of the leaf', count, 'certs', () => {
  for (const leaf of leaves) new X509Certificate(leaf.der);
});
measure('log entry → decode + facts + domain match', count, 'entries', () => {
  for (const raw of served) {
    const entry = decodeLogEntry(raw);
    if (entry.entryType !== 'x509') continue;
    const facts = toCertificateFacts(entry.certificate);
    matchDomains(certificateDnsNames(facts.subjectAltNames, commonNameOf(facts.subject)), ['watch.test'], true);
  }
});

const sctCount = Math.min(count, 2000);
const logKey = createPublicKey({ key: Buffer.from(logs[0]!.spki), format: 'der', type: 'spki' });
const firstSct = embeddedScts(leaves[0]!.der)[0]!;
const signedData = sctSignedData(firstSct, { type: 'precert', issuerKeyHash: ca.keyHash, tbsCertificate: precertificateTbs(leaves[0]!.der) });
measure('baseline: bare ECDSA P-256 verify (node:crypto)', sctCount * 2, 'verifies', () => {
  for (let i = 0; i < sctCount * 2; i++) verify('sha256', signedData, logKey, firstSct.signature);
});
measure('embedded SCTs: parse + rebuild TBS + verify both', sctCount * 2, 'SCTs', () => {
  for (let i = 0; i < sctCount; i++) verifyEmbeddedScts(leaves[i]!.der, ca.keyHash, (id) => keys.get(id));
});

const rows = Array.from({ length: 50_000 }, (_, i) => ({
  issuer_ca_id: 1 + (i % 3),
  issuer_name: `C=XX, O="Bench, Inc.", CN=Bench CA ${i % 3}`,
  common_name: `h${i >> 1}.watch.test`,
  name_value: `h${i >> 1}.watch.test\nwatch.test`,
  id: 1_000_000 + i,
  entry_timestamp: '2026-10-01T00:00:00.123',
  not_before: '2026-10-01T00:00:00',
  not_after: '2026-12-30T00:00:00',
  serial_number: (0x100000 + (i >> 1)).toString(16),
}));
const body = Buffer.from(JSON.stringify(rows));
measure('baseline: JSON.parse of a 50,000-row crt.sh answer', rows.length, 'rows', () => {
  JSON.parse(body.toString('utf8'));
});
measure('crt.sh answer → rows + precert/cert merge', rows.length, 'rows', () => {
  mergeCrtshRows(parseCrtshRows(body, 'watch.test').rows);
});

const server = await startCtLogServer({ prefix: '/bench/', entries: served });
try {
  const http = createHttpClient({ userAgent: 'pkimm-scan-bench', network: { allow: ['127.0.0.1'] } });
  const config = ctLog.config.parse({ logs: [{ url: server.url, start: 0 }], domains: ['watch.test'], batchSize: 256, maxEntriesPerLog: count, retries: 0 });
  let emitted = 0;
  await measureAsync('ct-log collector end to end (loopback, batch 256)', count, 'entries', async () => {
    emitted = 0;
    await ctLog.collect(config, {
      emit: (kind) => {
        if (kind === 'ct-log-entry') emitted++;
      },
      collected: () => [],
      ownsTarget: () => true,
      reportTargets: () => undefined,
      problem: (_target, error) => {
        throw error instanceof Error ? error : new CollectError('other', String(error));
      },
      limit: (task) => task(),
      http,
      tls: { probe: () => Promise.reject(new Error('no TLS in this benchmark')) },
      fs: nodeFileSystem,
      now: () => new Date('2026-11-22T00:00:00Z'),
      log: silentLogger,
      baseDir: process.cwd(),
    });
  });
  console.log(`\n${emitted} matching entries recorded per run (expected ${Math.ceil(count / 10)}).`);
} finally {
  await server.close();
}
