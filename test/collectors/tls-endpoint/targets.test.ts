import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsEndpointConfig, toSpec } from '../../../collectors/tls-endpoint/config.js';
import tlsEndpoint from '../../../collectors/tls-endpoint/index.js';
import { canonicalHost, expandTargets, parseTargetLine, parseTargetsFile, type TargetSpec } from '../../../collectors/tls-endpoint/targets.js';
import type { TlsProbe, TlsProbeOptions } from '../../../src/engine/collector-context.js';
import { CollectError } from '../../../src/engine/define-collector.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';

const labels = (config: unknown): string[] => {
  const parsed = TlsEndpointConfig.parse(config);
  const specs = parsed.targets.map(toSpec).filter((s): s is TargetSpec => s !== undefined);
  return expandTargets(specs, { starttls: parsed.starttls }, parsed.maxTargets).map((t) => t.label);
};

describe('target lines', () => {
  it.each([
    ['example.org:443', { host: 'example.org', ports: [443], serverNames: [] }],
    ['[2001:db8::1]:8443', { host: '2001:db8::1', ports: [8443], serverNames: [] }],
    ['mail.example.org:25,587', { host: 'mail.example.org', ports: [25, 587], serverNames: [] }],
    ['10.0.0.0/30:443', { host: '10.0.0.0/30', ports: [443], serverNames: [] }],
    ['[2001:db8::/126]:443', { host: '2001:db8::/126', ports: [443], serverNames: [] }],
    ['10.0.0.5:443 sni=a.example,b.example starttls=none', { host: '10.0.0.5', ports: [443], serverNames: ['a.example', 'b.example'], starttls: 'none' }],
  ])('%s', (line, spec) => {
    expect(parseTargetLine(line)).toEqual(spec);
  });

  it.each([
    ['example.org', /expected host:port/],
    ['example.org:0', /outside 1–65535/],
    ['example.org:70000', /outside 1–65535/],
    ['10.0.0.0/33:443', /not a CIDR range/],
    ['bad_host!:443', /expected host:port|not a host name/],
    ['a.example:443 starttls=gopher', /expected sni=/],
    ['a.example:443 sni=not..valid', /not a DNS name/],
  ])('rejects %s', (line, reason) => {
    expect(parseTargetLine(line)).toMatch(reason);
  });

  it('reads a targets file with comments and blank lines, naming each bad line', () => {
    const { specs, problems } = parseTargetsFile('# inventory\n\na.example:443   # web\nnot-a-target\n[::1]:8443 sni=x.example\n');
    expect(specs.map((s) => s.host)).toEqual(['a.example', '::1']);
    expect(problems).toEqual([{ line: 4, reason: expect.stringMatching(/not-a-target/) }]);
  });
});

