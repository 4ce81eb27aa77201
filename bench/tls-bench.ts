/**
 * TLS endpoint collector throughput on loopback, against a bare tls.connect loop in the same run.
 *
 *   npx tsx bench/tls-bench.ts [secondsPerRun=2] [outFile=bench/out/tls.md] [repeats=3]
 *
 * Servers (each its own process, certificates generated into a temp dir): a node:tls server, `openssl s_server` and
 * nginx (1 worker), when the binaries exist. For each server and concurrency 1/16/64 it times, with the same number
 * of distinct targets (one SNI name each, so the collector does not de-duplicate them):
 *   - bare: tls.connect → getPeerX509Certificate() → destroy, p-limit at the concurrency;
 *   - main thread: the real collect() with the tls-endpoint collector (OCSP request, ALPN, chain walk, facts, evidence),
 *     `workers: 0`;
 *   - default: the same with the default `workers: auto` (one worker thread per core at these target counts).
 * Each run is sized from a warm-up to last about secondsPerRun; the three variants run interleaved, `repeats` times, and
 * the table shows medians. Then sslscan, `testssl -S` and an `openssl s_client` loop on one endpoint each, when
 * installed (each with a time limit).
 * Writes a Markdown section to outFile. Not part of npm test.
 */
import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tls from 'node:tls';
import pLimit from 'p-limit';
import tlsEndpoint from '../collectors/tls-endpoint/index.js';
import { collect } from '../src/engine/collect.js';
import { silentLogger } from '../src/engine/collector-context.js';
import { nodeFileSystem } from '../src/engine/file-system.js';
import { createHttpClient } from '../src/engine/http-client.js';
import { createTlsProbe } from '../src/engine/tls-probe.js';
import { installCrypto } from '../src/pki/crypto.js';
import { freePort, makeTestPki } from '../test/helpers/tls-servers.js';

installCrypto();
const SECONDS = Number(process.argv[2] ?? 2);
const OUT = process.argv[3] ?? 'bench/out/tls.md';
const REPEATS = Number(process.argv[4] ?? 3);
const CONCURRENCY = [1, 16, 64];
const has = (bin: string, args: string[] = ['--version']): boolean => spawnSync(bin, args, { stdio: 'ignore' }).status === 0;

