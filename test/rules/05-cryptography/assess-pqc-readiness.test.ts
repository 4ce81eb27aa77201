import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/05-cryptography/assess-pqc-readiness.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith } from '../assess-helpers.js';
import { daysAgo, policyWith } from '../helpers.js';
import { platformEvidence } from '../10-resilience/platform-helpers.js';

const pick = (statements: ReturnType<typeof assessWith>) => statements.map((s) => `${s.ref} ${s.kind}${s.level === undefined ? '' : ` ${s.level}`}`);
const pqcCa = certificateEvidence({ subject: 'CN=PQC Root', isCa: true, isSelfSigned: true, keyAlgorithm: 'ML-DSA', keySizeBits: undefined, signatureAlgorithm: 'ML-DSA-87' });
const pqcLeaf = certificateEvidence({ subject: 'CN=pq.example.test', keyAlgorithm: 'ML-DSA', keySizeBits: undefined, signatureAlgorithm: 'ML-DSA-87' });
const recurring = { previousScans: [daysAgo(10), daysAgo(20)] };

describe(assessor.id, () => {
  it('caps G.2 at 1 and G.4 at 2 for an estate without inventory or automation', () => {
    expect(pick(assessWith(assessor, []))).toEqual(['ext:pqc:2 cap 1', 'ext:pqc:4 cap 2']);
  });

  it('caps G.2 at 2 without a CBOM, and reports the PQ indicators', () => {
    const statements = assessWith(assessor, [certificateEvidence({ isCa: true, notAfter: '2040-01-01T00:00:00Z' }), tlsEndpointEvidence({ keyExchange: { type: 'ECDH', group: 'X25519MLKEM768' } })]);
    expect(pick(statements)[0]).toBe('ext:pqc:2 cap 2');
    const texts = statements[0]!.reasons.map((r) => r.text);
    expect(texts).toContain('PQ-2: 1 quantum-vulnerable certificate(s) stay valid after 2030 (1 CA).');
    expect(texts).toContain('PQ-3: 1 of 1 TLS 1.3 endpoints negotiated hybrid ML-KEM key exchange.');
  });

  it('supports G.2 at 3, G.3 at 4 and G.4 at 4 for a PQC-ready estate', () => {
    const policy = policyWith({ name: 'cnsa2' });
    const statements = assessWith(assessor, [pqcCa, pqcLeaf], { policy, facts: { ...recurring, attestations: { 'cbom-exported': true } } });
    expect(pick(statements)).toEqual(['ext:pqc:2 support 3', 'ext:pqc:3 support 4', 'ext:pqc:4 support 4']);
  });

  it('supports G.4 at 3 for a PQC test hierarchy not yet deployed', () => {
    const statements = assessWith(assessor, [pqcCa], { facts: { ...recurring, attestations: { 'cbom-exported': true } } });
    expect(pick(statements)).toContain('ext:pqc:4 support 3');
  });

  it('reports PQ-6 platform PQC capability when platforms are in a capability table', () => {
    const table = { sources: ['https://vendor.example/notes'], table: 'pqc.yaml' };
    const items = [
      platformEvidence({ product: 'openssl', version: '3.5.1', role: 'library', pqc: { capable: true, capabilities: ['ML-KEM'], ...table } }),
      platformEvidence({ product: 'openssl', version: '3.0.13', role: 'library', name: 'old', pqc: { capable: false, capabilities: [], upgradeTo: { version: '3.5', capabilities: ['ML-KEM'] }, ...table } }),
      platformEvidence(),
    ];
    const texts = assessWith(assessor, items)[0]!.reasons.map((r) => r.text);
    expect(texts).toContain('PQ-6: 1 of 2 platform(s) in the PQC capability table are PQC-capable at their version.');
    expect(assessWith(assessor, [certificateEvidence()])[0]!.reasons.map((r) => r.text).some((t) => t.startsWith('PQ-6'))).toBe(false);
  });
});
