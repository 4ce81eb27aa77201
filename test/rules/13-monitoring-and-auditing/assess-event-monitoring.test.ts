import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/13-monitoring-and-auditing/assess-event-monitoring.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { daysAgo } from '../helpers.js';

const monitored = {
  sourceTypes: ['crl', 'crtsh', 'tls-endpoint'],
  targets: { 'tls-endpoint': { configured: 10, observed: 10 }, crl: { configured: 2, observed: 2 }, crtsh: { configured: 1, observed: 1 } },
  previousScans: [daysAgo(1)],
};

describe(assessor.id, () => {
  it('caps at 2 when no monitoring is present', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['cap 2']);
  });

  it('supports 3 for expiry, revocation and CT monitoring over the scope, 4 with CA and HSM health', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()], { facts: monitored }))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, [certificateEvidence()], { facts: { ...monitored, attestations: { 'ca-health-monitoring': true, 'hsm-monitoring': true } } }))).toEqual(['support 4']);
  });

  it('states nothing firm for partial monitoring', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()], { facts: { previousScans: [daysAgo(2)] } }))).toEqual(['insufficient']);
  });
});
