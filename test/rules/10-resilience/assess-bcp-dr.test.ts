import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/10-resilience/assess-bcp-dr.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, crlEvidence, ocspEvidence } from '../helpers.js';

const failure = { collector: 'ocsp', target: 'http://ocsp.example.test', code: 'timeout' as const, message: 'timed out' };

describe(assessor.id, () => {
  it('is insufficient without probes or CRL schedules', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['insufficient']);
  });

  it('supports 3 with full availability and redundant pointers', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence(), crlEvidence(), ocspEvidence()]))).toEqual(['support 3']);
  });

  it('caps at 2 when probes fail', () => {
    expect(kinds(assessWith(assessor, [crlEvidence()], { problems: [failure] }))).toEqual(['cap 2']);
  });

  it('caps at 3 for a CRL window shorter than twice the interval', () => {
    const config = caConfigEvidence({ revocation: { crl: { enabled: true, intervalSeconds: 7 * 86_400, overlapSeconds: 86_400 } } });
    expect(kinds(assessWith(assessor, [config]))).toEqual(['cap 3']);
  });
});