interface Server {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} never opened`);
}

async function startServers(dir: string): Promise<Server[]> {
  const servers: Server[] = [];
  const nodePort = await freePort();
  const nodeScript = `const tls=require('node:tls'),fs=require('node:fs');tls.createServer({cert:fs.readFileSync('served.pem'),key:fs.readFileSync('key.pem')},s=>{s.on('error',()=>{});s.end()}).on('tlsClientError',()=>{}).listen(${nodePort},'127.0.0.1')`;
  const nodeChild = spawn(process.execPath, ['-e', nodeScript], { cwd: dir, stdio: 'ignore' });
  await waitForPort(nodePort, nodeChild);
  servers.push({ name: 'node:tls', port: nodePort, child: nodeChild });
  if (has('openssl', ['version'])) {
    const port = await freePort();
    const child = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', 'leaf.pem', '-key', 'key.pem', '-cert_chain', 'chain.pem', '-quiet', '-naccept', '1000000'], { cwd: dir, stdio: ['pipe', 'ignore', 'ignore'] });
    await waitForPort(port, child);
    servers.push({ name: 'openssl s_server', port, child });
  }
  if (has('nginx', ['-v'])) {
    const port = await freePort();
    await mkdir(join(dir, 'nginx/logs'), { recursive: true });
    const conf = `worker_processes 1; pid ${dir}/nginx/nginx.pid; error_log ${dir}/nginx/logs/error.log crit; daemon off;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:${port} ssl; ssl_certificate ${dir}/served.pem; ssl_certificate_key ${dir}/key.pem;
  ssl_session_cache off; ssl_session_tickets off; ssl_protocols TLSv1.2 TLSv1.3; location / { return 204; } } }`;
    await writeFile(join(dir, 'nginx/nginx.conf'), conf);
    const child = spawn('nginx', ['-p', join(dir, 'nginx'), '-c', join(dir, 'nginx/nginx.conf')], { stdio: 'ignore' });
    await waitForPort(port, child);
    servers.push({ name: 'nginx (1 worker)', port, child });
  }
  return servers;
}

const names = (n: number, run: string): string[] => Array.from({ length: n }, (_, i) => `h${i}.${run}.bench.test`);

/** One timed run: wall-clock rate, handshakes per CPU-second of this process (all threads), failed targets. */
interface RunResult {
  readonly perSecond: number;
  readonly perCpuSecond: number;
  readonly failures: number;
}

function rates(count: number, started: number, cpu: NodeJS.CpuUsage): Pick<RunResult, 'perSecond' | 'perCpuSecond'> {
  const used = process.cpuUsage(cpu);
  return { perSecond: count / ((performance.now() - started) / 1000), perCpuSecond: count / ((used.user + used.system) / 1e6) };
}

async function bare(port: number, concurrency: number, serverNames: readonly string[]): Promise<RunResult> {
  const limit = pLimit(concurrency);
  let failures = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    serverNames.map((servername) =>
      limit(
        () =>
          new Promise<void>((resolve) => {
            const socket = tls.connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => {
              socket.getPeerX509Certificate();
              socket.destroy();
              resolve();
            });
            socket.on('error', () => {
              failures++;
              socket.destroy();
              resolve();
            });
          }),
      ),
    ),
  );
  return { ...rates(serverNames.length, started, cpu), failures };
}

async function collector(port: number, concurrency: number, serverNames: readonly string[], workers: number | 'auto'): Promise<RunResult> {
  const config = tlsEndpoint.config.parse({ targets: [{ host: '127.0.0.1', port, serverNames: [...serverNames] }], workers, starttls: 'none' });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await collect(new Map([[tlsEndpoint, config]]), {
    http: createHttpClient({ userAgent: 'pkimm-scan-bench' }),
    tls: createTlsProbe(),
    fs: nodeFileSystem,
    now: () => new Date(),
    log: silentLogger,
    baseDir: process.cwd(),
    concurrency,
  });
  const measured = rates(serverNames.length, started, cpu);
  const endpoints = result.evidence.filter((e) => e.kind === 'tls-endpoint').length;
  return { ...measured, failures: serverNames.length - endpoints };
}

function timed(command: string, args: readonly string[], timeoutMs: number): { seconds: number; ok: boolean } {
  const started = performance.now();
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: timeoutMs });
  return { seconds: (performance.now() - started) / 1000, ok: r.status === 0 };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pkimm-tls-bench-'));
  const pki = await makeTestPki();
  await writeFile(join(dir, 'leaf.pem'), pki.leaf.pem);
  await writeFile(join(dir, 'chain.pem'), pki.intermediate.pem);
  await writeFile(join(dir, 'served.pem'), pki.servedPem);
  await writeFile(join(dir, 'key.pem'), pki.leafKeyPem, { mode: 0o600 });
  const servers = await startServers(dir);
  const rows: string[] = [];
  const ratios: number[] = [];
  try {
    // Warm-up (secure contexts, JIT, server caches), which also sizes the runs.
    const warm = await bare(servers[0]!.port, 16, names(300, 'warm'));
    await collector(servers[0]!.port, 16, names(300, 'warm'), 0);
    const perRun = Math.max(1024, Math.min(5000, Math.round(warm.perSecond * SECONDS)));
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    let run = 0;
    for (const server of servers) {
      for (const c of CONCURRENCY) {
        const n = c === 1 ? Math.round(perRun / 2) : perRun;
        const b: RunResult[] = [];
        const k: RunResult[] = [];
        const w: RunResult[] = [];
        for (let r = 0; r < REPEATS; r++) {
          b.push(await bare(server.port, c, names(n, `b${run++}`)));
          k.push(await collector(server.port, c, names(n, `k${run++}`), 0));
          w.push(await collector(server.port, c, names(n, `w${run++}`), 'auto'));
        }
        const failures = [...b, ...k, ...w].reduce((sum, x) => sum + x.failures, 0);
        const m = (xs: RunResult[], key: 'perSecond' | 'perCpuSecond'): number => median(xs.map((x) => x[key]));
        const pct = (x: number, y: number): string => `${((100 * x) / y).toFixed(0)} %`;
        if (c >= 16) ratios.push(m(w, 'perSecond') / m(b, 'perSecond'));
        const cell = (xs: RunResult[]): string => `${m(xs, 'perSecond').toFixed(0)} / ${m(xs, 'perCpuSecond').toFixed(0)}`;
        rows.push(
          `| ${server.name} | ${c} | ${n} | ${cell(b)} | ${cell(k)} | ${pct(m(k, 'perSecond'), m(b, 'perSecond'))} | ${cell(w)} | ${pct(m(w, 'perSecond'), m(b, 'perSecond'))} | ${failures} |`,
        );
        console.log(rows.at(-1));
      }
    }
    const tools: string[] = [];
    const port = servers[0]!.port;
    if (has('sslscan')) {
      const r = timed('sslscan', ['--no-colour', `127.0.0.1:${port}`], 60_000);
      tools.push(`| sslscan (full scan, 1 endpoint) | ${r.seconds.toFixed(2)} s | ${(1 / r.seconds).toFixed(2)} endpoints/s | ${r.ok ? 'ok' : 'failed'} |`);
    }
    if (has('testssl', ['--version'])) {
      const r = timed('testssl', ['--quiet', '--color', '0', '--warnings', 'batch', '-S', `127.0.0.1:${port}`], 180_000);
      tools.push(`| testssl -S (server defaults, 1 endpoint) | ${r.seconds.toFixed(2)} s | ${(1 / r.seconds).toFixed(3)} endpoints/s | ${r.ok ? 'ok' : 'failed/timeout'} |`);
    }
    if (has('openssl', ['version'])) {
      const loops = 50;
      const started = performance.now();
      for (let i = 0; i < loops; i++) spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', `s${i}.bench.test`], { input: '', stdio: ['pipe', 'ignore', 'ignore'], timeout: 5000 });
      const seconds = (performance.now() - started) / 1000;
      tools.push(`| openssl s_client loop (${loops} sequential processes) | ${seconds.toFixed(2)} s | ${(loops / seconds).toFixed(1)} endpoints/s | ok |`);
    }
    const worst = Math.min(...ratios);
    const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
    const text = `## TLS endpoints (\`npx tsx bench/tls-bench.ts ${SECONDS} ${OUT} ${REPEATS}\`)

