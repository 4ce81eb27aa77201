import { describe, expect, it } from 'vitest';
import { defined } from '../../model/defined.js';

interface Record_ {
  readonly name: string;
  readonly size?: number;
  readonly tags?: readonly string[];
  readonly enabled?: boolean;
}

describe('defined', () => {
  it('leaves out undefined properties and keeps falsy values and key order', () => {
    const record = defined<Record_>({ name: 'web', size: undefined, tags: [], enabled: false });
    expect(record).toEqual({ name: 'web', tags: [], enabled: false });
    expect(Object.keys(record)).toEqual(['name', 'tags', 'enabled']);
    expect('size' in record).toBe(false);
  });

  it('gives a record whose JSON matches one written with conditional spreads', () => {
    const size: number | undefined = 0;
    const viaSpread: Record_ = { name: 'a', ...(size === undefined ? {} : { size }) };
    expect(JSON.stringify(defined<Record_>({ name: 'a', size }))).toBe(JSON.stringify(viaSpread));
  });
});
