// Comparing with the previous scan: the cost of reading the previous report (size-capped read, JSON parse, schema
// check, view) and of the three comparing checks (crl-number-monotonic, ca-config-unchanged, ca-config-not-removed)
// over generated evidence, against a bare JSON.parse of the same file in the same run.
// Run: npx tsx bench/previous-scan-bench.ts [crls] [setups]   (default 20000 CRLs, 2000 CA setups; no network)
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyEvidence, CaConfigData, CrlFetchedData } from '../model/evidence.js';
import crlNumberMonotonic from '../rules/04-processes-and-procedures/crl-number-monotonic.js';
import caConfigNotRemoved from '../rules/09-change-management/ca-config-not-removed.js';
import caConfigUnchanged from '../rules/09-change-management/ca-config-unchanged.js';
import { evaluate } from '../src/engine/evaluate.js';
import { loadPreviousScan, narrowPrevious } from '../src/engine/previous-scan.js';
import { REPORT_SCHEMA_VERSION } from '../src/report/report.js';

const crls = Number(process.argv[2] ?? 20_000);
const setups = Number(process.argv[3] ?? 2_000);
if (!Number.isInteger(crls) || crls < 1 || crls > 200_000 || !Number.isInteger(setups) || setups < 1 || setups > 50_000) throw new Error('Bad counts');

const BEFORE = '2026-11-15T00:00:00.000Z';
const NOW = new Date('2026-11-22T00:00:00Z');

function crl(i: number, crlNumber: string, thisUpdate: string): AnyEvidence {
  const url = `http://crl${i}.example.test/ca.crl`;
  const data: CrlFetchedData = {
    status: 'fetched', source: 'configured-url', url, format: 'DER', sizeBytes: 900, sha256: `${crlNumber.padStart(8, '0')}${'0'.repeat(56)}`,
    issuer: `CN=CA ${i}`, thisUpdate, nextUpdate: '2026-11-29T00:00:00Z', hasNextUpdate: true, crlNumber, isDelta: false, freshestCrlUrls: [], entryCount: 10,
    reasonCounts: {}, signatureAlgorithm: 'sha256WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.11', signature: 'valid', sourceCertificates: [], checkedCertificates: 0, revokedCertificates: [],
  };
  return { id: `crl:${url}`, kind: 'crl', collector: 'crl', target: url, observedAt: thisUpdate, data };
}

function setup(i: number, maxDays: number): AnyEvidence {
  const data: CaConfigData = {
    product: 'vault', role: 'ca', name: `vault pki${i}/`, source: { path: `vault/pki${i}.json` }, ca: { subject: `CN=CA ${i}`, keyAlgorithm: 'EC', keySizeBits: 384 },
    profiles: Array.from({ length: 5 }, (_, p) => ({ name: `role${p}`, kind: 'role' as const, maxValiditySeconds: maxDays * 86_400, keyTypes: [{ algorithm: 'EC', curves: ['P-256'] }], extendedKeyUsage: ['serverAuth'] })),
    enrollment: ['api'], observations: [],
  };
  return { id: `ca-config:vault#pki${i}/`, kind: 'ca-config', collector: 'vault-pki', target: `vault#pki${i}/`, observedAt: BEFORE, data };
}

const before = [...Array.from({ length: crls }, (_, i) => crl(i, '05', BEFORE)), ...Array.from({ length: setups }, (_, i) => setup(i, 90))];
// Today: every tenth CRL went backwards, every tenth setup got a longer lifetime, one setup is gone.
const now = [
  ...Array.from({ length: crls }, (_, i) => crl(i, i % 10 === 0 ? '04' : '06', NOW.toISOString())),
  ...Array.from({ length: setups - 1 }, (_, i) => setup(i, i % 10 === 0 ? 365 : 90)),
];
const report = {
  schemaVersion: REPORT_SCHEMA_VERSION, tool: { name: 'pkimm-scan', version: 'bench' }, generatedAt: BEFORE,
  model: { version: '1.1.0', source: { kind: 'builtin', location: 'builtin' } }, scoring: { mode: 'methodology', mergePolicy: 'x' },
  scan: { startedAt: BEFORE, finishedAt: BEFORE, previousScans: [], collectors: { crl: { configured: crls, observed: crls, problems: 0, evidence: crls }, 'vault-pki': { configured: 1, observed: 1, problems: 0, evidence: setups } } },
  summary: { findings: {} },
  assessment: { mode: 'methodology', kind: 'full', overall: { raw: null, level: 0, label: '', progress: 0, status: 'not-evaluated', completeness: { answered: 0, inScope: 0, notApplicable: 0, ratio: 0 } }, modules: {}, categories: {}, requirements: {}, extensions: [] },
  findings: [], statements: [], assessors: [], evidence: before, problems: [],
};
const dir = mkdtempSync(join(tmpdir(), 'pkimm-previous-bench-'));
const file = join(dir, 'report.json');
writeFileSync(file, JSON.stringify(report));
const bytes = statSync(file).size;

const cpu = async (fn: () => unknown): Promise<number> => {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const silent = { debug: () => undefined, info: () => undefined, warn: (m: string) => { throw new Error(m); } };

try {
  const parseMs = await cpu(() => JSON.parse(readFileSync(file, 'utf8')));
  let view: ReturnType<typeof narrowPrevious> | undefined;
  const loadMs = await cpu(async () => {
    const loaded = await loadPreviousScan({ outputReport: 'report.json', baseDir: dir, collectors: ['crl', 'vault-pki'], startedAt: NOW, log: silent });
    view = narrowPrevious(loaded.previous!, ['crl', 'vault-pki'], []);
  });
  let failed = 0;
  const rulesMs = await cpu(() => {
    const results = evaluate(now, { rules: [crlNumberMonotonic, caConfigUnchanged, caConfigNotRemoved], now: NOW, previous: view! });
    failed = results.filter((r) => r.status === 'fail').length;
  });
  const expected = Math.ceil(crls / 10) + Math.ceil((setups - 1) / 10) + 1;
  if (failed !== expected) throw new Error(`expected ${expected} failed results, got ${failed}`);
  console.log(`previous report: ${crls} CRLs + ${setups} CA setups, ${(bytes / 1_048_576).toFixed(1)} MiB`);
  console.log('| step | CPU ms |');
  console.log('| --- | ---: |');
  console.log(`| baseline: readFileSync + JSON.parse | ${parseMs.toFixed(0)} |`);
  console.log(`| loadPreviousScan + narrowPrevious (read, parse, schema check, view) | ${loadMs.toFixed(0)} |`);
  console.log(`| 3 comparing checks over ${now.length} items (${failed} failed) | ${rulesMs.toFixed(0)} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
