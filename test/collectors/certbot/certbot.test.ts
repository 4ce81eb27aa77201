import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import certbot from '../../../collectors/certbot/index.js';
import type { CaConfigData } from '../../../model/evidence.js';
import { SECONDS } from '../../../src/ca-config/units.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const BASE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'ca-configs', 'certbot');
const DAY = SECONDS.day;

async function scan(config: Record<string, unknown>): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir: BASE });
  await certbot.collect(certbot.config.parse(config), ctx);
  return ctx;
}

function lineage(ctx: FakeCollectorContext, name: string): CaConfigData | undefined {
  return ctx.ofKind('ca-config').find((c) => c.name === `certbot ${name}`);
}

describe('certbot collector', () => {
  it('reads a lineage with its certificate, chain, hooks (credentials scrubbed) and the systemd timer', async () => {
    const ctx = await scan({ paths: ['host-systemd/etc/letsencrypt'], hostRoot: 'host-systemd' });
    const [cert] = ctx.ofKind('certificate');
    expect(cert?.subject).toBe('CN=example.fixture.test');
    expect(cert?.sightings).toEqual([
      {
        collector: 'certbot',
        target: 'host-systemd/etc/letsencrypt',
        location: 'host-systemd/etc/letsencrypt/live/example.fixture.test/cert.pem',
        attributes: { managedBy: 'certbot', lineage: 'example.fixture.test', renewalConf: 'host-systemd/etc/letsencrypt/renewal/example.fixture.test.conf' },
      },
    ]);
    const example = lineage(ctx, 'example.fixture.test');
    expect(example).toMatchObject({
      product: 'certbot',
      role: 'client',
      source: { path: 'host-systemd/etc/letsencrypt/renewal/example.fixture.test.conf' },
      ca: { url: 'https://acme-v02.api.letsencrypt.org/directory', staging: false, subject: 'CN=Fixture ACME Root, O=pkimm-scan fixtures' },
      enrollment: ['acme'],
      automation: { autoRenewal: true, schedulerPresent: true, renewBeforeSeconds: 30 * DAY, mechanism: 'certbot renew via systemd timer' },
      observations: [],
    });
    expect(example?.ca?.certificateSha256).toHaveLength(1);
    expect(example?.profiles[0]).toMatchObject({
      kind: 'lineage',
      keyTypes: [{ algorithm: 'RSA', bits: [2048] }],
      reusesKey: true,
      autoRenewal: true,
      renewBeforeSeconds: 30 * DAY,
      defaultValiditySeconds: cert!.validitySeconds,
      details: {
        authenticator: 'webroot',
        installer: 'nginx',
        challengeType: 'http-01',
        certbotVersion: '2.11.0',
        account: '0f3c9a2b7d1e4f6a8b5c3d2e1f0a9b8c',
        preHook: 'curl -fsS -H "Authorization: Bearer [redacted]" https://hooks.fixture.test/pre',
        deployHook: 'systemctl reload nginx',
        renewBeforeSource: 'default: a third of the 90d1s lifetime (certbot ≥ 4.1)',
        schedulers: 'systemd timer host-systemd/lib/systemd/system/certbot.timer',
      },
    });
  });

  it('reads staging, ECDSA P-384, renew_before_expiry and keeps EAB keys and hook tokens out', async () => {
    const ctx = await scan({ paths: ['host-systemd/etc/letsencrypt'], hostRoot: 'host-systemd' });
    const staging = lineage(ctx, 'staging.fixture.test');
    expect(staging).toMatchObject({ ca: { staging: true }, observations: [{ code: 'acme-staging-endpoint' }] });
    expect(staging?.profiles[0]).toMatchObject({ keyTypes: [{ algorithm: 'EC', curves: ['P-384'], bits: [384] }], renewBeforeSeconds: 10 * DAY, details: { challengeType: 'dns-01', postHook: '/usr/local/bin/notify --token=[redacted]' } });
    expect(JSON.stringify([ctx.emitted, ctx.problems])).not.toMatch(/fixture-eab|fixture-post-token|fixture-hook-token/);
  });

  it('reports a renewal file that is not configobj with its line', async () => {
    const ctx = await scan({ paths: ['host-systemd/etc/letsencrypt'] });
    expect(ctx.problems).toEqual([{ target: 'host-systemd/etc/letsencrypt', code: 'parse', message: 'host-systemd/etc/letsencrypt/renewal/broken.conf: line 3: not "key = value", a [section] or a comment' }]);
  });

  it.each([
    ['host-cron', 'old.fixture.test', { autoRenewal: true, schedulerPresent: true, mechanism: 'certbot renew via cron' }],
    ['host-none', 'none.fixture.test', { autoRenewal: false, schedulerPresent: false, mechanism: 'certbot renew (no timer or cron entry found)' }],
  ])('finds the renewal scheduler of %s', async (host, name, automation) => {
    const ctx = await scan({ paths: [`${host}/etc/letsencrypt`], hostRoot: host });
    expect(lineage(ctx, name)?.automation).toMatchObject(automation);
  });

  it('applies the defaults of the certbot version that wrote the file, and records what it cannot read', async () => {
    const old = lineage(await scan({ paths: ['host-cron/etc/letsencrypt/renewal/old.fixture.test.conf'] }), 'old.fixture.test');
    expect(old?.profiles[0]).toMatchObject({ keyTypes: [{ algorithm: 'RSA', bits: [2048] }], details: { keyTypeSource: 'default for certbot 0.31.0', serverSource: 'default' } });
    expect(old?.profiles[0]?.renewBeforeSeconds).toBeUndefined();
    expect(old?.observations.map((o) => o.code)).toEqual(['certbot-invalid-interval']);
    expect(old?.automation).toEqual({ mechanism: 'certbot renew (scheduler not checked: no hostRoot)' });
    const none = lineage(await scan({ paths: ['host-none/etc/letsencrypt/renewal'] }), 'none.fixture.test');
    expect(none?.profiles[0]).toMatchObject({ keyTypes: [{ algorithm: 'EC', curves: ['P-256'], bits: [256] }], renewBeforeSeconds: 30 * DAY, details: { challengeType: 'dns-01', manualAuthHook: '/opt/hooks/auth.sh --api-key [redacted]', renewBeforeSource: 'default: 30 days (lifetime unknown)' } });
  });

  it('reports a missing path and counts paths as targets', async () => {
    const ctx = await scan({ paths: ['nope'] });
    expect(ctx.problems).toEqual([{ target: 'nope', code: 'not-found', message: 'nope: no such file or directory' }]);
    expect(certbot.countTargets(certbot.config.parse({ paths: ['a'] }))).toBe(1);
    expect(certbot.config.safeParse({ paths: [], extra: 1 }).success).toBe(false);
  });
});
