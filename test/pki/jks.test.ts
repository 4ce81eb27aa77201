import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJavaKeystore, JksError, readJavaKeystore } from '../../src/pki/jks.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'keystores', name)));

describe('readJavaKeystore', () => {
  it('reads keytool JKS entries: trusted certificates fully, private keys as alias, protection and chain', () => {
    const store = readJavaKeystore(fixture('store.jks'), 'changeit');
    expect(store).toMatchObject({ type: 'JKS', version: 2, integrity: 'verified' });
    const byAlias = Object.fromEntries(store.entries.map((e) => [e.alias, e]));
    expect(byAlias['rsa-root']).toMatchObject({ kind: 'trusted-certificate', certificateType: 'X.509' });
    expect(byAlias.server).toMatchObject({ kind: 'private-key', protection: 'JKS key protector (SHA-1 stream)' });
    expect(byAlias.server?.kind === 'private-key' && byAlias.server.chain).toHaveLength(1);
  });

  it('skips JCEKS secret-key entries and still reads the entries after them', () => {
    const store = readJavaKeystore(fixture('store.jceks'), 'changeit');
    expect(store.type).toBe('JCEKS');
    expect(store.entries.map((e) => [e.alias, e.kind]).sort()).toEqual([
      ['aes-key', 'secret-key'],
      ['ec-trusted', 'trusted-certificate'],
      ['rsa-server', 'private-key'],
    ]);
  });

  it('reads without a password unverified, and rejects a wrong password or a flipped byte as an integrity failure', () => {
    expect(readJavaKeystore(fixture('store.jks')).integrity).toBe('not-checked');
    expect(() => readJavaKeystore(fixture('store.jks'), 'wrong')).toThrow(/integrity check failed/);
    const tampered = fixture('store.jks');
    tampered[40]! ^= 1;
    expect(() => readJavaKeystore(tampered, 'changeit')).toThrow(expect.objectContaining({ reason: 'integrity' }));
  });

  it.each([
    ['truncated', fixture('store.jks').subarray(0, 200)],
    ['absurd entry count', new Uint8Array([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff, ...new Uint8Array(20)])],
    ['unknown version', new Uint8Array([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 9, 0, 0, 0, 0, ...new Uint8Array(20)])],
  ])('rejects a %s keystore as malformed', (_name, bytes) => {
    expect(() => readJavaKeystore(bytes)).toThrow(JksError);
    expect(() => readJavaKeystore(bytes)).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });

  it('only ever throws JksError on random bytes after a valid header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => {
        const bytes = new Uint8Array([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, ...tail]);
        expect(isJavaKeystore(bytes)).toBe(true);
        try {
          readJavaKeystore(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(JksError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
