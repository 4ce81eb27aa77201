import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnyEvidence } from '../../../model/evidence.js';
import type { RuleResult } from '../../../model/finding.js';
import type { Statement } from '../../../model/statement.js';
import { runCli } from '../../helpers/cli.js';

const fixtures = new URL('../../../fixtures/ca-configs/certbot/host-none/etc/letsencrypt', import.meta.url).pathname;
const examples = new URL('../../../examples/platform/', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'pkimm-platform-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('platform collector in a scan', () => {
  it('reads the certbot version another collector recorded, and judges declared platforms against the tables', async () => {
    cpSync(fixtures, join(dir, 'letsencrypt'), { recursive: true });
    cpSync(join(examples, 'openssl.json'), join(dir, 'openssl.json'));
    cpSync(join(examples, 'pqc-capability.yaml'), join(dir, 'pqc.yaml'));
    writeFileSync(join(dir, 'certbot.json'), JSON.stringify([{ cycle: '2', releaseDate: '2022-11-22', eol: '2024-01-01' }]));
    writeFileSync(
      join(dir, 'pkimm.yaml'),
      [
        'collectors:',
        '  certbot: { paths: [letsencrypt], readCertificates: false }',
        '  platform:',
        '    declared:',
        '      - { product: openssl-ca, version: 3.0.13, name: offline root, environment: production }',
        '      - { product: openssl, version: 3.5.1, environment: test }',
        '    eolData: [openssl.json, certbot.json]',
        '    pqcCapability: pqc.yaml',
        'output: { dir: out }',
        '',
      ].join('\n'),
    );
    // `pkimm scan` reads the real clock: every end-of-life date here lies before 2026-11-22, so the verdicts hold from then on.
    const { code, err } = await runCli(['scan', '--config', 'pkimm.yaml', '--quiet', '--format', 'json'], { cwd: dir });
    expect(err).toBe('');
    expect(code).toBeLessThan(2);
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as { evidence: AnyEvidence[]; results: RuleResult[]; statements: Statement[] };
    const platforms = report.evidence.filter((e) => e.kind === 'platform');
    expect(platforms.map((p) => p.id).sort()).toEqual(['platform:declared:offline root@3.0.13', 'platform:declared:openssl@3.5.1', 'platform:evidence:certbot@2.1.0']);
    const status = (ruleId: string, id: string) => report.results.find((r) => r.ruleId === ruleId && r.evidenceId === id)?.status;
    expect(status('platform-supported', 'platform:declared:offline root@3.0.13')).toBe('fail');
    expect(status('platform-supported', 'platform:evidence:certbot@2.1.0')).toBe('fail');
    expect(status('platform-current-release', 'platform:declared:openssl@3.5.1')).toBe('pass');
    const future = report.statements.filter((s) => s.assessor === 'assess-future-proofing');
    expect(future.map((s) => `${s.kind} ${s.level ?? ''}`.trim())).toEqual(['cap 2']);
  });
});
