import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/10-resilience/assess-future-proofing.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { platformEvidence } from './platform-helpers.js';

const capable = { capable: true, capabilities: ['ML-DSA', 'ML-KEM'], sources: ['https://vendor.example/notes'], table: 'pqc.yaml' };

describe(assessor.id, () => {
  it('is insufficient without platform data and without PQC capability', () => {
    const statements = assessWith(assessor, [certificateEvidence()]);
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(firstReasons(statements)[0]).toContain('no platform versions were declared or observed');
  });

  it('keeps supporting 3 when PQC is in use and no platform has end-of-life data', () => {
    expect(kinds(assessWith(assessor, [tlsEndpointEvidence({ keyExchange: { type: 'ECDH', group: 'X25519MLKEM768' } })]))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, [certificateEvidence({ keyAlgorithm: 'composite', signatureAlgorithm: 'id-MLDSA65-ECDSA-P256-SHA512' })]))).toEqual(['support 3']);
    const noData = platformEvidence({ lifecycle: { status: 'no-data', eol: undefined, cyclesBehind: undefined } });
    expect(kinds(assessWith(assessor, [noData, tlsEndpointEvidence({ keyExchange: { type: 'ECDH', group: 'X25519MLKEM768' } })]))).toEqual(['support 3']);
  });

  it.each([
    { eol: '2026-11-21', expected: ['cap 2'] },
    { eol: '2026-11-22', expected: ['cap 2'] },
    { eol: '2026-11-23', expected: ['support 3'] },
  ])('a production CA with end of life $eol (today 2026-11-22) → $expected', ({ eol, expected }) => {
    expect(kinds(assessWith(assessor, [platformEvidence({ environment: 'production', lifecycle: { eol }, pqc: capable })]))).toEqual(expected);
  });

  it.each([
    { behind: 2, expected: ['support 3'] },
    { behind: 3, expected: ['cap 3', 'support 3'] },
  ])('a platform $behind cycles behind → $expected', ({ behind, expected }) => {
    expect(kinds(assessWith(assessor, [platformEvidence({ role: 'os', product: 'windows-server', version: '2016', lifecycle: { cyclesBehind: behind }, pqc: capable })]))).toEqual(expected);
  });

  it('leaves test and staging platforms out of the caps', () => {
    const items = [
      platformEvidence({ name: 'test CA', environment: 'test', lifecycle: { eol: '2020-01-01', cyclesBehind: 5 } }),
      platformEvidence({ name: 'staging CA', environment: 'Staging', lifecycle: { eol: true } }),
      platformEvidence({ name: 'prod CA', pqc: capable }),
    ];
    const statements = assessWith(assessor, items);
    expect(kinds(statements)).toEqual(['support 3']);
    expect(statements[0]?.reasons.map((r) => r.text)).toContain('2 platform(s) declared for test, staging or development were left out of the caps.');
  });

  it('caps at 2 only for CA, RA, HSM and OS roles; an end-of-life library withholds support without a cap', () => {
    const library = platformEvidence({ product: 'openssl', version: '1.1.1w', role: 'library', lifecycle: { eol: '2023-09-11' } });
    const statements = assessWith(assessor, [library, platformEvidence({ pqc: capable })]);
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(statements[0]?.reasons.map((r) => r.text).join(' ')).toContain('End of life outside the CA, RA, HSM and OS roles');
    expect(kinds(assessWith(assessor, [platformEvidence({ role: 'hsm', product: 'luna', lifecycle: { eol: true } })]))).toEqual(['cap 2']);
  });

  it('supports 3 on a PQC-capable upgrade path, and names the capped platforms', () => {
    const upgrade = { capable: false, capabilities: [], upgradeTo: { version: '3.5', capabilities: ['ML-KEM'] }, sources: ['https://openssl.example/3.5'], table: 'pqc.yaml' };
    const ok = assessWith(assessor, [platformEvidence({ product: 'openssl', version: '3.0.13', role: 'library', pqc: upgrade })]);
    expect(kinds(ok)).toEqual(['support 3']);
    expect(firstReasons(ok)[0]).toContain('PQC-capable upgrade(s): openssl ≥ 3.5');
    const capped = assessWith(assessor, [platformEvidence({ name: 'issuing CA', environment: 'production', lifecycle: { eol: true } })]);
    expect(firstReasons(capped)).toEqual(['1 production CA, RA, HSM or OS platform(s) are past their end of life: issuing CA (ejbca) 9.1.2.']);
    expect(capped[0]?.evidenceIds).toEqual(['platform:declared:issuing CA@9.1.2']);
  });

  it('makes no statement but says why when platforms are supported and no PQC path is known', () => {
    const statements = assessWith(assessor, [platformEvidence()]);
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(statements[0]?.reasons.map((r) => r.text).join(' ')).toContain('No PQC capability observed and no PQC-capable platform identified');
  });
});
