import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import certbot from '../../../collectors/certbot/index.js';
import platform from '../../../collectors/platform/index.js';
import type { AnyEvidence, PlatformData } from '../../../model/evidence.js';
import { evidenceId } from '../../../src/engine/collect.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { NOW } from '../../helpers/evidence.js';

const configs = new URL('../../../../shared/realworld/configs/', import.meta.url).pathname;

describe.runIf(existsSync(`${configs}certbot`))('platform collector on real certbot renewal files', () => {
  it('records each certbot version the renewal files name, once, with the files it came from', async () => {
    const discover = fakeCollectorContext({ baseDir: configs, now: NOW });
    await certbot.collect(certbot.config.parse({ paths: ['certbot'], readCertificates: false }), discover);
    const collected = discover.emitted.map((e) => ({ id: evidenceId(e.kind, e.target, e.data), kind: e.kind, collector: 'certbot', target: e.target, observedAt: NOW.toISOString(), data: e.data }) as AnyEvidence);
    const ctx = fakeCollectorContext({ baseDir: configs, now: NOW, collected });
    await platform.collect(platform.config.parse({}), ctx);
    const found = ctx.emitted.map((e) => e.data as PlatformData);
    expect(found.map((p) => `${p.product}@${p.version}`)).toEqual(['certbot@0.10.0.dev0', 'certbot@1.10.0.dev0', 'certbot@1.11.0']);
    expect(found[0]?.source).toMatchObject({ kind: 'evidence', paths: ['certbot/renewal_a.encryption-example.com.conf', 'certbot/renewal_b.encryption-example.com.conf'] });
    expect(found.every((p) => p.role === 'client' && p.lifecycle.status === 'no-data')).toBe(true);
  });
});
