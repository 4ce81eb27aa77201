import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../model/pkimm/load-model.js';
import certRsaKeyMin2048 from '../../rules/05-cryptography/cert-rsa-key-min-2048.js';
import { assess } from '../../src/engine/assess.js';
import { evaluateGate } from '../../src/gate/gate.js';
import { BUILTIN_PROFILES } from '../../src/policy/builtin-profiles.js';
import { buildReport } from '../../src/report/build-report.js';
import { NOW, certificateEvidence, scanFacts } from '../helpers/evidence.js';

const weak = certificateEvidence({ subject: 'CN=legacy', keySizeBits: 1024 }, { target: 'legacy.example.test:443' });
const weak2 = certificateEvidence({ subject: 'CN=other', keySizeBits: 1024 }, { target: 'other.example.test:443' });
const model = builtinModel('1.1.0');
const waiver = { rule: 'cert-rsa-key-min-2048', target: 'legacy.*', owner: 'A. Person', reason: 'appliance replaced in Q1', expires: '2027-01-31' };

function report(waivers: (typeof waiver)[]) {
  const out = assess({ model, evidence: [weak, weak2], facts: scanFacts(), rules: [certRsaKeyMin2048], assessors: [], waivers });
  return buildReport({ model, assessment: out.assessment, generatedAt: NOW, results: out.results, evidence: [weak, weak2], rules: [certRsaKeyMin2048], assessors: [], waivers: out.waivers });
}

describe('assess with waivers', () => {
  it('keeps waived failures visible as waived, outside findings and the gate', () => {
    const r = report([waiver]);
    expect(r.findings.map((f) => f.target)).toEqual(['other.example.test:443']);
    expect(r.waived?.map((w) => ({ target: w.target, owner: w.waiver.owner }))).toEqual([{ target: 'legacy.example.test:443', owner: 'A. Person' }]);
    expect(r.summary.findings.high).toBe(1);
    expect(r.summary.waived).toBe(1);
    expect(r.results.filter((x) => x.status === 'fail')).toHaveLength(2);
    expect(evaluateGate(r, { maxFindings: { high: 1 } }).passed).toBe(true);
  });

  it('an expired waiver stops silencing and is reported', () => {
    const r = report([{ ...waiver, expires: '2026-11-01' }]);
    expect(r.findings).toHaveLength(2);
    expect(r.waived).toEqual([]);
    expect(r.waivers?.expired[0]?.message).toBe('waiver #1 (owner A. Person) for cert-rsa-key-min-2048 expired on 2026-11-01; 1 failed result(s) are no longer waived');
    expect(evaluateGate(r, { maxFindings: { high: 1 } }).passed).toBe(false);
  });

  it('passes the policy to the checks', () => {
    const out = assess({ model, evidence: [weak], facts: scanFacts(), rules: [certRsaKeyMin2048], assessors: [], policy: BUILTIN_PROFILES['cabf-tls'] });
    expect(out.results[0]?.status).toBe('fail');
    expect(out.waivers).toEqual({ waived: [], expired: [], unused: [] });
  });

  it('lists coverage per requirement with the checks that inform it', () => {
    const r = report([]);
    expect(r.coverage?.find((c) => c.ref110 === '5.2')).toEqual({ ref: '5.2', ref110: '5.2', coverage: 'manual', assessors: [], checks: ['cert-rsa-key-min-2048'] });
    expect(r.coverage).toHaveLength(model.requirements.length);
  });
});
