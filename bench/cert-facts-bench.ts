// Certificate facts throughput: the project's DER walker (src/pki/certificate-facts.ts) against node's
// X509Certificate and @peculiar/x509, on the same certificates in the same run.
// Run: npx tsx bench/cert-facts-bench.ts [count]   (default 5,000 per library; medians of 3 runs)
import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { splitCertificates } from '../src/pki/pem.js';
import { toCertificateFacts } from '../src/pki/certificate-facts.js';
import { installCrypto } from '../src/pki/crypto.js';

installCrypto();
const { X509Certificate: PeculiarCertificate } = await import('@peculiar/x509');

const count = Number(process.argv[2] ?? 5_000);
const files = ['rsa-2048.pem', 'ec-p256.pem', 'ca-intermediate.pem'];
const ders = files.flatMap((f) => splitCertificates(new Uint8Array(readFileSync(new URL(`../fixtures/certificates/${f}`, import.meta.url))), f).map((c) => c.der));

function rate(label: string, parse: (der: Uint8Array) => unknown): number {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    for (let i = 0; i < 200; i++) parse(ders[i % ders.length]!);
    const started = performance.now();
    for (let i = 0; i < count; i++) parse(ders[i % ders.length]!);
    runs.push(count / ((performance.now() - started) / 1000));
  }
  const median = runs.sort((a, b) => a - b)[1]!;
  console.log(`${label.padEnd(46)} ${Math.round(median).toString().padStart(8)} certs/s  (runs ${runs.map(Math.round).join(', ')})`);
  return median;
}

const ours = rate('pkimm-scan toCertificateFacts (full facts)', toCertificateFacts);
const node = rate('node X509Certificate (+ subject, SAN, key)', (der) => {
  const c = new X509Certificate(der);
  return [c.subject, c.subjectAltName, c.publicKey.asymmetricKeyType, c.fingerprint256];
});
const peculiar = rate('@peculiar/x509 (+ extensions)', (der) => {
  const c = new PeculiarCertificate(der);
  const keyAlgorithm: unknown = c.publicKey.algorithm;
  return [c.subject, c.extensions.length, keyAlgorithm];
});
console.log(`ratio vs node: ${(ours / node).toFixed(2)}x, vs @peculiar/x509: ${(ours / peculiar).toFixed(2)}x`);
