import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { REQUIREMENT_MAP } from '../../model/pkimm/version-map.js';
import { builtInAssessors, builtInRules } from '../../rules/index.js';
import { assess } from '../../src/engine/assess.js';
import { NOW, certificateEvidence, scanFacts, tlsEndpointEvidence } from '../helpers/evidence.js';

const evidence = [certificateEvidence(), certificateEvidence({ subject: 'CN=b', keySizeBits: 1024 }), tlsEndpointEvidence()];

describe('assessor refs across model versions', () => {
  it('every check and assessor names requirements of model 1.1.0', () => {
    const refs = new Set(REQUIREMENT_MAP.map((r) => r.ref110));
    for (const rule of builtInRules) for (const ref of rule.pkimm) expect(refs.has(ref), `${rule.id} → ${ref}`).toBe(true);
    for (const a of builtInAssessors) expect(refs.has(a.pkimm), `${a.id} → ${a.pkimm}`).toBe(true);
  });

  it.each(['1.0.0', '1.1.0', '2.0.0'])('statements land on the %s requirement of the same 1.1.0 ref', (version) => {
    const model = builtinModel(version);
    const { assessment, statements } = assess({ model, evidence, facts: scanFacts({ now: NOW }) });
    for (const s of statements) {
      if (s.ref.startsWith('ext:')) continue;
      const target = Object.values(assessment.requirements).find((r) => r.ref110 === s.ref);
      const mapping = REQUIREMENT_MAP.find((m) => m.ref110 === s.ref);
      const inModel = version === '1.1.0' || (version === '1.0.0' ? mapping?.ref100 !== undefined : mapping?.slug200 !== undefined);
      if (!inModel) {
        expect(target, `${s.ref} is not in ${version}`).toBeUndefined();
        continue;
      }
      expect(target?.automated?.assessors, `${s.assessor} → ${s.ref} in ${version}`).toContain(s.assessor);
    }
    const inventory = Object.values(assessment.requirements).find((r) => r.ref110 === '7.4');
    expect(inventory?.ref).toBe(version === '2.0.0' ? 'certificate-management/cert-inventory' : version === '1.0.0' ? REQUIREMENT_MAP.find((m) => m.ref110 === '7.4')?.ref100 : '7.4');
    expect(inventory?.source).toBe('automated');
  });
});
