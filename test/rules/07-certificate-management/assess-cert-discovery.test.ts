import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/07-certificate-management/assess-cert-discovery.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import type { ScanFacts } from '../../../src/engine/define-assessor.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { daysAgo } from '../helpers.js';

const evidence = [certificateEvidence(), tlsEndpointEvidence()];
const documented = { 'discovery-process-documented': true };
const two: Partial<ScanFacts> = {
  sourceTypes: ['cert-file', 'tls-endpoint'],
  targets: { 'tls-endpoint': { configured: 10, observed: 9 }, 'cert-file': { configured: 2, observed: 2 } },
  previousScans: [daysAgo(20), daysAgo(45)],
  attestations: documented,
};
const four: Partial<ScanFacts> = {
  sourceTypes: ['cert-file', 'crtsh', 'kubernetes', 'tls-endpoint'],
  targets: { 'tls-endpoint': { configured: 20, observed: 20 }, 'cert-file': { configured: 2, observed: 2 }, crtsh: { configured: 1, observed: 1 }, kubernetes: { configured: 1, observed: 1 } },
  previousScans: [daysAgo(6), daysAgo(13), daysAgo(20)],
  inventoryAdopted: true,
  attestations: documented,
};

describe(assessor.id, () => {
  it('proposes 1 with nothing configured', () => {
    expect(kinds(assessWith(assessor, [], { facts: { sourceTypes: [], targets: {} } }))).toEqual(['propose 1']);
  });

  it('proposes 2 for a one-off single-source scan', () => {
    expect(kinds(assessWith(assessor, evidence, { facts: { attestations: documented } }))).toEqual(['propose 2']);
  });

  it('proposes 3 for monthly scans over two source types and 80 % coverage', () => {
    expect(kinds(assessWith(assessor, evidence, { facts: two }))).toEqual(['propose 3']);
  });

  it('proposes 4 for weekly scans with CT and reconciliation, and 5 when continuous', () => {
    expect(kinds(assessWith(assessor, evidence, { facts: four }))).toEqual(['propose 4']);
    const daily = Array.from({ length: 8 }, (_, i) => daysAgo(i + 1));
    expect(kinds(assessWith(assessor, evidence, { facts: { ...four, previousScans: daily } }))).toEqual(['propose 5']);
  });

  it('caps at 2 without the documented-process attestation', () => {
    const statements = assessWith(assessor, evidence, { facts: { ...four, attestations: {} } });
    expect(kinds(statements)).toEqual(['propose 2', 'cap 2']);
    expect(statements[0]?.reasons.map((r) => r.text)).toContain('The evidence alone supports level 4.');
    expect(firstReasons(statements)[1]).toMatch(/discovery-process-documented/);
  });
});
