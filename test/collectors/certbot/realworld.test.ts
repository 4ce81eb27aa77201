// Real certbot renewal files from ../shared/realworld/configs/certbot (see INDEX.tsv), including certbot's own test data.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import certbot from '../../../collectors/certbot/index.js';
import type { AllowedKeyType } from '../../../model/evidence.js';
import { SECONDS } from '../../../src/ca-config/units.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const CONFIGS = new URL('../../../../shared/realworld/configs/', import.meta.url);
const DAY = SECONDS.day;

async function scan(path: string, baseDir = CONFIGS.pathname): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir });
  await certbot.collect(certbot.config.parse({ paths: [path] }), ctx);
  return ctx;
}

/** file → [ACME server, staging, key types, renew-before seconds, renew-before source, authenticator, must staple]. */
const table: [string, string, boolean, AllowedKeyType[], number, string, string | undefined, boolean | undefined][] = [
  ['renewal_a.encryption-example.com.conf', 'https://acme-staging.api.letsencrypt.org/directory', true, [{ algorithm: 'RSA', bits: [2048] }], 30 * DAY, 'default: 30 days (lifetime unknown)', 'apache', undefined],
  ['renewal_b.encryption-example.com.conf', 'https://acme-staging.api.letsencrypt.org/directory', true, [{ algorithm: 'RSA', bits: [2048] }], 30 * DAY, 'default: 30 days (lifetime unknown)', 'apache', undefined],
  ['renewal_c.encryption-example.com.conf', 'https://acme-v02.api.letsencrypt.org/directory', false, [{ algorithm: 'EC', curves: ['P-256'], bits: [256] }], 30 * DAY, 'default: 30 days (lifetime unknown)', 'apache', undefined],
  ['sample-renewal-deprecated-option.conf', 'https://acme-v02.api.letsencrypt.org/directory', false, [{ algorithm: 'RSA', bits: [2048] }], 30 * DAY, 'default: 30 days (lifetime unknown)', 'nginx', undefined],
  ['sample-renewal-ec.conf', 'https://acme-staging-v02.api.letsencrypt.org/directory', true, [{ algorithm: 'EC', curves: ['P-256'], bits: [256] }], 4 * SECONDS.year, 'renew_before_expiry', 'standalone', true],
  ['sample-renewal.conf', 'https://acme-staging-v02.api.letsencrypt.org/directory', true, [{ algorithm: 'RSA', bits: [2048] }], 4 * SECONDS.year, 'renew_before_expiry', 'standalone', true],
];

describe.runIf(existsSync(CONFIGS))('certbot collector on real renewal files', () => {
  it.each(table)('%s', async (file, server, staging, keyTypes, renewBefore, source, authenticator, mustStaple) => {
    const ctx = await scan(`certbot/${file}`);
    expect(ctx.problems).toEqual([]);
    const [config] = ctx.ofKind('ca-config');
    expect(config?.ca).toEqual({ url: server, staging });
    const profile = config?.profiles[0];
    expect([profile?.keyTypes, profile?.renewBeforeSeconds, profile?.details?.renewBeforeSource, profile?.details?.authenticator, profile?.details?.mustStaple]).toEqual([keyTypes, renewBefore, source, authenticator, mustStaple]);
  });

  it('reads all six renewal files of the folder', async () => {
    const ctx = await scan('certbot');
    expect(ctx.ofKind('ca-config')).toHaveLength(6);
    expect(ctx.problems).toEqual([]);
  });

  it('combines a lineage with its certificate when laid out as certbot does: a third of the 90-day lifetime', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pkimm-certbot-'));
    try {
      await mkdir(join(dir, 'letsencrypt', 'renewal'), { recursive: true });
      await mkdir(join(dir, 'letsencrypt', 'live', 'a.encryption-example.com'), { recursive: true });
      await copyFile(new URL('certbot/renewal_a.encryption-example.com.conf', CONFIGS), join(dir, 'letsencrypt', 'renewal', 'a.encryption-example.com.conf'));
      await copyFile(new URL('certbot/a.encryption-example.com_cert1.pem', CONFIGS), join(dir, 'letsencrypt', 'live', 'a.encryption-example.com', 'cert.pem'));
      const ctx = await scan('letsencrypt', dir);
      const [cert] = ctx.ofKind('certificate');
      expect(cert).toMatchObject({ notBefore: '2016-12-23T01:02:00.000Z', keyAlgorithm: 'RSA', keySizeBits: 2048 });
      expect(cert?.issuer).toContain('Fake LE Intermediate X1');
      const profile = ctx.ofKind('ca-config')[0]?.profiles[0];
      expect(profile?.renewBeforeSeconds).toBe(Math.round(cert!.validitySeconds / 3));
      expect(profile?.renewBeforeSeconds).toBeGreaterThanOrEqual(30 * DAY);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
