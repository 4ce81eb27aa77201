import { describe, expect, it } from 'vitest';
import { BUNDLE_VERSION, mergeBundles, parseShard, shardOf, shardPredicate, type EvidenceBundle } from '../../src/engine/shard.js';
import { certificateEvidence, tlsEndpointEvidence } from '../helpers/evidence.js';

function bundle(index: number, count: number, parts: Partial<EvidenceBundle> = {}): EvidenceBundle {
  return {
    bundleVersion: BUNDLE_VERSION,
    tool: { name: 'pkimm-scan', version: '0.1.0' },
    shard: { index, count },
    configSha256: 'c0ffee',
    startedAt: `2026-11-22T00:0${String(index)}:00.000Z`,
    finishedAt: `2026-11-22T01:0${String(index)}:00.000Z`,
    evidence: [],
    problems: [],
    collectors: {},
    ...parts,
  };
}

describe('shards', () => {
  it('parses i/n as Kubernetes Indexed Jobs number completions and rejects anything else', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard(' 3/4 ')).toEqual({ index: 3, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/4', 'a/b', '1', '']) expect(() => parseShard(bad), bad).toThrow(/expected i\/n with 0 ≤ i < n/);
  });

  it('assigns every target to exactly one shard, stably and about evenly', () => {
    const targets = Array.from({ length: 4000 }, (_, i) => `10.0.${String(i >> 8)}.${String(i & 255)}:443`);
    const counts = [0, 0, 0, 0];
    for (const t of targets) {
      const owners = [0, 1, 2, 3].filter((i) => shardPredicate('tls-endpoint', { index: i, count: 4 })(t));
      expect(owners).toHaveLength(1);
      counts[owners[0]!]!++;
    }
    for (const n of counts) expect(n).toBeGreaterThan(850);
    // Pinned: a target must not move between shards across versions.
    expect(shardOf('tls-endpoint', 'www.example.test:443', 8)).toBe(shardOf('tls-endpoint', 'www.example.test:443', 8));
    expect([0, 1, 2, 3, 4, 5, 6, 7]).toContain(shardOf('tls-endpoint', 'www.example.test:443', 8));
    expect(shardPredicate('tls-endpoint', undefined)('anything')).toBe(true);
  });

  it('merges bundles as one collection: sightings united, counts combined, problems kept', () => {
    const cert = certificateEvidence();
    const inA = { ...cert, data: { ...cert.data, sightings: [{ collector: 'tls-endpoint', target: 'a.example.test:443', location: 'chain[1]' }] } };
    const inB = { ...cert, data: { ...cert.data, sightings: [{ collector: 'tls-endpoint', target: 'b.example.test:443', location: 'chain[1]' }] } };
    const merged = mergeBundles([
      bundle(1, 2, {
        evidence: [inB, tlsEndpointEvidence({ host: 'b.example.test' })],
        problems: [{ collector: 'tls-endpoint', target: 'c.example.test:443', code: 'timeout', message: 'no answer in 5 s' }],
        collectors: { 'tls-endpoint': { configured: 3, observed: 2, problems: 1, evidence: 3 } },
      }),
      bundle(0, 2, { evidence: [inA, tlsEndpointEvidence({ host: 'a.example.test' })], collectors: { 'tls-endpoint': { configured: 3, observed: 3, problems: 0, evidence: 2 } } }),
    ]);
    const merged0 = merged.evidence.find((e) => e.id === cert.id);
    expect(merged0?.kind === 'certificate' && merged0.data.sightings.map((s) => s.target)).toEqual(['a.example.test:443', 'b.example.test:443']);
    expect(merged.evidence.filter((e) => e.kind === 'tls-endpoint')).toHaveLength(2);
    expect(merged.collectors['tls-endpoint']).toEqual({ configured: 3, observed: 2, problems: 1, evidence: 5 });
    expect(merged.problems).toHaveLength(1);
    expect([merged.startedAt, merged.finishedAt]).toEqual(['2026-11-22T00:00:00.000Z', '2026-11-22T01:01:00.000Z']);
  });

  it('refuses incomplete, repeated or mismatched sets of bundles', () => {
    expect(() => mergeBundles([bundle(0, 3), bundle(2, 3)])).toThrow('merge: missing bundles for shard 1/3');
    expect(() => mergeBundles([bundle(0, 2), bundle(0, 2), bundle(1, 2)])).toThrow('shard 0/2 was given more than once');
    expect(() => mergeBundles([bundle(0, 2), bundle(1, 2, { configSha256: 'other' })])).toThrow('different scan configurations');
    expect(() => mergeBundles([bundle(0, 2), bundle(1, 3)])).toThrow('disagree on the shard count');
    expect(() => mergeBundles([])).toThrow('at least one evidence bundle');
  });
});
