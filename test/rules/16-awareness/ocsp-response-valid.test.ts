import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../model/evidence.js';
import rule from '../../../rules/16-awareness/ocsp-response-valid.js';
import { NOW } from '../../helpers/evidence.js';
import { ocspEvidence, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'good response', data: {}, status: 'pass', message: undefined },
    { name: 'tryLater', data: { responseStatus: 'tryLater' }, status: 'fail', message: 'OCSP responder http://ocsp.example.test answered tryLater.' },
    { name: 'bad signature', data: { signature: 'invalid' as const }, status: 'fail', message: 'OCSP response (http://ocsp.example.test) for serial 0A1B2C3D is not signed by an authorised responder (signature invalid).' },
    { name: 'unauthorised delegate', data: { signer: 'delegated' as const, signerAuthorized: false }, status: 'fail', message: 'OCSP response (http://ocsp.example.test) for serial 0A1B2C3D is not signed by an authorised responder (the signer is not authorised for this CA).' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, ocspEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable to missing-staple observations', () => {
    const missing: Evidence<'ocsp-response'> = { id: 'ocsp:missing', kind: 'ocsp-response', collector: 'ocsp', target: 'www:443', observedAt: NOW.toISOString(), data: { status: 'missing-staple', source: 'stapled', endpoint: 'www:443', certificate: 'ab', mustStaple: true } };
    expect(resultFor(rule, missing).status).toBe('not-applicable');
  });
});
