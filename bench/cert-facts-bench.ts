// Certificate facts throughput: the project's DER walker (src/pki/certificate-facts.ts) against node's
// X509Certificate and @peculiar/x509, on the same certificates in the same run, plus the full path from a PEM bundle
// (split + base64 + facts), which is what the cert-file collector does, and that path inside the scan's defaults scope
// (withCertificateFactsDefaults, how configured Debian weak-key lists reach every collector).
//
// The certificates are 10,000 distinct TLS leaves (half RSA-2048, half EC P-256) made from two templates like a public
// CA's: three DNS names, key usage, EKU, basic constraints, key identifiers, AIA, CRL DP, a policy and two embedded
// SCTs (about 1.2 KB each). Serial, names, key and key identifier differ per certificate, so no cache (issuer names,
// OIDs, the Fermat check per key) sees the same key twice; signatures are placeholders (facts do not verify leaves).
//
// Run: npx tsx bench/cert-facts-bench.ts [count]   (default 20,000 per measurement; medians of 5 runs)
// Rates are per CPU second of this process (user + system), so other load on the machine distorts them less than
// wall time; wall-clock rates are printed alongside.
import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readCertificates } from '../src/pki/pem.js';
import { toCertificateFacts, withCertificateFactsDefaults } from '../src/pki/certificate-facts.js';
import { DebianWeakKeys } from '../src/pki/weak-keys.js';
import { installCrypto } from '../src/pki/crypto.js';
import { buildCertificate, ecKey, ext, rsaSpki } from '../test/inventory/helpers/cert-builder.js';

installCrypto();
const { X509Certificate: PeculiarCertificate } = await import('@peculiar/x509');

const count = Number(process.argv[2] ?? 20_000);
if (!Number.isInteger(count) || count < 100) throw new Error(`Bad count: ${process.argv[2] ?? ''}`);
const UNIQUE = 10_000;

/** Finds `marker` in `buf` (the n-th occurrence); returns its offset; throws when missing. */
function find(buf: Uint8Array, marker: Uint8Array, nth = 0): number {
  let seen = 0;
  outer: for (let i = 0; i + marker.length <= buf.length; i++) {
    for (let k = 0; k < marker.length; k++) if (buf[i + k] !== marker[k]) continue outer;
    if (seen++ === nth) return i;
  }
  throw new Error('template marker not found');
}

let seed = 0x2545f491;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};

function leaves(kind: 'rsa' | 'ec', n: number): Uint8Array[] {
  const serialMarker = '7a'.repeat(16);
  const skiMarker = '5b'.repeat(20);
  const keyMarker = kind === 'rsa' ? 'c3'.repeat(256) : '';
  const ec = ecKey();
  const spki = kind === 'rsa' ? rsaSpki(keyMarker) : ec.spki;
  const name = 'host-0000000.example.com';
  const template = buildCertificate({
    subject: `C=US, O=Example Corp, CN=${name}`,
    issuer: 'C=US, O=Example Trust Services, CN=Example TLS Issuing CA R3',
    serialHex: serialMarker,
    spki,
    notBefore: new Date('2026-06-01T00:00:00Z'),
    notAfter: new Date('2027-06-01T00:00:00Z'),
    extensions: [
      ext.keyUsage(0, 2),
      ext.extKeyUsage('1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'),
      ext.basicConstraints(false),
      ext.subjectKeyIdentifier(skiMarker),
      ext.authorityKeyIdentifier('1f'.repeat(20)),
      ext.aia('http://ocsp.example-trust.test', 'http://crt.example-trust.test/r3.der'),
      ext.crlDistributionPoints('http://crl.example-trust.test/r3.crl'),
      ext.policies('2.23.140.1.2.2'),
      ext.dnsNames(name, `www.${name}`, `api.${name}`),
      ext.scts({ logId: new Uint8Array(32).fill(0x11), timeMs: Date.parse('2026-06-01T00:05:00Z') }, { logId: new Uint8Array(32).fill(0x22), timeMs: Date.parse('2026-06-01T00:05:01Z') }),
    ],
  });
  const digits = [0, 1, 2, 3].map((k) => find(template, new TextEncoder().encode('0000000'), k));
  const serial = find(template, Buffer.from(serialMarker, 'hex'));
  const ski = find(template, Buffer.from(skiMarker, 'hex'));
  const key = kind === 'rsa' ? find(template, Buffer.from(keyMarker, 'hex')) : find(template, ec.spki.subarray(ec.spki.length - 64));
  const keyLength = kind === 'rsa' ? 256 : 64;
  return Array.from({ length: n }, (_, i) => {
    const der = template.slice();
    for (let k = 0; k < 16; k++) der[serial + k] = k === 0 ? (random() & 0x7f) | 0x10 : random() & 0xff;
    for (let k = 0; k < 20; k++) der[ski + k] = random() & 0xff;
    for (let k = 0; k < keyLength; k++) der[key + k] = random() & 0xff;
    if (kind === 'rsa') {
      der[key] = der[key]! | 0xc0; // a full 2048-bit modulus
      der[key + 255] = der[key + 255]! | 1; // odd
    }
    for (const at of digits) for (let k = 0, v = i; k < 7; k++, v = Math.floor(v / 10)) der[at + 6 - k] = 0x30 + (v % 10);
    return der;
  });
}

const ders = [...leaves('rsa', UNIQUE / 2), ...leaves('ec', UNIQUE / 2)];
const pem = (der: Uint8Array): string => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
// One bundle as CA files and collectors see it (the cert-file collector reads at most 10,000 blocks per file).
const bundle = new Uint8Array(Buffer.from(ders.map(pem).join(''), 'latin1'));

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

