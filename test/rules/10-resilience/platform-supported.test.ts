import { describe, expect, it } from 'vitest';
import rule from '../../../rules/10-resilience/platform-supported.js';
import { resultFor } from '../helpers.js';
import { platformEvidence } from './platform-helpers.js';

describe(rule.id, () => {
  it.each([
    { eol: '2028-01-15', status: 'pass' },
    { eol: '2026-11-23', status: 'pass' },
    { eol: '2026-11-22', status: 'fail' },
    { eol: '2024-06-30', status: 'fail' },
    { eol: true, status: 'fail' },
    { eol: false, status: 'pass' },
  ])('end of life $eol on 2026-11-22 → $status', ({ eol, status }) => {
    expect(resultFor(rule, platformEvidence({ lifecycle: { eol } })).status).toBe(status);
  });

  it.each([
    { name: 'no table for the product', status: 'no-data' as const },
    { name: 'no cycle for the version', status: 'no-cycle' as const },
    { name: 'a cycle without an end-of-life entry', status: 'matched' as const },
  ])('is not applicable with $name', ({ status }) => {
    const item = platformEvidence();
    const { eol: _drop, ...withoutEol } = item.data.lifecycle;
    expect(resultFor(rule, { ...item, data: { ...item.data, lifecycle: { ...withoutEol, status } } }).status).toBe('not-applicable');
  });

  it('names the platform, its cycle, role and environment', () => {
    const item = platformEvidence({ product: 'windows-server', version: '2012 R2', role: 'os', name: 'ADCS host', environment: 'production', lifecycle: { cycle: '2012-r2', eol: '2023-10-10' } });
    expect(resultFor(rule, item).message).toBe('ADCS host (windows-server) 2012 R2 (cycle 2012-r2, os) reached its end of life on 2023-10-10 [production].');
    expect(resultFor(rule, platformEvidence({ lifecycle: { eol: true } })).message).toBe('ejbca 9.1.2 (cycle 9.1, ca) is marked end of life by eol/ejbca.json.');
  });
});
