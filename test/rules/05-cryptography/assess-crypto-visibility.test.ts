import { describe, expect, it } from 'vitest';
import type { AnyEvidence, Evidence } from '../../../model/evidence.js';
import type { Statement } from '../../../model/statement.js';
import assessor from '../../../rules/05-cryptography/assess-crypto-visibility.js';
import type { ScanFacts } from '../../../src/engine/define-assessor.js';
import { NOW, certificateEvidence, scanFacts, tlsEndpointEvidence } from '../../helpers/evidence.js';

const DAY_MS = 86_400_000;
const daysAgo = (days: number, extraMs = 0): string => new Date(NOW.getTime() - days * DAY_MS - extraMs).toISOString();

const caConfig: Evidence<'ca-config'> = { id: 'ca-config:vault:pki', kind: 'ca-config', collector: 'vault-pki', target: 'vault.example.test', observedAt: NOW.toISOString(), data: { product: 'vault', role: 'ca', name: 'vault pki/', source: { url: 'https://vault.example.test' }, profiles: [], enrollment: ['api'], observations: [] } };
const BROAD: AnyEvidence[] = [certificateEvidence(), tlsEndpointEvidence()];

/** Facts of a recurring (10-day) scan over two source types with 80 % coverage: level 3. */
const LEVEL3: Partial<ScanFacts> = {
  sourceTypes: ['files', 'tls-endpoint'],
  targets: { 'tls-endpoint': { configured: 90, observed: 70 }, files: { configured: 10, observed: 10 } },
  previousScans: [daysAgo(10), daysAgo(20)],
};

/** Facts that meet level 4 when CA configuration evidence is present. */
const LEVEL4: Partial<ScanFacts> = {
  sourceTypes: ['files', 'tls-endpoint', 'vault-pki'],
  targets: { 'tls-endpoint': { configured: 90, observed: 85 }, files: { configured: 5, observed: 5 }, 'vault-pki': { configured: 5, observed: 5 } },
  previousScans: [daysAgo(7), daysAgo(14), daysAgo(21)],
};

const DAILY = Array.from({ length: 8 }, (_, i) => daysAgo(i + 1));

function run(evidence: readonly AnyEvidence[], facts: Partial<ScanFacts>): readonly Statement[] {
  return assessor.assess({ evidence, results: [], problems: [], facts: scanFacts(facts) });
}

function level(evidence: readonly AnyEvidence[], facts: Partial<ScanFacts>): number | undefined {
  const statements = run(evidence, facts);
  expect(statements).toHaveLength(1);
  expect(statements[0]?.kind).toBe('propose');
  expect(statements[0]?.ref).toBe('5.4');
  for (const reason of statements[0]!.reasons.slice(1, 3)) expect(reason.metric).toBeDefined();
  return statements[0]?.level;
}

const firstReason = (evidence: readonly AnyEvidence[], facts: Partial<ScanFacts>): string => run(evidence, facts)[0]!.reasons[0]!.text;