describe('target expansion', () => {
  it('expands ranges, port lists and SNI names in a stable order, without duplicates', () => {
    expect(labels({ targets: ['10.0.0.0/31:443,8443', '10.0.0.1:443', 'A.Example.:443', 'a.example:443 sni=a.example', '[::1]:1 sni=x.example,y.example'] })).toEqual([
      '10.0.0.0:443',
      '10.0.0.0:8443',
      '10.0.0.1:443',
      '10.0.0.1:8443',
      'a.example:443',
      '[::1]:1#x.example',
      '[::1]:1#y.example',
    ]);
  });

  it('clears host bits of a range and canonicalises IPv6', () => {
    expect(labels({ targets: ['192.168.1.7/31:443', '[2001:DB8:0:0::FFFE/127]:443'] })).toEqual([
      '192.168.1.6:443',
      '192.168.1.7:443',
      '[2001:db8::fffe]:443',
      '[2001:db8::ffff]:443',
    ]);
    expect(canonicalHost('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalHost('::ffff:10.0.0.1')).toBe('::ffff:a00:1');
  });

  it('infers STARTTLS from well-known ports unless told otherwise', () => {
    const spec = (line: string): TargetSpec => parseTargetLine(line) as TargetSpec;
    const expanded = expandTargets([spec('m.example:25,587,465,143,110,21,389,5222,5432'), spec('n.example:25 starttls=none'), spec('o.example:2525 starttls=smtp')], { starttls: 'auto' }, 100);
    expect(expanded.map((t) => `${t.port}:${t.starttls ?? '-'}`)).toEqual([
      '25:smtp', '587:smtp', '465:-', '143:imap', '110:pop3', '21:ftp', '389:ldap', '5222:xmpp', '5432:postgres', '25:-', '2525:smtp',
    ]);
    expect(expandTargets([spec('m.example:25')], { starttls: 'none' }, 10)[0]!.starttls).toBeUndefined();
  });

  it('counts expanded targets and refuses configurations above maxTargets', () => {
    const config = TlsEndpointConfig.parse({ targets: ['10.1.0.0/24:443,8443', { host: 'b.example', ports: [443], serverNames: ['x.example', 'y.example'] }] });
    expect(tlsEndpoint.countTargets(config)).toBe(514);
    expect(tlsEndpoint.countTargets(TlsEndpointConfig.parse({ targets: ['10.0.0.0/16:443'] }))).toBe(65_536);
    const tooBig = TlsEndpointConfig.safeParse({ targets: ['10.0.0.0/15:443'] });
    expect(tooBig.success).toBe(false);
    expect(tooBig.error?.issues[0]?.message).toMatch(/expand to 131072 probes; the limit is maxTargets \(65536\)/);
    expect(TlsEndpointConfig.safeParse({ targets: ['[2001:db8::/64]:443'] }).success).toBe(false);
    expect(TlsEndpointConfig.safeParse({ targets: ['10.0.0.0/15:443'], maxTargets: 200_000 }).success).toBe(true);
    expect(TlsEndpointConfig.safeParse({ targets: [{ host: 'a.example' }] }).error?.issues[0]?.message).toMatch(/set port or ports/);
    expect(TlsEndpointConfig.safeParse({}).error?.issues[0]?.message).toMatch(/set targets or targetsFiles/);
  });
});

describe('targets files in a collection', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkimm-targets-'));
    await writeFile(join(dir, 'hosts.txt'), '# mail\nmail.example:25\nweb.example:443,8443 sni=www.example\nbroken line here\nweb.example:443 sni=www.example\n');
    await writeFile(join(dir, 'big.txt'), '10.0.0.0/24:443\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('probes file targets after inline ones, de-duplicated, and reports bad lines and oversized files once each', async () => {
    const seen: TlsProbeOptions[] = [];
    const recording: TlsProbe = {
      probe: (options) => {
        seen.push(options);
        return Promise.reject(new CollectError('connect', `${options.host}:${options.port}: refused by the fake probe`));
      },
    };
    const ctx = fakeCollectorContext({ baseDir: dir, tls: recording });
    const config = TlsEndpointConfig.parse({ targets: ['web.example:443 sni=www.example'], targetsFiles: ['hosts.txt', 'big.txt', 'missing.txt'], maxTargets: 10 });
    await tlsEndpoint.collect(config, ctx);
    expect(seen.map((o) => `${o.host}:${o.port}/${o.serverName ?? ''}/${o.starttls?.protocol ?? ''}`)).toEqual([
      'web.example:443/www.example/',
      'mail.example:25//smtp',
      'web.example:8443/www.example/',
    ]);
    const fileProblems = ctx.problems.filter((p) => p.target.startsWith('targetsFiles:'));
    expect(fileProblems).toEqual([
      { target: 'targetsFiles:hosts.txt', code: 'parse', message: expect.stringMatching(/1 malformed line\(s\), skipped; line 4: "broken"/) },
      { target: 'targetsFiles:big.txt', code: 'too-large', message: expect.stringMatching(/expands to 256 probes, over the remaining maxTargets budget of 6; not probed/) },
      { target: 'targetsFiles:missing.txt', code: 'not-found', message: 'targets file missing.txt: no such file or directory' },
    ]);
    expect(ctx.problems.filter((p) => !p.target.startsWith('targetsFiles:')).map((p) => p.target)).toEqual(['web.example:443#www.example', 'mail.example:25', 'web.example:8443#www.example']);
  });
});
