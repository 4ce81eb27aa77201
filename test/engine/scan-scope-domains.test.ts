import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrtshConfig } from '../../collectors/crtsh/config.js';
import crtsh from '../../collectors/crtsh/index.js';
import { SecurityTxtConfig } from '../../collectors/security-txt/config.js';
import securityTxt from '../../collectors/security-txt/index.js';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { ScanConfig } from '../../src/config/scan-config.js';
import { scan } from '../../src/engine/scan.js';
import { policyScopeDomains } from '../../src/engine/scope-domains.js';
import { NOW } from '../helpers/evidence.js';
import { type DnsServer, startDnsServer } from '../helpers/dns-server.js';

// A profile that declares its domains once: the domain-scoped collectors use them without repeating them.
let dir: string;
let dns: DnsServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-scope-domains-'));
  await writeFile(
    join(dir, 'profile.yaml'),
    'extends: default\nname: ours\nscope:\n  domains: [example.test, "*.wild.test", 192.0.2.1]\n  units:\n    - { id: shop, kind: dns-zone, match: shop.test }\n    - { id: dc, kind: cidr, match: 10.0.0.0/8 }\n',
  );
  dns = await startDnsServer(
    new Map([
      ['example.test', { caa: [[0, 'issue', 'letsencrypt.org']] }],
      ['shop.test', { caa: [[0, 'issue', 'digicert.com']] }],
    ]),
  );
});
afterAll(async () => {
  await dns.close();
  await rm(dir, { recursive: true, force: true });
});

const caaDomains = async (dnsCaa: Record<string, unknown>): Promise<string[]> => {
  const config = ScanConfig.parse({ collectors: { 'dns-caa': { servers: [dns.address], timeoutMs: 500, tries: 1, ...dnsCaa } }, policy: { profile: 'profile.yaml' }, output: { dir: 'out' } });
  const report = await scan({ config, baseDir: dir, model: builtinModel('1.1.0'), now: () => NOW, previousScans: [] });
  return report.evidence.flatMap((e) => (e.kind === 'dns-caa' ? [e.data.domain] : [])).sort();
};

describe('policy scope domains feed the domain-scoped collectors', () => {
  it('looks up the CAA records of the profile domains and dns-zone units next to the configured ones', async () => {
    // The IP address is not a DNS domain and is left out; the wildcard is looked up as its base name; cidr units are not domains.
    expect(await caaDomains({ domains: ['other.test'] })).toEqual(['example.test', 'other.test', 'shop.test', 'wild.test']);
  });

  it('uses only the configured domains with policyDomains: false', async () => {
    expect(await caaDomains({ domains: ['other.test'], policyDomains: false })).toEqual(['other.test']);
  });

  it('gives crt.sh and security.txt the same names, each normalised by its own rules and never repeated', () => {
    const domains = policyScopeDomains({ scope: { domains: ['Example.TEST', 'example.test', '*.wild.test'], units: [{ id: 'z', kind: 'dns-zone', match: 'shop.test', critical: false }] } });
    expect(domains).toEqual(['Example.TEST', 'example.test', '*.wild.test', 'shop.test']);
    const crt = crtsh.withScopeDomains!(CrtshConfig.parse({ domains: ['example.test'] }), domains);
    expect(crt.domains).toEqual(['example.test', 'wild.test', 'shop.test']);
    // security.txt is fetched from a host: a wildcard is not one.
    const web = securityTxt.withScopeDomains!(SecurityTxtConfig.parse({}), domains);
    expect(web.domains).toEqual(['example.test', 'shop.test']);
    expect(securityTxt.withScopeDomains!(SecurityTxtConfig.parse({ policyDomains: false }), domains).domains).toEqual([]);
  });
});