interface Rate {
  readonly cpu: number;
  readonly wall: number;
}

const RUNS = 5;

function measure(label: string, items: number, run: () => void): Rate {
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  run(); // warm-up
  for (let r = 0; r < RUNS; r++) {
    const c0 = cpuMs();
    const w0 = performance.now();
    run();
    cpuRates.push(items / ((cpuMs() - c0) / 1000));
    wallRates.push(items / ((performance.now() - w0) / 1000));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[RUNS >> 1]!;
  const rate = { cpu: median(cpuRates), wall: median(wallRates) };
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);
  console.log(`${label.padEnd(52)} ${fmt(rate.cpu)} certs/CPU-s  ${fmt(rate.wall)} certs/s wall  (CPU runs ${cpuRates.map(Math.round).join(', ')})`);
  return rate;
}

const loop = (n: number, parse: (der: Uint8Array) => unknown) => (): void => {
  for (let i = 0; i < n; i++) parse(ders[i % ders.length]!);
};

console.log(`${ders.length.toLocaleString('en-US')} distinct leaves, ${Math.round(bundle.length / 1024)} KB of PEM; node ${process.version}`);
const bundles = Math.max(1, Math.round(count / UNIQUE));
const pemFacts = (): void => {
  for (let b = 0; b < bundles; b++) for (const { der } of readCertificates(bundle, 'bundle.pem').certificates) toCertificateFacts(der);
};
// One pass over both paths before any measurement, so the first row does not pay for compiling the code the later
// rows find ready.
pemFacts();
for (const der of ders) toCertificateFacts(der, { fermat: false });
const fromPem = measure('PEM bundle → full facts (split + facts)', bundles * UNIQUE, pemFacts);
const split = measure('PEM bundle → DER only (readCertificates)', bundles * UNIQUE, () => {
  for (let b = 0; b < bundles; b++) readCertificates(bundle, 'bundle.pem');
});
const fromPemNoFermat = measure('PEM bundle → facts, Fermat check off', bundles * UNIQUE, () => {
  for (let b = 0; b < bundles; b++) for (const { der } of readCertificates(bundle, 'bundle.pem').certificates) toCertificateFacts(der, { fermat: false });
});
// The scan runs collection inside withCertificateFactsDefaults when weak-key lists are configured. The cost of the
// scope alone (options equal to the defaults, so the same work) is measured with the two variants interleaved, run
// by run, so that machine load and heap state fall on both alike; then the full path with a Debian list the size of
// the real RSA-2048 one (32,768 fingerprints; none of these keys is on it, so a SHA-1 lookup per RSA key is added).
const PAIRS = 9;
const scopedRates: number[] = [];
const plainRates: number[] = [];
for (let r = 0; r < PAIRS; r++) {
  for (const [rates, run] of [
    [plainRates, pemFacts],
    [scopedRates, () => withCertificateFactsDefaults({ fermat: true }, pemFacts)],
  ] as const) {
    const c0 = cpuMs();
    run();
    rates.push((bundles * UNIQUE) / ((cpuMs() - c0) / 1000));
  }
}
const medianOf = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const scopeCost = 1 - medianOf(scopedRates) / medianOf(plainRates);
console.log(
  `${'PEM bundle → full facts, inside a defaults scope'.padEnd(52)} ${Math.round(medianOf(scopedRates)).toLocaleString('en-US').padStart(9)} certs/CPU-s  (interleaved with the plain path: ${Math.round(medianOf(plainRates)).toLocaleString('en-US')}; scope costs ${(100 * scopeCost).toFixed(1)}%)`,
);
const debianList = DebianWeakKeys.parse(Array.from({ length: 32_768 }, () => (random().toString(16) + random().toString(16) + random().toString(16)).padStart(24, '0').slice(0, 20)).join('\n'));
measure('PEM bundle → full facts + Debian list (32,768)', bundles * UNIQUE, () => withCertificateFactsDefaults({ debianWeakKeys: debianList }, pemFacts));
const ours = measure('DER → full facts (toCertificateFacts)', count, loop(count, (der) => toCertificateFacts(der)));
measure('DER → facts, Fermat check off', count, loop(count, (der) => toCertificateFacts(der, { fermat: false })));
const nodeCount = Math.max(100, Math.round(count / 5));
const node = measure('node X509Certificate (+ subject, SAN, key, SHA-256)', nodeCount, loop(nodeCount, (der) => {
  const c = new X509Certificate(der);
  return [c.subject, c.subjectAltName, c.publicKey.asymmetricKeyType, c.fingerprint256];
}));
const peculiarCount = Math.max(100, Math.round(count / 50));
const peculiar = measure('@peculiar/x509 (+ extensions, key)', peculiarCount, loop(peculiarCount, (der) => {
  const c = new PeculiarCertificate(der);
  const keyAlgorithm: unknown = c.publicKey.algorithm;
  return [c.subject, c.extensions.length, keyAlgorithm];
}));
console.log(`DER facts vs node: ${(ours.cpu / node.cpu).toFixed(1)}x, vs @peculiar/x509: ${(ours.cpu / peculiar.cpu).toFixed(1)}x (per CPU second)`);
console.log(`PEM bundle to full facts vs node: ${(fromPem.cpu / node.cpu).toFixed(1)}x, vs @peculiar/x509: ${(fromPem.cpu / peculiar.cpu).toFixed(1)}x (per CPU second)`);
console.log(
  `PEM bundle to facts: ${Math.round(fromPem.cpu).toLocaleString('en-US')} certs per CPU second (target 50,000), ${Math.round(fromPemNoFermat.cpu).toLocaleString('en-US')} without the Fermat check; splitting alone ${Math.round(split.cpu).toLocaleString('en-US')}/s`,
);
