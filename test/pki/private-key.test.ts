import { createHash, createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPemBlocks, splitCertificates } from '../../src/pki/pem.js';
import { describeDerPrivateKey, describePemPrivateKey, PrivateKeyError, spkiFacts } from '../../src/pki/private-key.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'keystores');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
const describeFile = (name: string) => {
  const block = readPemBlocks(readFileSync(join(dir, name), 'latin1'), name).blocks[0]!;
  return describePemPrivateKey(block.label, block.headers, block.decode()!);
};
/** Reads an ssh-rsa public blob (string type, mpint e, mpint n) into a JWK, independently of the code under test. */
const sshRsaJwk = (blob: Buffer): JsonWebKey => {
  const parts: Buffer[] = [];
  for (let pos = 0; pos < blob.length; ) {
    const len = blob.readUInt32BE(pos);
    parts.push(blob.subarray(pos + 4, pos + 4 + len));
    pos += 4 + len;
  }
  const strip = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b);
  return { kty: 'RSA', e: strip(parts[1]!).toString('base64url'), n: strip(parts[2]!).toString('base64url') };
};
const sha = (name: string) => createPublicKey(readFileSync(join(dir, name))).export({ type: 'spki', format: 'der' });

describe('private-key metadata', () => {
  it.each([
    ['ec-p256.pkcs8.pem', { keyAlgorithm: 'EC', curve: 'P-256', keySizeBits: 256, format: 'pkcs8', encrypted: false }],
    ['ec-p256.sec1.pem', { keyAlgorithm: 'EC', curve: 'P-256', format: 'sec1', encrypted: false }],
    ['ed25519.pkcs8.pem', { keyAlgorithm: 'Ed25519', keySizeBits: 256, format: 'pkcs8' }],
    ['rsa-2048.pkcs1.pem', { keyAlgorithm: 'RSA', keySizeBits: 2048, format: 'pkcs1' }],
    ['rsa-2048.encrypted.pem', { keyAlgorithm: 'unknown', encrypted: true, format: 'pkcs8-encrypted', encryption: 'PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC', kdfIterations: 2048 }],
    ['rsa-2048.legacy-encrypted.pem', { keyAlgorithm: 'RSA', encrypted: true, format: 'pem-legacy-encrypted' }],
    ['id_ed25519', { keyAlgorithm: 'Ed25519', encrypted: false, format: 'openssh', publicKeySource: 'openssh-public-blob' }],
    ['id_rsa', { keyAlgorithm: 'RSA', keySizeBits: 2048, encrypted: false, format: 'openssh', publicKeySource: 'openssh-public-blob' }],
    ['id_ecdsa_encrypted', { keyAlgorithm: 'EC', curve: 'P-256', encrypted: true, format: 'openssh', kdfIterations: 16 }],
  ])('describes %s', (file, expected) => {
    expect(describeFile(file)).toMatchObject(expected);
  });

  it('derives the SPKI SHA-256 that certificate facts carry, from the key or the OpenSSH public blob', () => {
    const ecCertSpki = spkiFacts(sha('ec-p256.crt')).spkiSha256;
    expect(describeFile('ec-p256.pkcs8.pem').spkiSha256).toBe(ecCertSpki);
    expect(describeFile('ec-p256.sec1.pem').spkiSha256).toBe(ecCertSpki);
    expect(describeDerPrivateKey(fixture('ec-p256.pkcs8.der'))?.spkiSha256).toBe(ecCertSpki);
    expect(describeFile('rsa-2048.pkcs1.pem').spkiSha256).toBe(spkiFacts(sha('rsa-2048.crt')).spkiSha256);
    // ssh-keygen's .pub file holds the same public key: its SPKI must match the one read from the private-key file.
    const [, blob] = readFileSync(join(dir, 'id_rsa.pub'), 'latin1').split(' ');
    const jwk = sshRsaJwk(Buffer.from(blob!, 'base64'));
    const fromPub = createHash('sha256').update(createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' })).digest('hex');
    expect(describeFile('id_rsa').spkiSha256).toBe(fromPub);
    expect(describeFile('id_ed25519').spkiSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads RSA, P-384 and P-521 SubjectPublicKeyInfo sizes and curves', () => {
    for (const [type, options, expected] of [
      ['rsa', { modulusLength: 1024 }, { keyAlgorithm: 'RSA', keySizeBits: 1024 }],
      ['ec', { namedCurve: 'P-384' }, { keyAlgorithm: 'EC', curve: 'P-384', keySizeBits: 384 }],
      ['ec', { namedCurve: 'P-521' }, { keyAlgorithm: 'EC', curve: 'P-521', keySizeBits: 521 }],
    ] as const) {
      const { publicKey } = generateKeyPairSync(type as 'ec', options as { namedCurve: string });
      expect(spkiFacts(publicKey.export({ type: 'spki', format: 'der' }))).toMatchObject(expected);
    }
  });

  it('recognises DER key files by structure and leaves certificates alone', () => {
    expect(describeDerPrivateKey(fixture('ec-p256.pkcs8.der'))).toMatchObject({ format: 'pkcs8', keyAlgorithm: 'EC' });
    expect(describeDerPrivateKey(splitCertificates(fixture('ec-p256.crt'), 'c')[0]!.der)).toBeUndefined();
    expect(describeDerPrivateKey(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]))).toBeUndefined();
  });

  it('rejects a body that is not the announced structure without echoing it', () => {
    const body = new Uint8Array(Buffer.from('MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA', 'base64'));
    expect(() => describePemPrivateKey('PRIVATE KEY', {}, body)).toThrow(PrivateKeyError);
    try {
      describePemPrivateKey('OPENSSH PRIVATE KEY', {}, body);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/MIIB|[0-9a-f]{16}/);
    }
  });
});
