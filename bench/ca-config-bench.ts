/**
 * Kubernetes / cert-manager collector benchmark: how long reading a large `kubectl get -o yaml|json` export takes,
 * compared in the same run with parsing the same text alone (the yaml library, JSON.parse), which is the floor.
 *
 *   npx tsx bench/ca-config-bench.ts [secrets=2000] [certificates=5000] [runs=3]
 *
 * Inputs are generated into a temp folder from the committed fixture Secret (a P-256 leaf + RSA intermediate + root
 * in tls.crt/ca.crt, an EC key in tls.key) with distinct names, and a cert-manager manifest with one ClusterIssuer
 * and `certificates` Certificates. Prints one markdown table of medians. No network.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments, stringify } from 'yaml';
import kubernetes from '../collectors/kubernetes/index.js';
import { toCertificateFacts } from '../src/pki/certificate-facts.js';
import { installCrypto } from '../src/pki/crypto.js';
import { countingContext, median } from './helpers.js';
import { readCertificates, readPemBlocks } from '../src/pki/pem.js';
import { describePemPrivateKey } from '../src/pki/private-key.js';

installCrypto();
const [secretCount = 2000, certificateCount = 5000, runs = 3] = process.argv.slice(2).map(Number);
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ca-configs', 'kubernetes', 'secrets-export.yaml');

async function time(task: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return median(times);
}

const dir = mkdtempSync(join(tmpdir(), 'pkimm-ca-config-bench-'));
try {
  const template = (parseAllDocuments(readFileSync(FIXTURE, 'utf8'))[0]!.toJS() as { items: { metadata: Record<string, unknown> }[] }).items[0]!;
  const items = Array.from({ length: secretCount }, (_, i) => ({ ...template, metadata: { ...template.metadata, name: `web-${i}`, namespace: `ns-${i % 50}` } }));
  const list = { apiVersion: 'v1', kind: 'List', items };
  writeFileSync(join(dir, 'secrets.yaml'), stringify(list, { lineWidth: 0, aliasDuplicateObjects: false }));
  writeFileSync(join(dir, 'secrets.json'), JSON.stringify(list));
  const manifest = [
    stringify({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }] } } }),
    ...Array.from({ length: certificateCount }, (_, i) =>
      stringify({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: `c-${i}`, namespace: `ns-${i % 50}` }, spec: { secretName: `c-${i}-tls`, duration: '2160h', renewBefore: '360h', dnsNames: [`c${i}.example.test`], privateKey: { algorithm: 'ECDSA', size: 256 }, issuerRef: { name: 'le', kind: 'ClusterIssuer' } } }),
    ),
  ].join('---\n');
  writeFileSync(join(dir, 'certificates.yaml'), manifest);

  // Same-run floor for the Secrets rows: the cryptography each Secret needs (leaf certificate facts + key metadata).
  const data = (template as unknown as { data: Record<string, string> }).data;
  const leafDer = readCertificates(Buffer.from(data['tls.crt']!, 'base64'), 'tls.crt').certificates[0]!.der;
  const keyBlock = readPemBlocks(Buffer.from(data['tls.key']!, 'base64').toString('latin1'), 'tls.key').blocks[0]!;
  const cryptoMs = await time(() => {
    for (let i = 0; i < secretCount; i++) {
      toCertificateFacts(leafDer);
      describePemPrivateKey(keyBlock.label, keyBlock.headers, keyBlock.decode()!);
    }
  });
  const rows: string[] = [];
  for (const [file, baseline, objects] of [
    ['secrets.yaml', 'yaml parseAllDocuments + toJS', secretCount],
    ['secrets.json', 'JSON.parse', secretCount],
    ['certificates.yaml', 'yaml parseAllDocuments + toJS', certificateCount + 1],
  ] as const) {
    const text = readFileSync(join(dir, file), 'utf8');
    const parseMs = await time(() => (file.endsWith('.json') ? (JSON.parse(text) as unknown) : parseAllDocuments(text).map((d) => d.toJS() as unknown)));
    const counts = { evidence: 0, problems: 0 };
    const collectMs = await time(() => kubernetes.collect(kubernetes.config.parse({ paths: [file], maxFileBytes: 200_000_000 }), countingContext(dir, counts)));
    rows.push(`| ${file} | ${(statSync(join(dir, file)).size / 1e6).toFixed(1)} MB | ${objects} | ${collectMs.toFixed(0)} | ${baseline}: ${parseMs.toFixed(0)} | ${((collectMs * 1000) / objects).toFixed(0)} | ${counts.evidence / runs} / ${counts.problems / runs} |`);
  }
  console.log(`Node ${process.version}, ${runs} runs, medians; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB for the whole run\n`);
  console.log(`Crypto floor for ${secretCount} Secrets (leaf certificate facts + private-key metadata, no I/O, no parsing): ${cryptoMs.toFixed(0)} ms\n`);
  console.log('| input | size | objects | kubernetes collector ms | same-run parse-only baseline ms | µs per object | evidence / problems |');
  console.log('| --- | ---: | ---: | ---: | --- | ---: | --- |');
  for (const row of rows) console.log(row);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
