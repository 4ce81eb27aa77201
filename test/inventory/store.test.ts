import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestColumn, DigestIndex, F64Column, isCanonicalSha256, NO_TEXT, TextPool, U32Column } from '../../src/inventory/store.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('TextPool', () => {
  it.each([
    { name: 'empty', text: '' },
    { name: 'ASCII DN', text: 'CN=www.example.test, O=Example' },
    { name: 'Latin-1', text: 'CN=Zürich Çà ÿ' },
    { name: 'beyond Latin-1', text: 'CN=☃ 証明書 😀' },
    { name: 'lone surrogate', text: 'x\ud800y' },
    { name: 'control characters', text: '\u0000\u001b[31m' },
    { name: 'lowercase hex (key identifier)', text: '0a1b2c3d4e5f' },
    { name: 'uppercase hex (serial)', text: '00E224DDC6B55AF8B2' },
    { name: 'odd-length hex', text: 'abc' },
    { name: 'mixed-case hex', text: 'AbCd' },
    { name: 'text longer than a chunk', text: 'é'.repeat(3 * 2 ** 20) },
  ])('gives back $name exactly', ({ text }) => {
    const pool = new TextPool();
    const before = pool.add('before');
    const id = pool.add(text);
    const after = pool.add('after');
    expect(pool.get(id)).toBe(text);
    expect([pool.get(before), pool.get(after)]).toEqual(['before', 'after']);
  });

  it('keeps an empty text stored right after one longer than a chunk', () => {
    const pool = new TextPool();
    const big = pool.add('x'.repeat(2 ** 20 + 5));
    const empty = pool.add('');
    expect(pool.get(empty)).toBe('');
    const next = pool.add('next');
    expect([pool.get(big).length, pool.get(empty), pool.get(next)]).toEqual([2 ** 20 + 5, '', 'next']);
  });

  it('keeps many texts across chunks, and consecutive ids for consecutive adds', () => {
    const pool = new TextPool();
    const ids = Array.from({ length: 100_000 }, (_, k) => pool.add(`DNS:host-${k}.example.test`));
    expect(ids[99_999]! - ids[0]!).toBe(99_999);
    expect([0, 12_345, 65_536, 99_999].map((k) => pool.get(ids[k]!))).toEqual([0, 12_345, 65_536, 99_999].map((k) => `DNS:host-${k}.example.test`));
  });

  it('interns repeated texts up to its limit, then still stores them', () => {
    const pool = new TextPool();
    expect(pool.intern('CN=Issuing CA')).toBe(pool.intern('CN=Issuing CA'));
    for (let k = 0; k < 100_000; k++) pool.intern(`issuer ${k}`);
    const late = pool.intern('CN=late issuer');
    expect(pool.get(late)).toBe('CN=late issuer');
    expect(pool.get(pool.intern('CN=Issuing CA'))).toBe('CN=Issuing CA');
  });

  it('maps undefined to NO_TEXT and back', () => {
    const pool = new TextPool();
    expect(pool.addOptional(undefined)).toBe(NO_TEXT);
    expect(pool.internOptional(undefined)).toBe(NO_TEXT);
    expect(pool.getOptional(NO_TEXT)).toBeUndefined();
    expect(pool.getOptional(pool.addOptional('x'))).toBe('x');
  });
});

describe('columns', () => {
  it('grow across chunks and read 0 where nothing was set', () => {
    const u = new U32Column();
    const f = new F64Column();
    for (const i of [0, 1, 63, 64, 65_535, 65_536, 200_000]) {
      u.set(i, i + 1);
      f.set(i, i + 0.5);
    }
    expect([0, 63, 64, 65_536, 200_000].map((i) => u.get(i))).toEqual([1, 64, 65, 65_537, 200_001]);
    expect(f.get(200_000)).toBe(200_000.5);
    expect([u.get(2), u.get(150_000), u.get(5_000_000)]).toEqual([0, 0, 0]);
  });
});

describe('DigestColumn and DigestIndex', () => {
  const digests = Array.from({ length: 5_000 }, (_, k) => sha(String(k)));
  const column = new DigestColumn();
  const index = new DigestIndex(column);
  digests.forEach((hex, i) => {
    column.set(i, hex);
    index.insert(i);
  });

  it('finds every digest and nothing else', () => {
    expect(digests.every((hex, i) => index.find(hex) === i && column.hex(i) === hex)).toBe(true);
    expect(index.find(sha('absent'))).toBe(-1);
  });

  it('orders digests like their hex text', () => {
    const rows = digests.map((_, i) => i).sort((a, b) => column.prefix(a) - column.prefix(b) || column.compare(a, b));
    expect(rows.map((i) => digests[i])).toEqual([...digests].sort());
  });

  it('finds digests that share their leading bytes (chosen in a hand-made report) as well as random ones', () => {
    const chosen = new DigestColumn();
    const set = new DigestIndex(chosen);
    const values = Array.from({ length: 20_000 }, (_, k) => k.toString(16).padStart(64, '0'));
    values.forEach((hex, i) => {
      chosen.set(i, hex);
      set.insert(i);
    });
    expect(values.every((hex, i) => set.find(hex) === i)).toBe(true);
    expect(set.find('f'.repeat(64))).toBe(-1);
  });

  it('groups equal digests with findOrInsert', () => {
    const keys = new DigestColumn();
    const groups = new DigestIndex(keys);
    ['a', 'b', 'a', 'c', 'b'].forEach((k, i) => keys.set(i, sha(k)));
    expect([0, 1, 2, 3, 4].map((i) => groups.findOrInsert(i))).toEqual([0, 1, 0, 3, 1]);
  });

  it.each([
    { text: sha('x'), canonical: true },
    { text: sha('x').toUpperCase(), canonical: false },
    { text: sha('x').slice(1), canonical: false },
    { text: `${sha('x')}0`, canonical: false },
  ])('isCanonicalSha256($text) = $canonical', ({ text, canonical }) => {
    expect(isCanonicalSha256(text)).toBe(canonical);
  });
});
