/**
 * Kubernetes live-mode benchmark: what reading TLS Secrets from an API server through @kubernetes/client-node costs,
 * compared in the same run with (a) the bare transport floor: the same pages fetched over node:https with a bearer
 * token and JSON.parse'd, nothing else, and (b) the collector reading the same objects from an export file.
 *
 *   npx tsx bench/kubernetes-live-bench.ts [secrets=5000] [pageSize=250] [runs=3]
 *
 * The API server is a node:https server on 127.0.0.1 in this process serving pre-serialised pages (so its share of
 * the CPU time is a JSON.stringify-free write per page), with a generated CA; Secrets are the committed fixture's
 * web-tls Secret under distinct names. Prints one markdown table of medians: wall ms and process CPU ms. No network.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import kubernetes from '../collectors/kubernetes/index.js';
import { issueCertificate, privateKeyPem } from '../src/demo/pki.js';
import { installCrypto } from '../src/pki/crypto.js';
import { countingContext, median } from './helpers.js';

installCrypto();
const [secretCount = 5000, pageSize = 250, runs = 3] = process.argv.slice(2).map(Number);
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ca-configs', 'kubernetes-api', 'secret-list.json');
const TOKEN = 'bench-token-0123456789abcdef';

/** Median wall and process-CPU milliseconds of `runs` runs. */
async function time(task: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await task();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const dir = mkdtempSync(join(tmpdir(), 'pkimm-k8s-live-bench-'));
try {
  const template = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { items: { metadata: Record<string, unknown> }[] }).items[0]!;
  const items = Array.from({ length: secretCount }, (_, i) => ({ ...template, metadata: { ...template.metadata, name: `web-${i}`, namespace: `ns-${i % 50}` } }));
  const pages: string[] = [];
  for (let start = 0; start < items.length; start += pageSize) {
    const next = start + pageSize < items.length ? { continue: String(start + pageSize) } : {};
    pages.push(JSON.stringify({ kind: 'SecretList', apiVersion: 'v1', metadata: next, items: items.slice(start, start + pageSize) }));
  }
  writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: items.map((s) => ({ apiVersion: 'v1', kind: 'Secret', ...s })) }));

  const now = Date.now();
  const validity = { notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000) };
  const ca = await issueCertificate({ subject: 'CN=Bench Kubernetes CA', key: { type: 'EC', curve: 'P-256' }, ...validity, ca: true });
  const leaf = await issueCertificate({ subject: 'CN=kube-apiserver', key: { type: 'EC', curve: 'P-256' }, issuer: { subject: ca.subject, keys: ca.keys }, ...validity, ipAddresses: ['127.0.0.1'] });
  const server = createServer({ cert: leaf.pem, key: await privateKeyPem(leaf.keys) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const index = Math.floor(Number(url.searchParams.get('continue') ?? 0) / pageSize);
    const body = url.pathname === '/api/v1/secrets' && req.headers.authorization === `Bearer ${TOKEN}` ? pages[index] : undefined;
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(body ?? JSON.stringify({ kind: 'Status', code: 404 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  writeFileSync(
    join(dir, 'kubeconfig'),
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'bench',
      clusters: [{ name: 'bench', cluster: { server: `https://127.0.0.1:${port}`, 'certificate-authority-data': Buffer.from(ca.pem).toString('base64') } }],
      users: [{ name: 'bench', user: { token: TOKEN } }],
      contexts: [{ name: 'bench', context: { cluster: 'bench', user: 'bench' } }],
    }),
  );

  const fetchPage = (cont: string | undefined): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const query = new URLSearchParams({ fieldSelector: 'type=kubernetes.io/tls', limit: String(pageSize), ...(cont === undefined ? {} : { continue: cont }) });
      const req = request(`https://127.0.0.1:${port}/api/v1/secrets?${query.toString()}`, { ca: ca.pem, headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const floor = await time(async () => {
    let cont: string | undefined;
    do {
      const page = (await fetchPage(cont)) as { metadata: { continue?: string } };
      cont = page.metadata.continue;
    } while (cont !== undefined);
  });
  const liveCounts = { evidence: 0, problems: 0 };
  // Excluded from the timings: the one-off lazy import of the client library (measured on its own below).
  const importStart = performance.now();
  await import('@kubernetes/client-node');
  const importMs = performance.now() - importStart;
  const live = await time(() => kubernetes.collect(kubernetes.config.parse({ cluster: { kubeconfig: 'kubeconfig', pageSize, maxResponseBytes: 500_000_000 }, certManager: false }), countingContext(dir, liveCounts)));
  const fileCounts = { evidence: 0, problems: 0 };
  const file = await time(() => kubernetes.collect(kubernetes.config.parse({ paths: ['secrets.json'], maxFileBytes: 500_000_000, certManager: false }), countingContext(dir, fileCounts)));
  await new Promise<void>((resolve) => server.close(() => resolve()));

  const row = (what: string, t: { wall: number; cpu: number }, counts?: { evidence: number; problems: number }): string =>
    `| ${what} | ${t.wall.toFixed(0)} | ${t.cpu.toFixed(0)} | ${((t.cpu * 1000) / secretCount).toFixed(0)} | ${counts ? `${counts.evidence / runs} / ${counts.problems / runs}` : '–'} |`;
  console.log(`Node ${process.version}, ${secretCount} TLS Secrets, pageSize ${pageSize} (${pages.length} pages), ${runs} runs, medians; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`One-off import of @kubernetes/client-node (lazy, live mode only): ${importMs.toFixed(0)} ms\n`);
  console.log('| path | wall ms | process CPU ms (incl. the in-process server) | CPU µs per Secret | evidence / problems |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(row('live: collector through @kubernetes/client-node', live, liveCounts));
  console.log(row('floor: same pages over node:https + JSON.parse only', floor));
  console.log(row('export: collector reading secrets.json', file, fileCounts));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
