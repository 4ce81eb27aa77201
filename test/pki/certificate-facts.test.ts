import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CertificateParseError, formatIp, isoTime, toCertificateFacts, withCertificateFactsDefaults } from '../../src/pki/certificate-facts.js';
import { DebianWeakKeys, debianFingerprint } from '../../src/pki/weak-keys.js';
import { CertificateFormatError, readCertificates, splitCertificates } from '../../src/pki/pem.js';
import { buildCertificate, ecKey, ext, rawSpki } from '../inventory/helpers/cert-builder.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'certificates');
const derOf = (name: string): Uint8Array => splitCertificates(new Uint8Array(readFileSync(join(dir, name))), name)[0]!.der;
const facts = (name: string) => toCertificateFacts(derOf(name));

describe('toCertificateFacts on fixtures', () => {
  it.each([
    { file: 'rsa-1024.pem', keyAlgorithm: 'RSA', keySizeBits: 1024, signatureAlgorithm: 'ecdsa-with-SHA256', signatureHash: 'SHA-256' },
    { file: 'rsa-2048.pem', keyAlgorithm: 'RSA', keySizeBits: 2048, keyAlgorithmName: 'rsaEncryption' },
    { file: 'ec-p256.pem', keyAlgorithm: 'EC', keySizeBits: 256, curve: 'P-256' },
    { file: 'ca-root.pem', keyAlgorithm: 'EC', keySizeBits: 384, curve: 'P-384', signatureAlgorithm: 'ecdsa-with-SHA384', isCa: true, isSelfSigned: true },
    { file: 'ca-intermediate.pem', isCa: true, isSelfSigned: false, keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] },
    { file: 'sha1-rsa.pem', signatureAlgorithm: 'sha1WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.5', signatureHash: 'SHA-1' },
    { file: 'expired.pem', notBefore: '2020-06-01T00:00:00.000Z', notAfter: '2021-06-01T00:00:00.000Z' },
    { file: 'long-lived-825d.pem', validitySeconds: 825 * 86_400, isCa: false, extendedKeyUsage: ['serverAuth'] },
  ])('$file', ({ file, ...expected }) => {
    expect(facts(file)).toMatchObject(expected);
  });

  it('reads SAN, CRL DP, AIA and policies', () => {
    expect(facts('rsa-2048.pem')).toMatchObject({
      subjectAltNames: ['DNS:rsa2048.fixture.test', 'IP:192.0.2.1', 'IP:2001:db8::1'],
      crlUrls: ['http://crl.fixture.test/issuing.crl'],
      ocspUrls: ['http://ocsp.fixture.test'],
      caIssuerUrls: ['http://aia.fixture.test/issuing.cer'],
      policyOids: ['2.23.140.1.2.1'],
      embeddedSctCount: 0,
      keyUsage: ['digitalSignature', 'keyEncipherment'],
    });
  });

  it('cross-checks node:crypto X509Certificate on every fixture', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.pem') && !['garbage.pem', 'truncated.pem'].includes(f))) {
      for (const { der } of splitCertificates(new Uint8Array(readFileSync(join(dir, file))), file)) {
        const f = toCertificateFacts(der);
        const x = new X509Certificate(der);
        expect(f.sha256.toUpperCase().match(/../g)!.join(':')).toBe(x.fingerprint256);
        expect(BigInt(`0x${f.serialNumberHex}`)).toBe(BigInt(`0x${x.serialNumber}`));
        expect(new Date(x.validFrom).toISOString()).toBe(f.notBefore);
        expect(new Date(x.validTo).toISOString()).toBe(f.notAfter);
        expect(f.subject).toBe(x.subject.split('\n').join(', '));
        expect(f.isCa).toBe(x.ca);
        const spki = x.publicKey.export({ type: 'spki', format: 'der' });
        expect(f.spkiSha256).toBe(createHash('sha256').update(spki).digest('hex'));
      }
    }
  });

  it.runIf(hasOpenssl())('agrees with the openssl CLI on the signature algorithm and key size', () => {
    for (const file of ['rsa-1024.pem', 'sha1-rsa.pem', 'ca-root.pem']) {
      const out = execFileSync('openssl', ['x509', '-noout', '-text', '-in', join(dir, file)], { encoding: 'utf8' });
      const f = facts(file);
      expect(out).toContain(`Signature Algorithm: ${f.signatureAlgorithm}`);
      expect(out).toContain(`Public-Key: (${f.keySizeBits} bit)`);
    }
  });

  it('formats IPv6 addresses in RFC 5952 form', () => {
    expect(formatIp(new Uint8Array(16).fill(0).map((_, i) => (i === 15 ? 1 : 0)))).toBe('::1');
    expect(formatIp(new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]))).toBe('2001:db8::1:0:0:1');
  });
});

