import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { CrlIndex, crlDerFromBytes, CrlParseError, normalizeSerialHex, parseCrl, verifyCrlSignature } from '../../src/pki/crl-facts.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Ca {
  crlPem: Uint8Array;
  crlDer: Uint8Array;
  spki: Uint8Array;
  issuer: string;
}

/** index.txt lines: state, expiry, revocation[,reason], serial, file, subject. */
const INDEX = [
  ['R', '240101000000Z,keyCompromise', '0A'],
  ['R', '240102000000Z,keyCompromise', '1B2C3D'],
  ['R', '240103000000Z,CACompromise', '0C'],
  ['R', '240104000000Z,affiliationChanged', '0D'],
  ['R', '240105000000Z,superseded', '0E'],
  ['R', '240106000000Z,cessationOfOperation', '0F'],
  ['R', '240107000000Z,certificateHold,holdInstructionNone', '10'],
  ['R', '240108000000Z,unspecified', '11'],
  ['R', '240109000000Z', '80'],
  ['R', '240110000000Z', 'DEADBEEF00112233445566778899AABBCC'],
  ['V', '', '99'],
];
const REVOKED = INDEX.filter((l) => l[0] === 'R').map((l) => l[2]!);

function makeCa(root: string, name: string, keyArgs: string[], md: string): Ca {
  const dir = join(root, name);
  execFileSync('mkdir', ['-p', dir]);
  const run = (args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['genpkey', ...keyArgs, '-out', 'ca.key']);
  run(['req', '-x509', '-key', 'ca.key', '-subj', `/C=XX/O=Test/CN=Test ${name} CA`, '-out', 'ca.pem', '-days', '30']);
  writeFileSync(join(dir, 'index.txt'), INDEX.map(([s, r, serial]) => `${s}\t301231000000Z\t${r}\t${serial}\tunknown\t/CN=${serial}\n`).join(''));
  writeFileSync(join(dir, 'crlnumber'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = CA_default',
      '[ CA_default ]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'crlnumber = $dir/crlnumber',
      'certificate = $dir/ca.pem',
      'private_key = $dir/ca.key',
      `default_md = ${md}`,
      'default_crl_days = 7',
      'crl_extensions = crl_ext',
      '[ crl_ext ]',
      'authorityKeyIdentifier = keyid:always',
      'issuingDistributionPoint = critical, @idp',
      'freshestCRL = URI:http://crl.test/delta.crl',
      '[ idp ]',
      'fullname = URI:http://crl.test/ca.crl',
      'onlyuser = TRUE',
      '',
    ].join('\n'),
  );
  run(['ca', '-gencrl', '-config', 'ca.cnf', '-out', 'crl.pem']);
  run(['crl', '-in', 'crl.pem', '-outform', 'DER', '-out', 'crl.der']);
  const cert = new X509Certificate(readFileSync(join(dir, 'ca.pem')));
  return {
    crlPem: new Uint8Array(readFileSync(join(dir, 'crl.pem'))),
    crlDer: new Uint8Array(readFileSync(join(dir, 'crl.der'))),
    spki: new Uint8Array(cert.publicKey.export({ type: 'spki', format: 'der' })),
    issuer: cert.subject.split('\n').join(', '),
  };
}

