import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/13-monitoring-and-auditing/assess-critical-alerting.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { ctEntryEvidence, policyWith } from '../helpers.js';

const expired = certificateEvidence({ notAfter: '2026-11-01T00:00:00Z' });
const served = tlsEndpointEvidence({ chain: [expired.data.sha256] });
const alerting = { attestations: { 'critical-alerting': true }, sourceTypes: ['crtsh', 'tls-endpoint'] };

describe(assessor.id, () => {
  it('caps at 2 for critical events without attested alerting', () => {
    expect(kinds(assessWith(assessor, [expired, served]))).toEqual(['cap 2']);
  });

  it('caps at 3 when CT detection took more than 7 days', () => {
    const policy = policyWith({ name: 'reg', cas: { approved: ['CN=Example*'] } });
    const late = ctEntryEvidence({ issuer: 'CN=Rogue CA', loggedAt: '2026-11-01T00:00:00Z' });
    expect(kinds(assessWith(assessor, [late], { policy, facts: alerting }))).toEqual(['cap 3']);
  });

  it('supports 4 with attested alerting and CT monitoring', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()], { facts: alerting }))).toEqual(['support 4']);
  });

  it('states nothing firm otherwise', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['insufficient']);
  });
});
