// Mutation corpus: every parser that reads untrusted bytes gets thousands of damaged variants of real inputs
// (../shared/realworld when present, the project's own fixtures always) and must either return a result that
// serialises to JSON or throw one of the project's own parse errors. Anything else (TypeError, RangeError, a
// stack overflow, an endless loop) is a bug a hostile certificate, CRL, OCSP answer or CT log could trigger.
// Run with `npm run test:corpus` (CORPUS_MUTATIONS=N sets the variants per seed, default 150).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeXmlEncoder, XmlEncoderError } from '../../collectors/ejbca/xml-encoder.js';
import { parseRenewalConf } from '../../collectors/certbot/renewal-conf.js';
import { parseOpenSslConf } from '../../collectors/openssl-ca/openssl-cnf.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { parseCrtshRows } from '../../src/ct/crtsh.js';
import { parseLogListBytes } from '../../src/ct/log-list.js';
import { decodeLogEntry } from '../../src/ct/rfc6962.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { CrlIndex, crlDerFromBytes, parseCrl } from '../../src/pki/crl-facts.js';
import { DerError } from '../../src/pki/der.js';
import { JksError, readJavaKeystore } from '../../src/pki/jks.js';
import { parseOcspResponse, readCertificateParts } from '../../src/pki/ocsp.js';
import { readCertificates, readPemBlocks } from '../../src/pki/pem.js';
import { Pkcs12Error, readPkcs12 } from '../../src/pki/pkcs12.js';
import { Pkcs7Error, readPkcs7 } from '../../src/pki/pkcs7.js';
import { describeDerPrivateKey, PrivateKeyError } from '../../src/pki/private-key.js';
import { embeddedScts } from '../../src/pki/sct.js';

const MUTATIONS = Number(process.env.CORPUS_MUTATIONS ?? 150);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const realworld = fileURLToPath(new URL('../../../shared/realworld/', import.meta.url));
/** Parse errors the project throws on purpose; anything else escaping a parser is a bug. */
const expectedErrors = [CollectError, DerError, Pkcs7Error, Pkcs12Error, JksError, PrivateKeyError, XmlEncoderError];

/** A small deterministic PRNG (mulberry32), so a failure names a seed and mutation that reproduce it. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One damaged copy of `input`: bit flips, truncation, inserted or repeated bytes, inflated DER lengths, zeroed runs. */
function mutate(input: Uint8Array, random: () => number): Uint8Array {
  const at = (n: number): number => Math.floor(random() * n);
  let bytes = Uint8Array.from(input);
  const steps = 1 + at(3);
  for (let s = 0; s < steps && bytes.length > 0; s++) {
    switch (at(7)) {
      case 0:
        for (let i = 0, n = 1 + at(8); i < n; i++) bytes[at(bytes.length)]! ^= 1 << at(8);
        break;
      case 1:
        bytes = bytes.subarray(0, at(bytes.length));
        break;
      case 2: {
        const pos = at(bytes.length);
        const extra = Uint8Array.from({ length: 1 + at(16) }, () => at(256));
        bytes = Uint8Array.from([...bytes.subarray(0, pos), ...extra, ...bytes.subarray(pos)]);
        break;
      }
      case 3: {
        const pos = at(bytes.length);
        const len = Math.min(1 + at(64), bytes.length - pos);
        const slice = bytes.subarray(pos, pos + len);
        bytes = Uint8Array.from([...bytes.subarray(0, pos + len), ...slice, ...slice, ...bytes.subarray(pos + len)]);
        break;
      }
      case 4: {
        // A DER length octet replaced by a long form claiming far more content than there is.
        const pos = 1 + at(Math.max(1, bytes.length - 1));
        bytes = Uint8Array.from([...bytes.subarray(0, pos), 0x84, 0x7f, 0xff, 0xff, 0xff, ...bytes.subarray(pos + 1)]);
        break;
      }
      case 5: {
        const pos = at(bytes.length);
        bytes.fill(0, pos, pos + 1 + at(32));
        break;
      }
      default: {
        // Indefinite length (BER) where DER forbids it.
        const pos = 1 + at(Math.max(1, bytes.length - 1));
        bytes[pos] = 0x80;
      }
    }
  }
  return bytes;
}

function files(dir: string, filter: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(filter)
    .sort()
    .map((f) => join(dir, f));
}

/** Certificates (DER) of every readable seed file: project fixtures and, when present, ../shared/realworld/certs. */
function certificateSeeds(): { name: string; der: Uint8Array }[] {
  const paths = [
    ...files(join(repo, 'fixtures/certificates'), (f) => /\.(pem|der|crt)$/.test(f)),
    ...files(join(repo, 'fixtures/keystores'), (f) => /\.(crt|p7b)$/.test(f)),
    ...files(join(realworld, 'certs'), (f) => /\.(pem|der|crt|cer|p7b|p7c)$/.test(f)),
  ];
  const seeds: { name: string; der: Uint8Array }[] = [];
  for (const path of paths) {
    try {
      for (const cert of readCertificates(readFileSync(path), path).certificates) seeds.push({ name: path, der: cert.der });
    } catch {
      // A seed that is itself unreadable (the garbage fixtures) is still used as raw bytes below.
    }
  }
  return seeds;
}