describe(assessor.id, () => {
  it('proposes 1 with no evidence and no imported inventory', () => {
    expect(level([], { targets: {}, sourceTypes: [] })).toBe(1);
    expect(firstReason([], {})).toBe('Level 1: the scan produced no evidence and no inventory was imported.');
  });

  it('proposes 2 for an imported inventory without scan evidence', () => {
    const declaredInventory = { source: 'cmdb.csv', records: 1, sha256: new Set<string>(), issuerSerial: new Set<string>(), attributeCompleteness: 1 };
    expect(level([], { declaredInventory })).toBe(2);
  });

  it('proposes 2 for a one-off scan and says so', () => {
    expect(level(BROAD, { ...LEVEL3, previousScans: [] })).toBe(2);
    expect(firstReason(BROAD, { ...LEVEL3, previousScans: [] })).toMatch(/^Level 2: a one-off scan \(≤ 1 run in 180 days\); level 3 is not met: 1 run\(s\) in the last 90 days/);
  });

  it('does not call a scan one-off when an earlier one ran within 180 days', () => {
    expect(firstReason(BROAD, { ...LEVEL3, previousScans: [daysAgo(100)] })).not.toContain('one-off');
  });

  it.each([
    { name: 'recurring, 80 % coverage, all kinds collected', facts: LEVEL3, level: 3 },
    { name: 'cov_scope 79 %', facts: { ...LEVEL3, targets: { 'tls-endpoint': { configured: 100, observed: 79 } } }, level: 2 },
    { name: 'cov_scope 80 %', facts: { ...LEVEL3, targets: { 'tls-endpoint': { configured: 100, observed: 80 } } }, level: 3 },
    { name: '2 runs in 90 days', facts: { ...LEVEL3, previousScans: [daysAgo(10), daysAgo(91)] }, level: 2 },
    { name: '3 runs, the oldest exactly 60 days ago, intervals of exactly 30 days', facts: { ...LEVEL3, previousScans: [daysAgo(30), daysAgo(60)] }, level: 3 },
    { name: 'an interval of 30 days + 1 s', facts: { ...LEVEL3, previousScans: [daysAgo(30, 1000), daysAgo(40)] }, level: 2 },
    { name: 'the third run exactly 90 days ago', facts: { ...LEVEL3, previousScans: [daysAgo(30), daysAgo(60), daysAgo(90)] }, level: 3 },
    { name: 'no configured targets recorded', facts: { ...LEVEL3, targets: {} }, level: 2 },
  ])('$name → $level', ({ facts, level: expected }) => {
    expect(level(BROAD, facts)).toBe(expected);
  });

  it.each([
    { name: 'cov_scope 49 %', observed: 49, marked: true },
    { name: 'cov_scope 50 %', observed: 50, marked: false },
  ])('$name is marked as low coverage: $marked', ({ observed, marked }) => {
    const text = firstReason(BROAD, { ...LEVEL3, targets: { 'tls-endpoint': { configured: 100, observed } } });
    expect(text.startsWith('Level 2: ')).toBe(true);
    expect(text.includes('cov_scope below 50 %')).toBe(marked);
  });

  it('proposes 2 when protocols or algorithms were not collected', () => {
    const certsOnly = [certificateEvidence()];
    expect(level(certsOnly, LEVEL3)).toBe(2);
    expect(firstReason(certsOnly, LEVEL3)).toContain('not collected: protocols (TLS endpoints)');
    const opaque = [certificateEvidence({ keyAlgorithm: 'other', signatureAlgorithm: '' }), tlsEndpointEvidence({ cipher: undefined })];
    expect(firstReason(opaque, LEVEL3)).toContain('not collected: algorithms');
  });

  it('marks a single source type', () => {
    expect(firstReason(BROAD, { ...LEVEL3, sourceTypes: ['tls-endpoint'], previousScans: [] })).toContain('a single source type');
  });

  it.each([
    { name: 'all level-4 conditions', facts: LEVEL4, evidence: [...BROAD, caConfig], level: 4 },
    { name: 'cov_scope 94 %', facts: { ...LEVEL4, targets: { 'tls-endpoint': { configured: 100, observed: 94 } } }, evidence: [...BROAD, caConfig], level: 3 },
    { name: 'cov_scope 95 %', facts: { ...LEVEL4, targets: { 'tls-endpoint': { configured: 100, observed: 95 } } }, evidence: [...BROAD, caConfig], level: 4 },
    { name: 'two source types', facts: { ...LEVEL4, sourceTypes: ['tls-endpoint', 'vault-pki'] }, evidence: [...BROAD, caConfig], level: 3 },
    { name: 'previous scan 7 days + 1 s ago', facts: { ...LEVEL4, previousScans: [daysAgo(7, 1000), daysAgo(14)] }, evidence: [...BROAD, caConfig], level: 3 },
    { name: 'no CA configuration evidence', facts: LEVEL4, evidence: BROAD, level: 3 },
  ])('$name → $level', ({ facts, evidence, level: expected }) => {
    expect(level(evidence, facts)).toBe(expected);
  });

  it('says that missing CA configuration collectors block level 4', () => {
    expect(firstReason(BROAD, LEVEL4)).toBe('Level 3: level 4 is not met: no CA-configuration source (no CA configuration collector exists yet).');
  });

  it.each([
    { name: 'daily for a week with the attestation', previousScans: DAILY, attest: true, level: 5 },
    { name: 'daily for a week without the attestation', previousScans: DAILY, attest: false, level: 4 },
    { name: 'daily for only 6 days', previousScans: DAILY.slice(0, 6), attest: true, level: 4 },
    { name: 'a gap of 1 day + 1 s', previousScans: [daysAgo(1), daysAgo(2, 1000), ...DAILY.slice(2)], attest: true, level: 4 },
  ])('$name → $level', ({ previousScans, attest, level: expected }) => {
    expect(level([...BROAD, caConfig], { ...LEVEL4, previousScans, attestations: { 'cbom-consumed-downstream': attest } })).toBe(expected);
  });

  it('reports its metrics', () => {
    const reasons = run(BROAD, LEVEL3)[0]!.reasons;
    const metrics = Object.fromEntries(reasons.filter((r) => r.metric).map((r) => [r.metric!.name, [r.metric!.value, r.metric!.threshold]]));
    expect(metrics).toEqual({ cov_scope: [0.8, 0.95], runs_90d: [3, 3], runs_180d: [3, 2], max_interval_days: [10, 30], source_types: [2, 3] });
  });
});
