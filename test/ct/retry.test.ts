import { describe, expect, it } from 'vitest';
import { CollectError } from '../../src/engine/define-collector.js';
import { HttpStatusError, isTransient, withRetries } from '../../src/ct/retry.js';

describe('isTransient', () => {
  it.each([
    { error: new HttpStatusError(429, undefined, 'HTTP 429'), transient: true },
    { error: new HttpStatusError(503, 1000, 'HTTP 503'), transient: true },
    { error: new HttpStatusError(404, undefined, 'HTTP 404'), transient: false },
    { error: new CollectError('http-status', 'https://x.test/: HTTP 502'), transient: true },
    { error: new CollectError('timeout', 'slow'), transient: true },
    { error: new CollectError('connect', 'refused'), transient: true },
    { error: new CollectError('permission', 'refused by the network policy'), transient: false },
    { error: new CollectError('parse', 'bad JSON'), transient: false },
    { error: new Error('plain'), transient: false },
  ])('$error.message → $transient', ({ error, transient }) => {
    expect(isTransient(error)).toBe(transient);
  });
});

describe('withRetries', () => {
  const options = { retries: 2, baseDelayMs: 0, maxDelayMs: 0 };
  it.each([
    { case: 'succeeds at once', failures: 0, error: new CollectError('timeout', 't'), result: { ok: true, attempts: 1 } },
    { case: 'succeeds after two transient failures', failures: 2, error: new CollectError('timeout', 't'), result: { ok: true, attempts: 3 } },
    { case: 'gives up after the retries', failures: 5, error: new CollectError('timeout', 't'), result: { ok: false, attempts: 3 } },
    { case: 'does not retry a permanent failure', failures: 5, error: new CollectError('parse', 'p'), result: { ok: false, attempts: 1 } },
  ])('$case', async ({ failures, error, result }) => {
    let calls = 0;
    const outcome = await withRetries(() => (++calls <= failures ? Promise.reject(error) : Promise.resolve('v')), options);
    expect({ ok: outcome.ok, attempts: outcome.attempts }).toEqual(result);
    expect(calls).toBe(result.attempts);
  });
});