describe('toCertificateFacts: identifiers, constraints, CT and post-quantum keys', () => {
  const ca = ecKey();
  const leafKey = ecKey();
  const logA = new Uint8Array(32).fill(0xa1);
  const logB = new Uint8Array(32).fill(0xb2);

  it('reads key identifiers, pathLenConstraint and name constraints of a CA', () => {
    const der = buildCertificate({
      subject: 'CN=Constrained CA',
      issuer: 'CN=Root',
      spki: ca.spki,
      extensions: [
        ext.basicConstraints(true, 0),
        ext.subjectKeyIdentifier(ca.keyId),
        ext.authorityKeyIdentifier('00112233'),
        ext.nameConstraints(['example.org', '10.0.0.0/8', '192.168.0.0/16'], ['bad.example.org']),
      ],
    });
    expect(toCertificateFacts(der)).toMatchObject({
      isCa: true,
      pathLenConstraint: 0,
      subjectKeyIdentifier: ca.keyId,
      authorityKeyIdentifier: '00112233',
      nameConstraints: { critical: true, permitted: ['DNS:example.org', 'IP:10.0.0.0/8', 'IP:192.168.0.0/16'], excluded: ['DNS:bad.example.org'] },
    });
  });

  it('reads must-staple, each embedded SCT and the precertificate poison', () => {
    const der = buildCertificate({
      subject: 'CN=www.ct.test',
      issuer: 'CN=Constrained CA',
      spki: leafKey.spki,
      signer: ca.privateKey,
      extensions: [ext.dnsNames('www.ct.test'), ext.mustStaple(), ext.scts({ logId: logA, timeMs: Date.parse('2026-10-01T00:05:00.123Z') }, { logId: logB, timeMs: Date.parse('2026-10-01T00:06:00Z') })],
    });
    const facts = toCertificateFacts(der);
    expect(facts).toMatchObject({ mustStaple: true, embeddedSctCount: 2 });
    expect(facts.embeddedScts).toEqual([
      { version: 0, logId: Buffer.from(logA).toString('base64'), timestamp: '2026-10-01T00:05:00.123Z' },
      { version: 0, logId: Buffer.from(logB).toString('base64'), timestamp: '2026-10-01T00:06:00.000Z' },
    ]);
    expect(facts.precertificate).toBeUndefined();
    const precert = toCertificateFacts(buildCertificate({ subject: 'CN=www.ct.test', spki: leafKey.spki, extensions: [ext.poison()] }));
    expect(precert).toMatchObject({ precertificate: true, embeddedSctCount: 0 });
    expect(precert.mustStaple).toBeUndefined();
  });

  it('leaves the new optional fields out when the extensions are absent', () => {
    const facts = toCertificateFacts(derOf('ec-p256.pem'));
    for (const field of ['pathLenConstraint', 'nameConstraints', 'mustStaple', 'embeddedScts', 'precertificate', 'rsaPublicExponent', 'rsaWeaknesses'] as const) {
      expect(facts[field], field).toBeUndefined();
    }
    expect(toCertificateFacts(derOf('rsa-2048.pem')).rsaPublicExponent).toBe(65537);
  });

  it.each([
    { keyOid: '2.16.840.1.101.3.4.3.17', sigOid: '2.16.840.1.101.3.4.3.17', keyAlgorithm: 'ML-DSA', keyAlgorithmName: 'ML-DSA-44', signatureAlgorithm: 'ML-DSA-44' },
    { keyOid: '2.16.840.1.101.3.4.3.26', sigOid: '2.16.840.1.101.3.4.3.26', keyAlgorithm: 'SLH-DSA', keyAlgorithmName: 'SLH-DSA-SHAKE-128s', signatureAlgorithm: 'SLH-DSA-SHAKE-128s' },
    { keyOid: '1.3.6.1.5.5.7.6.45', sigOid: '1.3.6.1.5.5.7.6.45', keyAlgorithm: 'composite', keyAlgorithmName: 'id-MLDSA65-ECDSA-P256-SHA512', signatureAlgorithm: 'id-MLDSA65-ECDSA-P256-SHA512' },
    { keyOid: '2.16.840.1.101.3.4.3.18', sigOid: '2.16.840.1.101.3.4.3.33', keyAlgorithm: 'ML-DSA', keyAlgorithmName: 'ML-DSA-65', signatureAlgorithm: 'HashML-DSA-65-with-SHA512' },
  ])('names $keyAlgorithmName keys and $signatureAlgorithm signatures', ({ keyOid, sigOid, ...expected }) => {
    const der = buildCertificate({ subject: 'CN=pq.test', issuer: 'CN=PQ CA', spki: rawSpki(keyOid, new Uint8Array(64).fill(7)), signatureOid: sigOid });
    expect(toCertificateFacts(der)).toMatchObject({ ...expected, keyAlgorithmOid: keyOid, signatureAlgorithmOid: sigOid });
  });
});

