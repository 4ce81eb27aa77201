// How long each output format takes to render, and how big it gets, as the inventory grows.
//
//   npx tsx bench/reporters-bench.ts [sizes...]        default sizes: 1000 10000
//
// Builds a synthetic estate in memory (no network, no files): N leaf certificates from 10 issuing CAs, each seen in a
// file and on an endpoint, every tenth one expired and every twentieth RSA-1024, plus one TLS endpoint per 10
// certificates. Runs the built-in checks once per size (not timed), then renders every format 3 times and keeps the
// fastest run. The JSON reporter is the same-run baseline: every other format is a function of that report.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import type { AnyEvidence, Evidence } from '../model/evidence.js';
import { builtinModel } from '../model/pkimm/load-model.js';
import { assess } from '../src/engine/assess.js';
import { buildReport } from '../src/report/build-report.js';
import { reporters, type ReportFormat } from '../src/report/render.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const FORMATS: readonly ReportFormat[] = ['json', 'markdown', 'sarif', 'junit', 'cbom', 'openmetrics', 'csv', 'findings-csv'];
const hex = (text: string): string => createHash('sha256').update(text).digest('hex');

function certificate(i: number, issuer: number): Evidence<'certificate'> {
  const sha256 = hex(`leaf ${i}`);
  const weak = i % 20 === 0;
  const expired = i % 10 === 0;
  return {
    id: `certificate:sha256:${sha256}`,
    kind: 'certificate',
    collector: 'cert-file',
    target: 'certs',
    observedAt: NOW.toISOString(),
    data: {
      sha256,
      subject: `CN=host${i}.example.test, O=Example`,
      issuer: `CN=Issuing CA ${issuer}, O=Example`,
      serialNumberHex: i.toString(16).toUpperCase().padStart(8, '0'),
      notBefore: '2026-01-01T00:00:00Z',
      notAfter: expired ? '2026-10-01T00:00:00Z' : '2027-01-01T00:00:00Z',
      validitySeconds: 365 * 86_400,
      isCa: false,
      isSelfSigned: false,
      keyAlgorithm: 'RSA',
      keyAlgorithmOid: '1.2.840.113549.1.1.1',
      keySizeBits: weak ? 1024 : 2048,
      signatureAlgorithmOid: '1.2.840.113549.1.1.11',
      signatureAlgorithm: 'sha256WithRSAEncryption',
      signatureHash: 'SHA-256',
      subjectAltNames: [`DNS:host${i}.example.test`],
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['serverAuth'],
      ocspUrls: ['http://ocsp.example.test'],
      caIssuerUrls: [],
      crlUrls: ['http://crl.example.test/ca.crl'],
      policyOids: [],
      embeddedSctCount: 0,
      spkiSha256: hex(`key ${i}`),
      authorityKeyIdentifier: hex(`ca ${issuer}`).slice(0, 40),
      sightings: [
        { collector: 'cert-file', target: 'certs', location: `certs/host${i}.pem#0` },
        { collector: 'tls-endpoint', target: `10.0.${Math.floor(i / 250)}.${i % 250}:443`, location: 'chain[0]' },
      ],
    },
  };
}

function estate(n: number): AnyEvidence[] {
  const evidence: AnyEvidence[] = [];
  for (let i = 0; i < n; i++) evidence.push(certificate(i, i % 10));
  for (let i = 0; i < n; i += 10) {
    const host = `10.0.${Math.floor(i / 250)}.${i % 250}`;
    evidence.push({
      id: `tls-endpoint:${host}:443`,
      kind: 'tls-endpoint',
      collector: 'tls-endpoint',
      target: `${host}:443`,
      observedAt: NOW.toISOString(),
      data: { host, port: 443, protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', chain: [hex(`leaf ${i}`)], chainTrusted: i % 30 !== 0, hostnameMatches: true, handshakeMs: 10 },
    });
  }
  return evidence;
}

function fastest(fn: () => string): { ms: number; bytes: number } {
  let best = Infinity;
  let bytes = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const text = fn();
    best = Math.min(best, performance.now() - start);
    bytes = Buffer.byteLength(text);
  }
  return { ms: best, bytes };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const model = builtinModel('1.1.0');
console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('| certificates | results | format | render ms | size MB |');
console.log('| ---: | ---: | --- | ---: | ---: |');
for (const n of sizes.length > 0 ? sizes : [1000, 10_000]) {
  const evidence = estate(n);
  const facts = { now: NOW, sourceTypes: ['cert-file', 'tls-endpoint'], targets: {}, inventoryAdopted: false, previousScans: [], attestations: {} };
  const { results, statements, assessment, waivers } = assess({ model, evidence, facts });
  const report = buildReport({ model, assessment, generatedAt: NOW, results, statements, evidence, waivers, scan: { startedAt: NOW.toISOString(), finishedAt: NOW.toISOString(), collectors: {}, previousScans: [] } });
  for (const format of FORMATS) {
    const { ms, bytes } = fastest(() => reporters[format].render(report));
    console.log(`| ${n} | ${results.length} | ${format} | ${ms.toFixed(0)} | ${(bytes / 1e6).toFixed(1)} |`);
  }
}
