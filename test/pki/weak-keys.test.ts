import { execFileSync } from 'node:child_process';
import { createHash, generatePrimeSync, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { splitCertificates } from '../../src/pki/pem.js';
import { debianFingerprint, DebianWeakKeys, fermatFactor, isqrt, loadDebianWeakKeyLists, loadDebianWeakKeys, rsaWeaknesses } from '../../src/pki/weak-keys.js';
import { buildCertificate, rsaSpki } from '../inventory/helpers/cert-builder.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'certificates');
const derOf = (name: string): Uint8Array => splitCertificates(new Uint8Array(readFileSync(join(fixtures, name))), name)[0]!.der;
const hexBytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex'));

/** A 1024-bit prime p and the odd number q = p + gap: Fermat finds them within its rounds when the gap is small. */
const p = generatePrimeSync(1024, { bigint: true });
const closeModulus = p * (p + 2n ** 400n + 2n);
const farModulus = p * (p + 2n ** 900n + 2n);

describe('isqrt', () => {
  it('returns ⌊√n⌋ for any size', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 4200n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(isqrt(p * p)).toBe(p);
    expect(isqrt(p * p - 1n)).toBe(p - 1n);
  });

  it('is exact for every small number and around squares where the float start could round either way', () => {
    for (let n = 0n; n < 5000n; n++) {
      const r = isqrt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    }
    for (const bits of [26n, 51n, 52n, 53n, 54n, 104n, 105n, 1023n, 1024n]) {
      const root = 2n ** bits - 1n;
      for (const n of [root * root - 1n, root * root, root * root + 1n, (root + 1n) ** 2n - 1n]) expect(isqrt(n)).toBe(n < root * root ? root - 1n : root);
    }
  });

  it('refuses negative input', () => {
    expect(() => isqrt(-1n)).toThrow(RangeError);
  });
});

describe('fermatFactor', () => {
  it.each([
    { name: 'p and q sharing the upper half', n: closeModulus, found: true },
    { name: 'a perfect square', n: p * p, found: true },
    { name: 'p and q far apart', n: farModulus, found: false },
    { name: 'an even number', n: 2n * p, found: false },
  ])('$name → found $found', ({ n, found }) => {
    const factors = fermatFactor(n);
    expect(factors !== undefined).toBe(found);
    if (factors) expect(factors[0] * factors[1]).toBe(n);
  });

  it('agrees with a plain Fermat loop on random close pairs', () => {
    const plain = (n: bigint, rounds: number): boolean => {
      let a = isqrt(n);
      if (a * a === n) return true;
      a += 1n;
      for (let i = 0; i < rounds; i++, a++) {
        const b2 = a * a - n;
        const b = isqrt(b2);
        if (b * b === b2) return true;
      }
      return false;
    };
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 120n, max: 2n ** 128n }), fc.bigInt({ min: 0n, max: 2n ** 72n }), (a, gap) => {
        const n = (a | 1n) * ((a | 1n) + 2n * gap);
        expect(fermatFactor(n, 30) !== undefined).toBe(plain(n, 30));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Fermat round count at RSA-2048 size', () => {
  /** The round (0 = ⌊√n⌋) at which the plain method finds a factor of n, searching at most `limit` rounds. */
  const plainRound = (n: bigint, limit: number): number | undefined => {
    for (let a = isqrt(n), round = 0; round <= limit; a++, round++) {
      const b2 = a * a - n;
      if (b2 < 0n) continue;
      const b = isqrt(b2);
      if (b * b === b2) return round;
    }
    return undefined;
  };
  /** p · (p + 2g) with g chosen so that the factor turns up about `round` rounds after ⌈√n⌉. */
  const modulusNear = (round: number): bigint => {
    const g = isqrt(2n * p * BigInt(round));
    return p * (p + 2n * g);
  };

  it.each([1, 2, 50, 99, 100, 101, 102, 150])('a factor due near round %i is found exactly when it is within the rounds', (target) => {
    const n = modulusNear(target);
    const round = plainRound(n, 200) ?? -1;
    expect(round).toBeGreaterThan(0);
    expect(fermatFactor(n, round)).toBeDefined();
    expect(fermatFactor(n, round - 1)).toBeUndefined();
    expect(fermatFactor(n) !== undefined).toBe(round <= 100);
    const bytes = hexBytes(n.toString(16));
    expect(rsaWeaknesses(bytes, hexBytes('010001'))).toEqual(round <= 100 ? ['fermat'] : []);
  });

  it('agrees with the plain method on random 2048-bit moduli and on squares', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 1023n, max: 2n ** 1024n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 520n }), (a, gap) => {
        const n = (a | 1n) * ((a | 1n) + 2n * gap);
        const round = plainRound(n, 20);
        expect(fermatFactor(n, 20) !== undefined).toBe(round !== undefined);
      }),
      { numRuns: 60 },
    );
    expect(fermatFactor(p * p, 0)).toEqual([p, p]);
  });
});