describe('isoTime', () => {
  it('writes what Date#toISOString writes, for any time a certificate or SCT can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_198_755_200_000, max: 8_640_000_000_000_000 }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const ms of [Date.UTC(1000, 0, 1) - 1, Date.UTC(1000, 0, 1), Date.UTC(1950, 0, 1), Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2049, 11, 31, 23, 59, 59), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), 0, 1.5]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe('withCertificateFactsDefaults', () => {
  const der = derOf('rsa-2048.pem');
  const list = DebianWeakKeys.parse(debianFingerprint(new Uint8Array(Buffer.from(new X509Certificate(der).publicKey.export({ format: 'jwk' }).n!, 'base64url'))));
  const other = DebianWeakKeys.parse('00005890bc78bcbee3ca');

  it('gives every parse inside the scope the list, also after awaits, and none outside it', async () => {
    expect(toCertificateFacts(der).rsaWeaknesses).toBeUndefined();
    const inside = await withCertificateFactsDefaults({ debianWeakKeys: list }, async () => {
      const before = toCertificateFacts(der).rsaWeaknesses;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [before, toCertificateFacts(der).rsaWeaknesses, toCertificateFacts(der, { debianWeakKeys: other }).rsaWeaknesses];
    });
    expect(inside).toEqual([['debian-weak'], ['debian-weak'], undefined]);
    expect(toCertificateFacts(der).rsaWeaknesses).toBeUndefined();
  });

  it('lets an inner scope replace the outer defaults, an empty one included', () => {
    const seen = withCertificateFactsDefaults({ debianWeakKeys: other }, () => [
      withCertificateFactsDefaults({ debianWeakKeys: list }, () => toCertificateFacts(der).rsaWeaknesses),
      withCertificateFactsDefaults({}, () => toCertificateFacts(der).rsaWeaknesses),
      withCertificateFactsDefaults({}, () => withCertificateFactsDefaults({ debianWeakKeys: list }, () => toCertificateFacts(der).rsaWeaknesses)),
    ]);
    expect(seen).toEqual([['debian-weak'], undefined, ['debian-weak']]);
  });
});

describe('toCertificateFacts on malformed input', () => {
  it.each([
    ['empty', new Uint8Array()],
    ['not DER', new TextEncoder().encode('hello')],
    ['truncated', derOf('ec-p256.pem').subarray(0, 200)],
    ['trailing data', new Uint8Array([...derOf('ec-p256.pem'), 0])],
    ['wrong structure', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])],
  ])('throws CertificateParseError on %s', (_name, input) => {
    expect(() => toCertificateFacts(input)).toThrow(CertificateParseError);
  });

  it('throws only CertificateParseError on random mutations of a real certificate', () => {
    const base = derOf('rsa-2048.pem');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.integer({ min: 0, max: 255 }), (pos, value) => {
        const copy = base.slice();
        copy[pos] = value;
        try {
          toCertificateFacts(copy);
        } catch (error) {
          expect(error).toBeInstanceOf(CertificateParseError);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

const REALWORLD = new URL('../../../shared/realworld/certs', import.meta.url).pathname;

describe.runIf(existsSync(join(REALWORLD, 'INDEX.tsv')))('real-world corpus', () => {
  const rows = readFileSync(join(REALWORLD, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const cols = line.split('\t');
      const props = Object.fromEntries((cols[5] ?? '').split('; ').map((kv) => kv.split('=') as [string, string]));
      return { file: cols[0]!, props };
    });

  it.each(rows.map((r) => r.file))('%s: every certificate gives facts or one CertificateParseError', (file) => {
    let certificates: { der: Uint8Array }[];
    try {
      certificates = readCertificates(new Uint8Array(readFileSync(join(REALWORLD, file))), file).certificates;
    } catch (error) {
      expect(error, file).toBeInstanceOf(CertificateFormatError);
      return;
    }
    for (const { der } of certificates) {
      try {
        const f = toCertificateFacts(der);
        expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(Date.parse(f.notAfter)).not.toBeNaN();
      } catch (error) {
        expect(error, file).toBeInstanceOf(CertificateParseError);
        expect((error as Error).message).toMatch(/^(Malformed certificate: |Certificate too large)/);
      }
    }
  });

  it.each([
    { file: 'badkeys__gost.crt', expected: { keyAlgorithm: 'other', keyAlgorithmName: 'GOST R 34.10-2012 (256 bit)', signatureAlgorithm: 'GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)' } },
    { file: 'badkeys__invalidver.crt', expected: { keyAlgorithm: 'EC', curve: 'P-256', subject: 'CN=example.invalid' } },
    { file: 'badkeys__mldsa65-cert.crt', expected: { keyAlgorithm: 'ML-DSA', keyAlgorithmName: 'ML-DSA-65', pathLenConstraint: 0, authorityKeyIdentifier: '6b3296c8313c358d937a6fe86123a649cd50bcce' } },
    { file: 'zlint__precert_with_sct_list_ko.pem', expected: { precertificate: true, embeddedSctCount: 2 } },
    { file: 'certigo__example-name-constraints.crt', expected: { nameConstraints: { critical: false, permitted: ['DNS:.example.com', 'IP:192.168.0.0/16', 'email:.example.com'], excluded: ['DNS:.example.org', 'IP:10.10.0.0/16', 'email:.example.org'] } } },
  ])('$file', ({ file, expected }) => {
    expect(first(file)).toMatchObject(expected);
  });

  it('reads the SCTs of a real certificate as openssl prints them', () => {
    expect(first('sslyze__github.com.pem')?.embeddedScts?.[0]).toEqual({
      version: 0,
      logId: Buffer.from('A4B90990B418581487BB13A2CC67700A3C359804F91BDFB8E377CD0EC80DDC10', 'hex').toString('base64'),
      timestamp: '2016-03-10T17:19:01.662Z',
    });
  });

  it('every file parses or yields a typed error, never a crash', () => {
    let parsed = 0;
    for (const { file } of rows) {
      const bytes = new Uint8Array(readFileSync(join(REALWORLD, file)));
      try {
        const { certificates } = readCertificates(bytes, file);
        for (const { der } of certificates) {
          try {
            toCertificateFacts(der);
            parsed++;
          } catch (error) {
            expect(error, file).toBeInstanceOf(CertificateParseError);
          }
        }
      } catch (error) {
        expect(error, file).toBeInstanceOf(CertificateFormatError);
      }
    }
    expect(parsed).toBeGreaterThan(rows.length / 2);
  });

  const first = (file: string) => {
    const bytes = new Uint8Array(readFileSync(join(REALWORLD, file)));
    try {
      const der = readCertificates(bytes, file).certificates[0]?.der;
      return der ? toCertificateFacts(der) : undefined;
    } catch {
      return undefined;
    }
  };

  it('matches RSA key sizes from INDEX.tsv', () => {
    let checked = 0;
    for (const { file, props } of rows.filter((r) => !/bundle|chain/.test(r.file))) {
      const m = /^RSA-(\d+)$/.exec(props.key ?? '');
      if (!m) continue;
      const f = first(file);
      if (!f) continue;
      expect(f.keyAlgorithm, file).toBe('RSA');
      expect(f.keySizeBits, file).toBe(Number(m[1]));
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('matches signature algorithms, EC curves, CA flags and SCT presence from INDEX.tsv', () => {
    const curves: Record<string, string> = { 'EC-secp256r1': 'P-256', 'EC-secp384r1': 'P-384', 'EC-secp521r1': 'P-521' };
    let checked = 0;
    for (const { file, props } of rows.filter((r) => !/bundle|chain/.test(r.file))) {
      const f = first(file);
      if (!f) continue;
      if (props.sig === 'sha1WithRSAEncryption' || props.sig === 'sha256WithRSAEncryption' || props.sig === 'md5WithRSAEncryption') {
        expect(f.signatureAlgorithm, file).toBe(props.sig);
      }
      if (props.sig === 'sha1WithRSAEncryption') expect(f.signatureHash, file).toBe('SHA-1');
      const curve = curves[props.key ?? ''];
      if (curve) expect(f.curve, file).toBe(curve);
      if (props.ca === 'True' || props.ca === 'False') expect(f.isCa, file).toBe(props.ca === 'True');
      // sct=True only says the extension is present; some zlint fixtures carry an empty list.
      if (props.sct === 'True' && !file.includes('empty_sct')) expect(f.embeddedSctCount, file).toBeGreaterThan(0);
      if (props.sct === 'False') expect(f.embeddedSctCount, file).toBe(0);
      if (props.key === 'MLDSA65PublicKey') expect(f.keyAlgorithm, file).toBe('ML-DSA');
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