Loopback, ${cpus().length} vCPU (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.versions.node} (OpenSSL ${process.versions.openssl}); servers in their
own processes on the same machine, one EC P-256 leaf + intermediate, full handshakes (no resumption). Each run uses
distinct targets (one SNI name each). "bare" is \`tls.connect\` → \`getPeerX509Certificate()\` → \`destroy()\` at the same
concurrency in the same run; the collector columns are the real \`collect()\` with the tls-endpoint collector (OCSP
request, ALPN offer, chain walk, certificate facts, evidence), in the main thread (\`workers: 0\`) and with the default
\`workers: auto\` (every run here has ≥ 512 targets, so one worker thread per core, except at concurrency 1, where
auto stays in the main thread). Medians of ${REPEATS} interleaved
runs of about ${SECONDS} s each. Load average at the end of the run (1 / 5 / 15 min): ${load}.

Each cell is "handshakes per wall-clock second / per client CPU-second" (process CPU, all threads); the ratios are of
wall-clock rates (endpoints per second).

| server | concurrency | handshakes per run | bare | main thread | ÷ bare | default (workers: auto) | ÷ bare | failures |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Other tools on one endpoint (node:tls server), same run:

| tool | time | rate | result |
| --- | ---: | ---: | --- |
${tools.join('\n')}

Lowest default ÷ bare ratio of endpoints per wall-clock second at concurrency ≥ 16: ${(100 * worst).toFixed(0)} % (target ≥ 90 %).
`;
    await mkdir(dirname(OUT), { recursive: true });
    await writeFile(OUT, text);
    console.log(text);
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    if (has('nginx', ['-v'])) spawnSync('nginx', ['-p', join(dir, 'nginx'), '-c', join(dir, 'nginx/nginx.conf'), '-s', 'stop'], { stdio: 'ignore' });
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
