import { describe, expect, it } from 'vitest';
import { builtInAssessors, builtInRules } from '../../rules/index.js';
import { runCli } from '../helpers/cli.js';

describe('pkimm rules', () => {
  it('lists every check and assessor in a table', async () => {
    const { code, out } = await runCli(['rules', 'list']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ID\s+KIND\s+SEVERITY\s+PKIMM\s+TITLE\n/);
    expect(out).toMatch(/\ncert-rsa-key-min-2048\s+check\s+high\s+5\.2, 7\.1\s+RSA public keys are at least 2048 bits\n/);
    expect(out).toMatch(/\nassess-cert-discovery\s+assessor\s+class A\s+7\.5\s+/);
    expect(out).toContain(`${builtInRules.length} check(s), ${builtInAssessors.length} assessor(s).`);
  });

  it('filters by kind and requirement, and prints JSON', async () => {
    const { code, out } = await runCli(['rules', 'list', '--kind', 'assessor', '--pkimm', '7.4', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([{ kind: 'assessor', id: 'assess-cert-inventory', title: expect.any(String), description: expect.any(String), pkimm: ['7.4'], automation: 'A', uses: [] }]);
  });

  it('shows a check with its options, defaults and docs', async () => {
    const { code, out } = await runCli(['rules', 'show', 'key-encryption-strong']);
    expect(code).toBe(0);
    expect(out).toContain('key-encryption-strong — Encrypted private keys use a strong scheme and key derivation');
    expect(out).toContain('severity:    medium');
    expect(out).toContain('PKIMM:       6.4 (model 1.1.0 refs)');
    expect(out).toContain('  minIterations (default 10000): Fewest key-derivation iterations accepted.');
    expect(out).toContain('  - NIST SP 800-132 §5.2');
    expect(out).toContain('Details:');
    expect(out).toContain('  weakScheme: {{location}} is encrypted with {{encryption}}, a weak scheme.');
  });

  it('shows an assessor as JSON', async () => {
    const { code, out } = await runCli(['rules', 'show', 'assess-approved-algorithms', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ kind: 'assessor', pkimm: ['5.2'], automation: 'P' });
  });

  it('names near matches for an unknown id and exits 2', async () => {
    const { code, err } = await runCli(['rules', 'show', 'cert-rsa-key-min-1024']);
    expect(code).toBe(2);
    expect(err).toBe('pkimm: rules show cert-rsa-key-min-1024: no check or assessor has this id (did you mean cert-rsa-key-min-2048, cert-authority-key-identifier-present, cert-ca-key-usage-cert-sign?); see pkimm rules list\n');
  });

  it('rejects an unknown --kind', async () => {
    const { code, err } = await runCli(['rules', 'list', '--kind', 'lint']);
    expect(code).toBe(2);
    expect(err).toContain('rules list --kind lint: expected check or assessor');
  });
});
