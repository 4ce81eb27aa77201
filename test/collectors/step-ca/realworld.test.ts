// Real step-ca configurations and documentation snippets from ../shared/realworld/configs/step-ca (see INDEX.tsv).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import stepCa from '../../../collectors/step-ca/index.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const CONFIGS = new URL('../../../../shared/realworld/configs/', import.meta.url);
const H = 3_600;

async function scan(path: string): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir: CONFIGS.pathname });
  await stepCa.collect(stepCa.config.parse({ paths: [path] }), ctx);
  return ctx;
}

/** file → [key storage kind, db, enrollment, [profile, max, default, renewal disabled][]]. */
const table: [string, string | undefined, string | undefined, string[], [string, number, number, boolean][]][] = [
  ['ca.json_full_example.json', 'software', 'badgerv2', ['jwk', 'oidc', 'other', 'acme'], [
    ['authority claims', 24 * H, 24 * H, false],
    ['jwk/mike@smallstep.com', 24 * H, 120, false],
    ['OIDC/Google', 8 * H, 2 * H, true],
    ['SSHPOP/sshpop-smallstep', 24 * H, 24 * H, false],
    ['ACME/my-acme-provisioner', 24 * H, 24 * H, false],
  ]],
  ['examples_docker_ca.json', 'software', undefined, ['jwk'], [
    ['authority claims', 24 * H, 24 * H, false],
    ['jwk/mariano@smallstep.com', 24 * H, 24 * H, false],
    ['jwk/mike@smallstep.com', 24 * H, 120, false],
  ]],
  ['ra-mode_acme.json', 'unknown', 'badgerV2', ['acme'], [
    ['authority claims', 24 * H, 24 * H, false],
    ['ACME/acme', 24 * H, 24 * H, false],
  ]],
  ['testdata_rsaca.json', 'software', undefined, ['scep', 'jwk'], [
    ['authority claims', 24 * H, 24 * H, false],
    ['scep/scep', 24 * H, 24 * H, false],
    ['jwk/step-cli', 24 * H, 24 * H, false],
  ]],
  ['provisioner_acme.jsonc', undefined, undefined, ['acme'], [['ACME/acme-example', 8 * H, 2 * H, false]]],
  ['provisioner_jwk.json', undefined, undefined, ['jwk'], [['JWK/you@smallstep.com', 24 * H, 24 * H, false]]],
  ['provisioner_oidc.json', undefined, undefined, ['oidc'], [['OIDC/Google', 8 * H, 2 * H, true]]],
];

describe.runIf(existsSync(CONFIGS))('step-ca collector on real configs', () => {
  it.each(table)('%s', async (file, keyStorage, db, enrollment, profiles) => {
    const ctx = await scan(`step-ca/${file}`);
    expect(ctx.problems).toEqual([]);
    const [config] = ctx.ofKind('ca-config');
    expect([config?.keyStorage?.kind, config?.details?.db, config?.enrollment]).toEqual([keyStorage, db, enrollment]);
    expect(config?.profiles.map((p) => [p.name, p.maxValiditySeconds, p.defaultValiditySeconds, p.details?.renewalDisabled])).toEqual(profiles);
  });

  it('reads the x509 policy of the full example and never copies its password, client secret or encrypted key', async () => {
    const ctx = await scan('step-ca/ca.json_full_example.json');
    const config = ctx.ofKind('ca-config')[0]!;
    expect(config.profiles[0]?.subject).toEqual({ allowedDomains: ['*.local'], allowWildcards: false });
    const source = JSON.parse(readFileSync(new URL('step-ca/ca.json_full_example.json', CONFIGS), 'utf8')) as { password: string; authority: { provisioners: { encryptedKey?: string; clientSecret?: string }[] } };
    const secrets = [source.password, source.authority.provisioners[0]!.encryptedKey!, source.authority.provisioners[1]!.clientSecret!];
    const json = JSON.stringify([ctx.emitted, ctx.problems]);
    for (const secret of secrets) expect(json).not.toContain(secret);
  });

  it('reports the Wire snippet (a multi-line string is not JSON) with its position', async () => {
    const ctx = await scan('step-ca/provisioner_acme_wire.jsonc');
    expect(ctx.problems).toEqual([{ target: 'step-ca/provisioner_acme_wire.jsonc', code: 'parse', message: 'step-ca/provisioner_acme_wire.jsonc: line 16, column 13: not valid JSON: Bad control character in string literal' }]);
  });

  it('turns every step-ca file of INDEX.tsv into evidence or one problem', async () => {
    const files = readFileSync(new URL('INDEX.tsv', CONFIGS), 'utf8').split('\n').map((l) => l.split('\t')[0]!).filter((f) => f.startsWith('step-ca/'));
    expect(files).toHaveLength(8);
    for (const file of files) {
      const ctx = await scan(file);
      expect([file, ctx.ofKind('ca-config').length + ctx.problems.length]).toEqual([file, 1]);
    }
  });
});
