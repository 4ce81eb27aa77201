import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ca-profile-revocation-pointers.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

const DAY = 86_400;

describe(rule.id, () => {
  it.each([
    { name: 'CDP and OCSP', profile: {}, status: 'pass' },
    { name: 'OCSP only', profile: { includesCrlDistributionPoint: false }, status: 'pass' },
    { name: 'neither', profile: { includesCrlDistributionPoint: false, includesOcspUrl: false }, status: 'fail' },
    { name: 'neither, 1-day certificates', profile: { includesCrlDistributionPoint: false, includesOcspUrl: false, maxValiditySeconds: DAY, defaultValiditySeconds: DAY }, status: 'pass' },
    { name: 'not stated', profile: { includesCrlDistributionPoint: undefined, includesOcspUrl: undefined }, status: 'not-applicable' },
  ])('$name → $status', ({ profile, status }) => {
    const result = resultFor(rule, caConfigEvidence({ profiles: [caProfile(profile)] }));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('vault pki_int/: profile web-server issues certificates without a CRL distribution point or OCSP URL.');
  });
});
