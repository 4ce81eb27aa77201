import { describe, expect, it } from 'vitest';
import { hostOf, KeyedLimit } from '../../../collectors/crl/certificate-store.js';

describe('KeyedLimit', () => {
  it('never runs more than max tasks per key, runs keys independently, and finishes everything', async () => {
    const limit = new KeyedLimit(2);
    const running: Record<string, number> = {};
    const peak: Record<string, number> = {};
    const order: string[] = [];
    const task = (key: string, id: number) =>
      limit.run(key, async () => {
        running[key] = (running[key] ?? 0) + 1;
        peak[key] = Math.max(peak[key] ?? 0, running[key]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running[key]--;
        order.push(`${key}${id}`);
        return id;
      });
    const results = await Promise.all([...Array.from({ length: 7 }, (_, i) => task('a', i)), ...Array.from({ length: 3 }, (_, i) => task('b', i))]);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1, 2]);
    expect(peak).toEqual({ a: 2, b: 2 });
    expect(order.filter((o) => o.startsWith('a'))).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
  });

  it('releases the slot when a task fails', async () => {
    const limit = new KeyedLimit(1);
    await expect(limit.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run('k', async () => 'next')).resolves.toBe('next');
  });
});

describe('hostOf', () => {
  it.each([
    ['http://CRL.Example.com:8080/x.crl', 'crl.example.com:8080'],
    ['http://[::1]/x', '[::1]'],
    ['not a url', ''],
  ])('%s → %s', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });
});
