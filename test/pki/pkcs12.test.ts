import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { splitCertificates } from '../../src/pki/pem.js';
import { children, type DerNode, readNode } from '../../src/pki/der.js';
import { looksLikePkcs12, Pkcs12Error, readPkcs12 } from '../../src/pki/pkcs12.js';

/** DER TLV with a definite length. */
const tlv = (tag: number, ...content: Uint8Array[]): Uint8Array => {
  const body = Buffer.concat(content);
  const len = body.length < 0x80 ? [body.length] : body.length < 0x100 ? [0x81, body.length] : [0x82, body.length >> 8, body.length & 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...len]), body]));
};
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'keystores', name)));

describe('readPkcs12', () => {
  it.each([
    ['ec-p256.p12', 'ec-p256.crt', 'SHA-256 (2048 iterations)'],
    ['rsa-2048-legacy.pfx', 'rsa-2048.crt', 'SHA-1 (2048 iterations)'],
  ])('opens %s with the right password and returns the exact certificate bytes and the key SPKI', (file, certFile, mac) => {
    const p12 = readPkcs12(fixture(file), ['', 'wrong', 'fixture-pass']);
    expect(p12.passwordIndex).toBe(2);
    expect(p12.mac).toBe(mac);
    const expected = splitCertificates(fixture(certFile), certFile)[0]!.der;
    expect(Buffer.from(p12.certificates[0]!.der).equals(Buffer.from(expected))).toBe(true);
    expect(p12.keys).toHaveLength(1);
    expect(p12.keys[0]!.facts).toMatchObject({ encrypted: true, format: 'pkcs12', spkiSha256: toCertificateFacts(expected).spkiSha256 });
  });

  it('opens a file protected by the empty password and says so', () => {
    const p12 = readPkcs12(fixture('ec-p256-empty-password.p12'), ['']);
    expect(p12.passwordIndex).toBe(0);
    expect(p12.keys[0]!.facts.encrypted).toBe(false);
  });

  it('throws wrong-password, never echoing the passwords', () => {
    const attempt = () => readPkcs12(fixture('ec-p256.p12'), ['', 'secret-guess']);
    expect(attempt).toThrow(expect.objectContaining({ reason: 'wrong-password' }));
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-guess');
    }
  });

  it('refuses absurd iteration counts before running the key derivation', () => {
    const bytes = fixture('ec-p256.p12');
    const pfx = readNode(bytes, 0);
    const [version, authSafe, macData] = children(bytes, pfx);
    const [digest, salt] = children(bytes, macData!);
    const enc = (n: DerNode) => bytes.subarray(n.start, n.end);
    const hostile = tlv(0x30, enc(version!), enc(authSafe!), tlv(0x30, enc(digest!), enc(salt!), tlv(0x02, new Uint8Array([0x7f, 0xff, 0xff, 0xff]))));
    expect(() => readPkcs12(hostile, ['fixture-pass'])).toThrow(expect.objectContaining({ reason: 'too-costly' }));
    expect(() => readPkcs12(bytes.subarray(0, 100), [''])).toThrow(Pkcs12Error);
  });

  it('recognises PFX headers in DER and BER form only', () => {
    expect(looksLikePkcs12(fixture('ec-p256.p12'))).toBe(true);
    expect(looksLikePkcs12(new Uint8Array([0x30, 0x80, 0x02, 0x01, 0x03]))).toBe(true);
    expect(looksLikePkcs12(fixture('ec-p256.pkcs8.der'))).toBe(false);
    expect(looksLikePkcs12(splitCertificates(fixture('ec-p256.crt'), 'c')[0]!.der)).toBe(false);
  });
});
