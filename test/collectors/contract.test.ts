import { describe, expect, it } from 'vitest';
import { builtInCollectors } from '../../collectors/index.js';
import type { TlsProbe } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { fakeCollectorContext } from '../helpers/collector-context.js';

/** Minimal valid configurations for collectors that need at least one target. */
const minimal: Record<string, unknown> = {
  'cert-file': {},
  'tls-endpoint': { targets: ['127.0.0.1:1'], timeoutMs: 500 },
};

const refusingTls: TlsProbe = { probe: () => Promise.reject(new CollectError('connect', 'refused by the fake probe')) };

describe.each(builtInCollectors.map((c) => [c.id, c] as const))('%s', (id, collector) => {
  it('has a kebab-case id, a title and a description', () => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(collector.title.length).toBeGreaterThan(0);
    expect(collector.description.length).toBeGreaterThan(0);
  });

  it('accepts a minimal config and collects without throwing', async () => {
    const config = collector.config.parse(minimal[id] ?? {});
    const ctx = fakeCollectorContext({ tls: refusingTls });
    await expect(collector.collect(config as never, ctx)).resolves.toBeUndefined();
    if (collector.countTargets(config as never) === 0) expect(ctx.emitted).toEqual([]);
    for (const p of ctx.problems) expect(p.message).not.toMatch(/\n/);
  });
});
