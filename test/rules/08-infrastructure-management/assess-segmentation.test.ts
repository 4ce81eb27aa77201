import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/08-infrastructure-management/assess-segmentation.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence } from '../helpers.js';

describe(assessor.id, () => {
  it('is insufficient without endpoints or CA configurations, and states no support otherwise', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
    expect(kinds(assessWith(assessor, [tlsEndpointEvidence()]))).toEqual(['insufficient']);
  });

  it('caps at 3 for staging issuers or test certificates in production', () => {
    expect(kinds(assessWith(assessor, [caConfigEvidence({ role: 'client', ca: { url: 'https://acme-staging-v02.api.letsencrypt.org/directory', staging: true } })]))).toEqual(['cap 3']);
    const fake = certificateEvidence({ issuer: 'CN=(STAGING) Fake LE Intermediate X1' });
    expect(kinds(assessWith(assessor, [fake, tlsEndpointEvidence({ chain: [fake.data.sha256] })]))).toEqual(['cap 3']);
  });
});
