import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/13-monitoring-and-auditing/assess-audit-trail.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { caConfigEvidence } from '../helpers.js';

describe(assessor.id, () => {
  it('states that issuance records are not available per certificate', () => {
    const statements = assessWith(assessor, [certificateEvidence({ policyOids: [] }), caConfigEvidence({ issued: { valid: 10 } })]);
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(firstReasons(statements)[0]).toBe(
      'Insufficient evidence: issuance records are not read per certificate (1 CA database count(s) available); a sample of 1 organisation-issued certificate(s) could be traced once they are.',
    );
  });
});