/** Runs `parse` on every mutation of every seed; collects unexpected errors instead of stopping at the first. */
function fuzz(seeds: readonly { name: string; bytes: Uint8Array }[], parse: (bytes: Uint8Array) => unknown): { runs: number; parsed: number; bugs: string[] } {
  let runs = 0;
  let parsed = 0;
  const bugs: string[] = [];
  seeds.forEach((seed, index) => {
    const random = prng(0x5eed + index);
    for (let m = 0; m < MUTATIONS; m++) {
      const input = m === 0 ? seed.bytes : mutate(seed.bytes, random);
      runs++;
      try {
        const result = parse(input);
        JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
        parsed++;
      } catch (error) {
        if (!expectedErrors.some((E) => error instanceof E)) {
          const e = error as Error;
          if (bugs.length < 20) bugs.push(`${seed.name} mutation ${String(m)}: ${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n') ?? ''}`);
        }
      }
    }
  });
  return { runs, parsed, bugs };
}

const certificates = certificateSeeds().map((s) => ({ name: s.name, bytes: s.der }));
const rawCertificateFiles = [
  ...files(join(repo, 'fixtures/certificates'), () => true),
  ...files(join(realworld, 'certs'), (f) => f !== 'INDEX.tsv'),
].map((path) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) }));
const crls = files(join(realworld, 'crl'), (f) => /\.(crl|pem)$/.test(f)).flatMap((path) => {
  try {
    return [{ name: path, bytes: crlDerFromBytes(readFileSync(path)) }];
  } catch {
    return [];
  }
});
const ocspResponses = files(join(realworld, 'ocsp'), (f) => /\.(der|ors)$/.test(f)).map((path) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) }));
const keystores = files(join(repo, 'fixtures/keystores'), (f) => /\.(p12|pfx|jks|jceks|p7b|der)$/.test(f)).map((path) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) }));

describe('mutation corpus: binary parsers', () => {
  it('has seeds to mutate', () => {
    expect(certificates.length).toBeGreaterThanOrEqual(10);
    expect(keystores.length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['certificate facts', (b: Uint8Array) => toCertificateFacts(b)],
    ['certificate parts for OCSP and issuer matching', (b: Uint8Array) => readCertificateParts(b)],
    ['embedded SCT lists', (b: Uint8Array) => embeddedScts(b)],
  ])('%s: damaged certificates give facts or a parse error', (_name, parse) => {
    const result = fuzz(certificates, parse);
    expect(result.bugs).toEqual([]);
    expect(result.parsed).toBeGreaterThan(0);
  });

  it('certificate files (PEM, DER, PKCS#7, text): damaged files give certificates, problems or a format error', () => {
    const result = fuzz(rawCertificateFiles, (b) => readCertificates(b, 'fuzz'));
    expect(result.bugs).toEqual([]);
  });

  it('PEM text: damaged bundles give blocks and problems', () => {
    const result = fuzz(rawCertificateFiles, (b) => readPemBlocks(Buffer.from(b).toString('latin1'), 'fuzz'));
    expect(result.bugs).toEqual([]);
  });

  it('keystores and keys: PKCS#12, JKS/JCEKS, PKCS#7, DER private keys', () => {
    const result = fuzz(keystores, (b) => {
      const results: unknown[] = [];
      for (const read of [() => readPkcs12(b, ['changeit', '']), () => readJavaKeystore(b, 'changeit'), () => readPkcs7(b), () => describeDerPrivateKey(b)]) {
        try {
          results.push(read());
        } catch (error) {
          if (!expectedErrors.some((E) => error instanceof E)) throw error;
        }
      }
      return results;
    });
    expect(result.bugs).toEqual([]);
  });

  it.runIf(crls.length > 0)('CRLs: damaged CRLs give facts and an index, or a parse error', () => {
    const result = fuzz(crls, (b) => {
      const parsed = parseCrl(b);
      const index = CrlIndex.fromCrl(parsed);
      return { facts: parsed.facts, size: index.size, first: [...parsed.serials()].slice(0, 3).map((serial) => index.lookup(serial)) };
    });
    expect(result.bugs).toEqual([]);
    expect(result.parsed).toBeGreaterThan(0);
  });

  it.runIf(ocspResponses.length > 0)('OCSP responses: damaged answers give a response or a parse error', () => {
    const result = fuzz(ocspResponses, (b) => parseOcspResponse(b));
    expect(result.bugs).toEqual([]);
    expect(result.parsed).toBeGreaterThan(0);
  });
});

const ctDir = join(realworld, 'ct');
describe.runIf(existsSync(ctDir))('mutation corpus: Certificate Transparency answers', () => {
  const json = (f: string): unknown => JSON.parse(readFileSync(join(ctDir, f), 'utf8'));

  it('get-entries leaves: damaged MerkleTreeLeaf and extra_data give an entry or a parse error', () => {
    const entries = (json('ctgo__get-entries.json') as { entries: { leaf_input: string; extra_data: string }[] }).entries;
    const seeds = entries.map((e, i) => ({ name: `get-entries[${String(i)}]`, bytes: Buffer.from(e.leaf_input, 'base64'), extra: Buffer.from(e.extra_data, 'base64') }));
    const leaves = fuzz(seeds, (b) => decodeLogEntry({ leafInput: b, extraData: seeds[0]!.extra }));
    const extras = fuzz(
      seeds.map((s) => ({ name: s.name, bytes: s.extra })),
      (b) => decodeLogEntry({ leafInput: seeds[0]!.bytes, extraData: b }),
    );
    expect([...leaves.bugs, ...extras.bugs]).toEqual([]);
  });

  it('crt.sh JSON and v3 log lists: damaged bodies give rows or a clear error', () => {
    const crtsh = files(ctDir, (f) => f.startsWith('crtsh__')).map((path) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) }));
    const logList = [{ name: 'loglist3', bytes: new Uint8Array(readFileSync(join(ctDir, 'ctgo__loglist3.json'))) }];
    expect(fuzz(crtsh, (b) => parseCrtshRows(b, 'example.com')).bugs).toEqual([]);
    expect(fuzz(logList, (b) => parseLogListBytes(b, 'fuzz')).bugs).toEqual([]);
  });
});

