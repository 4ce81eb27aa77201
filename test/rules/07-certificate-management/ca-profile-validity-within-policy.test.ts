import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ca-profile-validity-within-policy.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

const DAY = 86_400;

describe(rule.id, () => {
  it('passes 90-day TLS profiles', () => {
    expect(resultFor(rule, caConfigEvidence()).status).toBe('pass');
  });

  it('flags a private TLS role allowing two years', () => {
    const config = caConfigEvidence({ profiles: [caProfile({ maxValiditySeconds: 730 * DAY })] });
    expect(resultFor(rule, config).message).toBe('vault pki_int/: profile web-server allows 730-day private TLS server certificates; policy profile "default" allows 398.');
  });

  it('judges a client of a public ACME CA by the public schedule', () => {
    const config = caConfigEvidence({
      product: 'cert-manager',
      role: 'client',
      name: 'ClusterIssuer/letsencrypt',
      ca: { url: 'https://acme-v02.api.letsencrypt.org/directory' },
      profiles: [caProfile({ name: 'Certificate/web', kind: 'certificate', maxValiditySeconds: undefined, defaultValiditySeconds: 365 * DAY })],
    });
    expect(resultFor(rule, config).message).toBe('ClusterIssuer/letsencrypt: profile Certificate/web allows 365-day public TLS server certificates; policy profile "default" allows 200.');
  });

  it('uses the CA class for CA profiles and the client class for clientAuth', () => {
    expect(resultFor(rule, caConfigEvidence({ profiles: [caProfile({ isCa: true, extendedKeyUsage: [], maxValiditySeconds: 3000 * DAY })] })).status).toBe('pass');
    expect(resultFor(rule, caConfigEvidence({ profiles: [caProfile({ extendedKeyUsage: ['clientAuth'], maxValiditySeconds: 800 * DAY })] })).status).toBe('pass');
  });

  it('is not applicable without stated validity', () => {
    expect(resultFor(rule, caConfigEvidence({ profiles: [caProfile({ maxValiditySeconds: undefined, defaultValiditySeconds: undefined })] })).status).toBe('not-applicable');
  });
});
