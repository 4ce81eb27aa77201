import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ca-profile-signature-not-weak.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { algorithms: ['SHA256WithRSA', 'ecdsa-with-SHA384'], status: 'pass', message: undefined },
    { algorithms: ['SHA1WithRSA'], status: 'fail', message: 'vault pki_int/: profile web-server signs with SHA1WithRSA (SHA-1 is prohibited by policy profile "default").' },
    { algorithms: ['md5'], status: 'fail', message: 'vault pki_int/: profile web-server signs with md5 (MD5 is prohibited by policy profile "default").' },
    { algorithms: ['sha3-256'], status: 'pass', message: undefined },
    { algorithms: [], status: 'not-applicable', message: undefined },
  ])('$algorithms → $status', ({ algorithms, status, message }) => {
    const result = resultFor(rule, caConfigEvidence({ profiles: [caProfile({ signatureAlgorithms: algorithms })] }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
