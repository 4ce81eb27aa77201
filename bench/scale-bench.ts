// How scan time and memory grow with the number of TLS endpoints, and what that implies for shard counts.
//
//   npx tsx bench/scale-bench.ts [sizes...]        default sizes: 1000 10000 100000
//
// Every endpoint is a distinct loopback address (127.0.0.0/8, one port): as root the benchmark re-runs itself in a
// private network namespace (`unshare --net`, only `lo` inside) where one server bound to 0.0.0.0 answers on every
// 127.x.y.z; nothing leaves the machine. The server serves one of 500 certificates chosen by the local address, so
// the inventory holds 500 certificates with many sightings each, like an estate with shared wildcard and SAN
// certificates. Each size runs in a fresh child process (full `scan()`: collection, checks, assessors, scoring and the
// JSON report), which reports its wall time and peak RSS.
import 'reflect-metadata';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { issueCertificate, generateDemoKeys, privateKeyPem } from '../src/demo/pki.js';
import { installCrypto } from '../src/pki/crypto.js';

const PORT = 8443;
const CERTS = 500;
const self = fileURLToPath(import.meta.url);

interface RunResult {
  readonly endpoints: number;
  readonly wallS: number;
  readonly peakRssMb: number;
  readonly endpointsPerS: number;
  readonly evidence: number;
  readonly certificates: number;
  readonly problems: number;
  readonly reportMb: number;
}

/** 127.0.1.0 upward: the i-th endpoint address (skips .0 and .255 host parts for readability). */
function address(i: number): string {
  const n = 256 + Math.floor(i / 254) * 256 + (i % 254) + 1;
  return `127.${String((n >> 16) & 255)}.${String((n >> 8) & 255)}.${String(n & 255)}`;
}

async function serve(): Promise<{ close: () => void; ca: string }> {
  installCrypto();
  const now = new Date();
  const caKeys = await generateDemoKeys({ type: 'EC', curve: 'P-256' });
  const ca = await issueCertificate({ subject: 'CN=Scale Bench CA', key: caKeys, notBefore: now, notAfter: new Date(now.getTime() + 365 * 86_400_000), ca: true });
  const leafKeys = await generateDemoKeys({ type: 'EC', curve: 'P-256' });
  const keyPem = await privateKeyPem(leafKeys);
  const contexts: SecureContext[] = [];
  for (let i = 0; i < CERTS; i++) {
    const leaf = await issueCertificate({
      subject: `CN=svc${String(i)}.scale.test`,
      key: leafKeys,
      issuer: { subject: ca.subject, keys: caKeys },
      notBefore: now,
      notAfter: new Date(now.getTime() + (30 + (i % 300)) * 86_400_000),
      dnsNames: [`svc${String(i)}.scale.test`],
      extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
    });
    contexts.push(createSecureContext({ key: keyPem, cert: `${leaf.pem.trim()}\n${ca.pem.trim()}\n` }));
  }
  const server = createServer((socket: Socket) => {
    const last = Number((socket.localAddress ?? '0.0.0.0').split('.').pop());
    const ctx = contexts[last % CERTS] ?? contexts[0]!;
    const tls = new TLSSocket(socket, { isServer: true, secureContext: ctx });
    tls.on('error', () => socket.destroy());
    tls.on('secure', () => tls.end());
  });
  server.maxConnections = 4096;
  await new Promise<void>((resolve) => server.listen(PORT, '0.0.0.0', 1024, resolve));
  return { close: () => server.close(), ca: ca.pem };
}

async function child(size: number, dir: string): Promise<void> {
  const { scan } = await import('../src/engine/scan.js');
  const { ScanConfig } = await import('../src/config/scan-config.js');
  const targets = join(dir, `targets-${String(size)}.txt`);
  writeFileSync(targets, Array.from({ length: size }, (_, i) => `${address(i)}:${String(PORT)}`).join('\n'));
  const config = ScanConfig.parse({
    collectors: { 'tls-endpoint': { targetsFiles: [targets], caFiles: [join(dir, 'ca.pem')], maxTargets: 1_000_000, timeoutMs: 20_000, workers: 'auto' } },
    concurrency: 64,
    output: { dir: join(dir, `out-${String(size)}`) },
  });
  const started = performance.now();
  const report = await scan({ config, baseDir: dir, previousScans: [] });
  const wall = (performance.now() - started) / 1000;
  const json = JSON.stringify(report);
  const result: RunResult = {
    endpoints: size,
    wallS: wall,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    endpointsPerS: size / wall,
    evidence: report.evidence.length,
    certificates: report.summary.certificates,
    problems: report.problems.length,
    reportMb: Buffer.byteLength(json) / 1_048_576,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function parent(sizes: number[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-scale-'));
  const server = await serve();
  writeFileSync(join(dir, 'ca.pem'), server.ca);
  const results: RunResult[] = [];
  for (const size of sizes) {
    const run = await new Promise<string>((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', self, '--child', String(size), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`size ${String(size)}: exit ${String(code)}`))));
    });
    const result = JSON.parse(run.trim().split('\n').at(-1) ?? '{}') as RunResult;
    results.push(result);
    process.stderr.write(`${JSON.stringify(result)}\n`);
  }
  server.close();
  const lines = [
    '| endpoints | wall s | endpoints/s | peak RSS MB | evidence items | certificates | problems | report.json MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.endpoints.toLocaleString('en')} | ${r.wallS.toFixed(1)} | ${r.endpointsPerS.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${r.evidence.toLocaleString('en')} | ${String(r.certificates)} | ${String(r.problems)} | ${r.reportMb.toFixed(1)} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(Number(args[1]), args[2] ?? tmpdir());
} else if (process.getuid?.() === 0 && process.env.PKIMM_BENCH_NETNS !== '1' && spawnSync('unshare', ['--version']).status === 0) {
  // Re-run inside a private network namespace: only loopback exists there, so binding 0.0.0.0 exposes nothing.
  const script = `ip link set lo up && PKIMM_BENCH_NETNS=1 exec "${process.execPath}" --import tsx "${self}" ${args.map((a) => `"${a}"`).join(' ')}`;
  execFileSync('unshare', ['--net', 'sh', '-c', script], { stdio: 'inherit' });
} else if (process.env.PKIMM_BENCH_NETNS === '1') {
  await parent(args.length > 0 ? args.map(Number) : [1000, 10_000, 100_000]);
} else {
  // Outside a private namespace, a server on 0.0.0.0 would listen on every interface: refuse instead.
  process.stderr.write('scale-bench: needs root and unshare(1) to run in a private network namespace\n');
  process.exitCode = 2;
}
