import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collect } from '../../src/engine/collect.js';
import { silentLogger } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector, type Collector } from '../../src/engine/define-collector.js';
import { nodeFileSystem } from '../../src/engine/file-system.js';
import { createHttpClient } from '../../src/engine/http-client.js';
import { createTlsProbe } from '../../src/engine/tls-probe.js';
import { certificateEvidence } from '../helpers/evidence.js';

const deps = {
  http: createHttpClient({ userAgent: 'pkimm-scan-test' }),
  tls: createTlsProbe(),
  fs: nodeFileSystem,
  now: () => new Date('2026-11-22T00:00:00Z'),
  log: silentLogger,
  baseDir: process.cwd(),
  concurrency: 4,
};

describe('collect', () => {
  it('runs enrich collectors after discover collectors and lets them read what was discovered', async () => {
    const discover = defineCollector({
      id: 'fake-discover',
      title: 'discover',
      description: 'emits one certificate after a delay',
      config: z.object({}),
      produces: ['certificate'],
      countTargets: () => 1,
      async collect(_config, ctx) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ctx.emit('certificate', 'a.pem', { ...certificateEvidence().data, sightings: [{ collector: 'fake-discover', target: 'a.pem' }] });
      },
    });
    let seen = -1;
    const enrich = defineCollector({
      id: 'fake-enrich',
      title: 'enrich',
      description: 'counts certificates',
      config: z.object({}),
      produces: ['crl'],
      phase: 'enrich',
      countTargets: () => 1,
      collect(_config, ctx) {
        seen = ctx.collected('certificate').length;
        ctx.problem('http://crl.example.test/x.crl', new CollectError('http-status', 'HTTP 404'));
        return Promise.resolve();
      },
    });
    // Enrich listed first: order in the configuration must not matter.
    const parsed = new Map<Collector, unknown>([
      [enrich, {}],
      [discover, {}],
    ]);
    const result = await collect(parsed, deps);
    expect(seen).toBe(1);
    expect(result.evidence.map((e) => e.kind)).toEqual(['certificate']);
    expect(result.problems).toEqual([{ collector: 'fake-enrich', target: 'http://crl.example.test/x.crl', code: 'http-status', message: 'HTTP 404' }]);
  });
});