describe.runIf(hasOpenssl())('parseCrl on openssl ca -gencrl output', () => {
  let root: string;
  const cas: Record<string, Ca> = {};
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'crl-facts-'));
    cas.ec = makeCa(root, 'ec', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'sha256');
    cas.rsa = makeCa(root, 'rsa', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], 'sha384');
    cas.ed25519 = makeCa(root, 'ed25519', ['-algorithm', 'ed25519'], 'default');
  }, 60_000);
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.each([
    { ca: 'ec', alg: 'ecdsa-with-SHA256' },
    { ca: 'rsa', alg: 'sha384WithRSAEncryption' },
    { ca: 'ed25519', alg: 'Ed25519' },
  ])('$ca: facts, signature and lookup', ({ ca, alg }) => {
    const c = cas[ca]!;
    const before = Date.now();
    const parsed = parseCrl(crlDerFromBytes(c.crlDer));
    const f = parsed.facts;
    expect(f).toMatchObject({
      issuer: c.issuer,
      crlNumber: '1000',
      isDelta: false,
      hasIssuingDistributionPoint: true,
      idpUrls: ['http://crl.test/ca.crl'],
      entryCount: REVOKED.length,
      reasonCounts: {
        keyCompromise: 2,
        cACompromise: 1,
        affiliationChanged: 1,
        superseded: 1,
        cessationOfOperation: 1,
        certificateHold: 1,
        unspecified: 1,
      },
      signatureAlgorithm: alg,
      sizeBytes: c.crlDer.length,
    });
    expect(f.deltaCrlIndicator).toBeUndefined();
    expect(Object.values(f.reasonCounts).reduce((a, b) => a + b, 0)).toBe(REVOKED.length - 2);
    const thisUpdate = Date.parse(f.thisUpdate);
    expect(Math.abs(thisUpdate - before)).toBeLessThan(120_000);
    expect(Date.parse(f.nextUpdate!) - thisUpdate).toBe(7 * 86_400_000);
    expect(f.thisUpdate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);

    expect([...parsed.serials()].map(normalizeSerialHex).sort()).toEqual(REVOKED.map(normalizeSerialHex).sort());
    expect(verifyCrlSignature(parsed, c.spki)).toBe(true);
    const other = cas[ca === 'ec' ? 'rsa' : 'ec']!;
    expect(verifyCrlSignature(parsed, other.spki)).toBe(false);

    const index = CrlIndex.fromCrl(parsed);
    expect(index.size).toBe(REVOKED.length);
    for (const s of REVOKED) expect(index.isRevoked(s)).toBe(true);
    expect(index.isRevoked('0080')).toBe(true);
    expect(index.isRevoked('de:ad:be:ef:00:11:22:33:44:55:66:77:88:99:aa:bb:cc')).toBe(true);
    expect(index.isRevoked('1b2c3d')).toBe(true);
    expect(index.isRevoked('99')).toBe(false);
    expect(index.isRevoked('0B')).toBe(false);
  });

  it('reads scope, freshest CRL and key identifier, and looks entries up with date and reason', () => {
    const parsed = parseCrl(cas.ec!.crlDer);
    expect(parsed.facts.idpScope).toEqual({ onlyContainsUserCerts: true, onlyContainsCACerts: false, onlyContainsAttributeCerts: false, onlySomeReasons: false, indirectCrl: false });
    expect(parsed.facts.freshestCrlUrls).toEqual(['http://crl.test/delta.crl']);
    const caFacts = toCertificateFacts(new Uint8Array(new X509Certificate(readFileSync(join(root, 'ec', 'ca.pem'))).raw));
    expect(parsed.facts.authorityKeyId).toMatch(/^[0-9a-f]{40}$/);
    expect(parsed.facts.authorityKeyId).toBe(caFacts.subjectKeyIdentifier);
    const index = CrlIndex.fromCrl(parsed);
    expect(index.lookup('1b:2c:3d')).toEqual({ serialNumberHex: '1B2C3D', revokedAt: '2024-01-02T00:00:00.000Z', reason: 'keyCompromise' });
    expect(index.lookup('10')).toEqual({ serialNumberHex: '10', revokedAt: '2024-01-07T00:00:00.000Z', reason: 'certificateHold' });
    expect(index.lookup('0080')).toEqual({ serialNumberHex: '0080', revokedAt: '2024-01-09T00:00:00.000Z' });
    expect(index.lookup('99')).toBeUndefined();
    expect(index.lookup('not hex')).toBeUndefined();
    expect(parsed.entryOffsets).toHaveLength(REVOKED.length);
    expect(parsed.issuerDer[0]).toBe(0x30);
  });

  it('a malformed revocation date surfaces as CrlParseError when that entry is looked up', () => {
    const copy = Buffer.from(cas.ec!.crlDer);
    const at = copy.indexOf(Buffer.from('240101000000Z', 'latin1'));
    copy.write('240230', at, 'latin1');
    const index = CrlIndex.fromCrl(parseCrl(new Uint8Array(copy)));
    expect(() => index.lookup('0A')).toThrow(CrlParseError);
    expect(index.lookup('1B2C3D')?.revokedAt).toBe('2024-01-02T00:00:00.000Z');
  });

  it('signature fails with another key of the same type and after tampering', () => {
    const ec = cas.ec!;
    const otherEc = makeCa(root, 'ec2', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'sha256');
    expect(verifyCrlSignature(parseCrl(ec.crlDer), otherEc.spki)).toBe(false);
    const tampered = new Uint8Array(ec.crlDer);
    const parsed = parseCrl(tampered);
    const serialAt = Buffer.from(ec.crlDer).indexOf(Buffer.from([0x1b, 0x2c, 0x3d])); // serial 1B2C3D, inside the TBS
    expect(serialAt).toBeGreaterThan(0);
    tampered[serialAt] = 0x1c;
    expect(verifyCrlSignature(parsed, ec.spki)).toBe(false);
    expect(verifyCrlSignature(parsed, new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it('PEM and DER give the same facts', () => {
    const c = cas.ec!;
    expect(parseCrl(crlDerFromBytes(c.crlPem)).facts).toEqual(parseCrl(c.crlDer).facts);
    const crlf = new TextEncoder().encode(new TextDecoder().decode(c.crlPem).replace(/\n/g, '\r\n'));
    expect(parseCrl(crlDerFromBytes(crlf)).facts.sha256).toBe(parseCrl(c.crlDer).facts.sha256);
  });

  it('enforces maxEntries', () => {
    expect(() => parseCrl(cas.ec!.crlDer, { maxEntries: 3 })).toThrow(CrlParseError);
    expect(parseCrl(cas.ec!.crlDer, { maxEntries: REVOKED.length }).facts.entryCount).toBe(REVOKED.length);
  });

  it('every truncation and single-byte corruption parses or throws CrlParseError', () => {
    const der = cas.ec!.crlDer;
    for (let n = 0; n < der.length; n++) {
      expect(() => parseCrl(der.subarray(0, n))).toThrow(CrlParseError);
    }
    fc.assert(
      fc.property(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const copy = new Uint8Array(der);
        copy[at] = value;
        try {
          parseCrl(copy);
        } catch (error) {
          expect(error).toBeInstanceOf(CrlParseError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** Tiny DER builder for hand-made CRLs. */
function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  const length = body.length < 0x80 ? [body.length] : [0x81, body.length];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

describe('hand-made CRL entries', () => {
  it('reads GeneralizedTime revocation dates, invalidityDate and unknown reason codes', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const oid = (...bytes: number[]): Uint8Array => tlv(0x06, Uint8Array.from(bytes));
    const ext = (o: Uint8Array, value: Uint8Array): Uint8Array => tlv(0x30, o, tlv(0x04, value));
    const gt = (text: string): Uint8Array => tlv(0x18, Buffer.from(text, 'latin1'));
    const entry = tlv(
      0x30,
      tlv(0x02, Uint8Array.of(0x05)),
      gt('20500102030405Z'),
      tlv(0x30, ext(oid(0x55, 0x1d, 0x15), tlv(0x0a, Uint8Array.of(1))), ext(oid(0x55, 0x1d, 0x18), gt('20231231000000Z'))),
    );
    const odd = tlv(0x30, tlv(0x02, Uint8Array.of(0x06)), gt('20240101000000Z'), tlv(0x30, ext(oid(0x55, 0x1d, 0x15), tlv(0x0a, Uint8Array.of(42)))));
    const alg = tlv(0x30, oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02));
    const issuer = tlv(0x30, tlv(0x31, tlv(0x30, oid(0x55, 0x04, 0x03), tlv(0x0c, Buffer.from('Hand CA')))));
    const tbs = tlv(0x30, tlv(0x02, Uint8Array.of(1)), alg, issuer, gt('20240101000000Z'), tlv(0x30, entry, odd));
    const der = tlv(0x30, tbs, alg, tlv(0x03, Buffer.concat([Uint8Array.of(0), sign('sha256', tbs, privateKey)])));
    const parsed = parseCrl(der);
    expect(parsed.facts).toMatchObject({ issuer: 'CN=Hand CA', entryCount: 2, reasonCounts: { keyCompromise: 1, 'unknown(42)': 1 } });
    expect(parsed.facts.nextUpdate).toBeUndefined();
    expect(verifyCrlSignature(parsed, new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })))).toBe(true);
    const index = CrlIndex.fromCrl(parsed);
    expect(index.lookup('5')).toEqual({ serialNumberHex: '05', revokedAt: '2050-01-02T03:04:05.000Z', reason: 'keyCompromise', invalidityDate: '2023-12-31T00:00:00.000Z' });
    expect(index.lookup('0x06')).toEqual({ serialNumberHex: '06', revokedAt: '2024-01-01T00:00:00.000Z', reason: 'unknown(42)' });
  });
});

describe('parseCrl on malformed input', () => {
  it.each([
    ['empty', new Uint8Array()],
    ['garbage', new TextEncoder().encode('hello, this is not a CRL')],
    ['huge length', new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x30, 0x00])],
    ['indefinite length', new Uint8Array([0x30, 0x80, 0x00, 0x00])],
    ['empty sequence', new Uint8Array([0x30, 0x00])],
    ['truncated PEM', new TextEncoder().encode('-----BEGIN X509 CRL-----\nMIIB\n')],
    ['bad base64', new TextEncoder().encode('-----BEGIN X509 CRL-----\n!!!!\n-----END X509 CRL-----\n')],
  ])('%s throws CrlParseError with code parse', (_name, bytes) => {
    let caught: unknown;
    try {
      parseCrl(crlDerFromBytes(bytes));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CrlParseError);
    expect(caught).toBeInstanceOf(CollectError);
    expect((caught as CollectError).code).toBe('parse');
  });

  it('random bytes never escape as anything but CrlParseError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const input = bytes.length > 0 ? Uint8Array.of(0x30, ...bytes) : bytes;
        try {
          parseCrl(input);
        } catch (error) {
          expect(error).toBeInstanceOf(CrlParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('normalises serials', () => {
    expect(normalizeSerialHex('0x00ab:CD')).toBe('ABCD');
    expect(normalizeSerialHex('0000')).toBe('0');
  });
});

const realworld = new URL('../../../shared/realworld/crl', import.meta.url).pathname;

describe.runIf(existsSync(join(realworld, 'INDEX.tsv')))('real-world CRLs', () => {
  const rows = readFileSync(join(realworld, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'))
    .filter((cols) => /\.(crl|pem)$/.test(cols[0]!) && cols[2]!.includes('CRL') && !cols[2]!.startsWith('CA cert'))
    .map((cols) => ({ file: cols[0]!, props: cols[4] ?? '' }));

  it('every CRL parses or throws CrlParseError', () => {
    expect(rows.length).toBeGreaterThan(10);
    let parsedCount = 0;
    for (const { file, props } of rows) {
      const bytes = new Uint8Array(readFileSync(join(realworld, file)));
      let facts;
      try {
        facts = parseCrl(crlDerFromBytes(bytes)).facts;
        parsedCount++;
      } catch (error) {
        expect(error, file).toBeInstanceOf(CrlParseError);
        continue;
      }
      const entries = /entries=(\d+)/.exec(props);
      if (entries) expect(facts.entryCount, file).toBe(Number(entries[1]));
      if (props.includes('nextUpdate=NONE')) expect(facts.nextUpdate, file).toBeUndefined();
      const next = /nextUpdate=(\d{4}-\d\d-\d\d)/.exec(props);
      if (next) expect(facts.nextUpdate?.slice(0, 10), file).toBe(next[1]);
      const thisUpdate = /thisUpdate=(\d{4}-\d\d-\d\d)/.exec(props);
      if (thisUpdate) expect(facts.thisUpdate.slice(0, 10), file).toBe(thisUpdate[1]);
    }
    expect(parsedCount).toBeGreaterThan(rows.length / 2);
  });

  it.runIf(existsSync(join(realworld, 'pkijs__TestCRL.crl')))('GlobalSign CRL: 190 entries, verifies with its issuer', () => {
    const parsed = parseCrl(crlDerFromBytes(new Uint8Array(readFileSync(join(realworld, 'pkijs__TestCRL.crl')))));
    expect(parsed.facts.entryCount).toBe(190);
    expect(parsed.facts.issuer).toContain('GlobalSign Domain Validation CA - SHA256 - G2');
    const issuer = new X509Certificate(readFileSync(join(realworld, 'pkijs__TestIssuerCert.cer')));
    const spki = new Uint8Array(issuer.publicKey.export({ type: 'spki', format: 'der' }));
    expect(verifyCrlSignature(parsed, spki)).toBe(true);
    const index = CrlIndex.fromCrl(parsed);
    const first = parsed.serials().next().value!;
    expect(index.isRevoked(first)).toBe(true);
  });
});