describe('rsaWeaknesses', () => {
  const modulus = hexBytes(farModulus.toString(16));
  it.each([
    { exponent: '010001', expected: [] },
    { exponent: '03', expected: ['small-exponent'] },
    { exponent: '01', expected: ['small-exponent'] },
    { exponent: '010000', expected: ['small-exponent', 'even-exponent'] },
    { exponent: '0100000000000000000000000000000000', expected: ['even-exponent'] },
    { exponent: '00010001', expected: [] },
  ])('exponent 0x$exponent → $expected', ({ exponent, expected }) => {
    expect(rsaWeaknesses(modulus, hexBytes(exponent))).toEqual(expected);
  });

  it('reports a Fermat-factorable modulus through the certificate facts', () => {
    const weak = buildCertificate({ subject: 'CN=fermat.test', spki: rsaSpki(closeModulus.toString(16)) });
    expect(toCertificateFacts(weak)).toMatchObject({ keyAlgorithm: 'RSA', rsaPublicExponent: 65537, rsaWeaknesses: ['fermat'] });
    expect(toCertificateFacts(weak, { fermat: false }).rsaWeaknesses).toBeUndefined();
    const strong = buildCertificate({ subject: 'CN=strong.test', spki: rsaSpki(farModulus.toString(16)) });
    expect(toCertificateFacts(strong).rsaWeaknesses).toBeUndefined();
    expect(toCertificateFacts(derOf('rsa-2048.pem')).rsaWeaknesses).toBeUndefined();
  });
});

describe('Debian weak-key list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-weak-'));
  const fixtureModulus = (): Uint8Array => {
    const jwk = new X509Certificate(derOf('rsa-2048.pem')).publicKey.export({ format: 'jwk' });
    return new Uint8Array(Buffer.from(jwk.n!, 'base64url'));
  };

  it.runIf(hasOpenssl())('computes the fingerprint `openssl x509 -modulus | sha1sum` gives', () => {
    const out = execFileSync('openssl', ['x509', '-noout', '-modulus', '-in', join(fixtures, 'rsa-2048.pem')]);
    const sha1 = execFileSync('sha1sum', { input: out }).toString().slice(0, 40);
    expect(debianFingerprint(fixtureModulus())).toBe(sha1.slice(20));
  });

  it('flags a certificate whose key is on a generated list, and only that one', async () => {
    const list = [
      '# Keys from a broken generator (openssl-blacklist format): last 80 bits of SHA-1("Modulus=...\\n")',
      '00005890bc78bcbee3ca',
      debianFingerprint(fixtureModulus()),
      `${'0'.repeat(20)}3c40449f0aaee9f5eb7b`,
      '',
    ].join('\n');
    writeFileSync(join(dir, 'blacklist.RSA-2048'), list);
    const debianWeakKeys = await loadDebianWeakKeys('blacklist.RSA-2048', dir);
    expect(debianWeakKeys.size).toBe(3);
    expect(toCertificateFacts(derOf('rsa-2048.pem'), { debianWeakKeys }).rsaWeaknesses).toEqual(['debian-weak']);
    expect(toCertificateFacts(derOf('rsa-1024.pem'), { debianWeakKeys }).rsaWeaknesses).toBeUndefined();
    expect(toCertificateFacts(derOf('rsa-2048.pem')).rsaWeaknesses).toBeUndefined();
  });

  it('computes the fingerprint of any modulus as the openssl-blacklist text defines it', () => {
    const byText = (modulus: Uint8Array): string => {
      const hex = Buffer.from(modulus).toString('hex').replace(/^0+/, '').toUpperCase();
      return createHash('sha1').update(`Modulus=${hex || '0'}\n`).digest('hex').slice(20);
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1100 }), (modulus) => {
        expect(debianFingerprint(modulus)).toBe(byText(modulus));
      }),
      { numRuns: 500 },
    );
    for (const modulus of [[], [0], [0, 0], [0, 0x0a, 0xbc], [0x05], [0x10]]) expect(debianFingerprint(new Uint8Array(modulus))).toBe(byText(new Uint8Array(modulus)));
  });

  it('joins several lists into one and loads none for an empty configuration', async () => {
    writeFileSync(join(dir, 'one.list'), '00005890bc78bcbee3ca\n');
    writeFileSync(join(dir, 'two.list'), `${'0'.repeat(20)}3c40449f0aaee9f5eb7b\n00005890bc78bcbee3ca\n`);
    const both = await loadDebianWeakKeyLists(['one.list', 'two.list'], dir);
    expect(both?.size).toBe(2);
    expect(both?.source).toBe('weak-key list one.list, weak-key list two.list');
    expect(await loadDebianWeakKeyLists([], dir)).toBeUndefined();
    await expect(loadDebianWeakKeyLists(['one.list', 'nope.list'], dir)).rejects.toThrow('weak-key list nope.list: file not found');
  });

  it('names the file and line of an entry that is not a fingerprint', async () => {
    writeFileSync(join(dir, 'bad-list'), '# header\nnot-a-fingerprint\n');
    await expect(loadDebianWeakKeys('bad-list', dir)).rejects.toThrow('weak-key list bad-list: line 2 is not a weak-key fingerprint');
    expect(() => DebianWeakKeys.parse('abc')).toThrow(/line 1/);
  });
});

const REALWORLD = new URL('../../../shared/realworld/certs/', import.meta.url).pathname;

describe.runIf(existsSync(join(REALWORLD, 'INDEX.tsv')))('real-world weak keys', () => {
  const facts = (file: string) => toCertificateFacts(splitCertificates(new Uint8Array(readFileSync(join(REALWORLD, file))), file)[0]!.der);
  it.each([
    { file: 'badkeys__rsa-fermat.crt', weaknesses: ['fermat'] },
    { file: 'zlint__rsaFermatFactorizationSusceptible.pem', weaknesses: ['fermat'] },
    { file: 'zlint__badRsaExp.pem', weaknesses: ['small-exponent', 'even-exponent'] },
    { file: 'zlint__mpExponent1.pem', weaknesses: ['small-exponent'] },
    { file: 'sslyze__github.com.pem', weaknesses: undefined },
  ])('$file → $weaknesses', ({ file, weaknesses }) => {
    expect(facts(file).rsaWeaknesses).toEqual(weaknesses);
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    execFileSync('sha1sum', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