const configs = join(realworld, 'configs');
describe.runIf(existsSync(configs))('mutation corpus: CA configuration parsers', () => {
  const texts = (dir: string, pattern: RegExp): { name: string; bytes: Uint8Array }[] =>
    files(join(configs, dir), (f) => pattern.test(f)).map((path) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) }));

  it('openssl.cnf, certbot renewal files and EJBCA XML profiles', async () => {
    const cnf = texts('openssl', /\.(cnf|conf)$/);
    const bugs: string[] = [];
    // parseOpenSslConf is async (includes); run the same mutations through it one at a time.
    for (const [index, seed] of cnf.entries()) {
      const random = prng(0xc0f + index);
      for (let m = 0; m < MUTATIONS; m++) {
        const text = Buffer.from(m === 0 ? seed.bytes : mutate(seed.bytes, random)).toString('utf8');
        try {
          await parseOpenSslConf(text, seed.name, () => Promise.resolve({ refused: 'includes are not read in the corpus' }));
        } catch (error) {
          if (!expectedErrors.some((E) => error instanceof E)) bugs.push(`${seed.name} mutation ${String(m)}: ${String(error)}`);
        }
      }
    }
    const certbot = fuzz(texts('certbot', /\.conf$/), (b) => parseRenewalConf(Buffer.from(b).toString('utf8')));
    const ejbca = fuzz(texts('ejbca', /\.xml$/), (b) => decodeXmlEncoder(Buffer.from(b).toString('utf8')));
    expect([...bugs, ...certbot.bugs, ...ejbca.bugs]).toEqual([]);
  });
});

/** DER nesting `depth` SEQUENCEs deep around an INTEGER, lengths in the 4-byte long form. */
function nestedSequences(depth: number): Uint8Array {
  const out = new Uint8Array(depth * 6 + 3);
  for (let i = 0; i < depth; i++) {
    const remaining = out.length - (i + 1) * 6;
    out.set([0x30, 0x84, remaining >>> 24, (remaining >>> 16) & 0xff, (remaining >>> 8) & 0xff, remaining & 0xff], i * 6);
  }
  out.set([0x02, 0x01, 0x01], depth * 6);
  return out;
}

describe('hostile shapes', () => {
  const hostile: { name: string; bytes: Uint8Array }[] = [
    { name: '200,000 nested SEQUENCEs', bytes: nestedSequences(200_000) },
    { name: '1 MiB of 0x30 bytes', bytes: new Uint8Array(1024 ** 2).fill(0x30) },
    { name: '1 MiB of zero bytes', bytes: new Uint8Array(1024 ** 2) },
    { name: 'PEM with 200,000 empty blocks', bytes: Buffer.from('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'.repeat(200_000)) },
    { name: 'PEM block that never ends', bytes: Buffer.from(`-----BEGIN CERTIFICATE-----\n${'QUFB'.repeat(1_000_000)}`) },
  ];

  it.each(hostile)('$name: every parser answers with a result or its own parse error', ({ bytes }) => {
    for (const parse of [
      (b: Uint8Array) => toCertificateFacts(b),
      (b: Uint8Array) => readCertificates(b, 'hostile'),
      (b: Uint8Array) => parseCrl(b),
      (b: Uint8Array) => parseOcspResponse(b),
      (b: Uint8Array) => readPkcs7(b),
      (b: Uint8Array) => describeDerPrivateKey(b),
    ]) {
      try {
        parse(bytes);
      } catch (error) {
        expect(expectedErrors.some((E) => error instanceof E), String(error)).toBe(true);
      }
    }
  });
});
