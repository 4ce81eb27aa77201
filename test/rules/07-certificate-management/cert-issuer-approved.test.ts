import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-issuer-approved.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { policyWith, resultFor } from '../helpers.js';

const issuerCa = certificateEvidence({ subject: 'CN=Example Issuing CA,O=Example', issuer: 'CN=Root', isCa: true, subjectKeyIdentifier: 'aa' });
const byName = policyWith({ name: 'reg', cas: { approved: ['CN=Example Issuing CA*'] } });
const byFingerprint = policyWith({ name: 'reg', cas: { approved: [issuerCa.data.sha256] } });

describe(rule.id, () => {
  it('passes issuers on the list, by name or by the observed issuer\'s fingerprint', () => {
    expect(resultFor(rule, certificateEvidence(), [], { policy: byName }).status).toBe('pass');
    expect(resultFor(rule, certificateEvidence({ authorityKeyIdentifier: 'aa' }), [issuerCa], { policy: byFingerprint }).status).toBe('pass');
  });

  it('flags other issuers', () => {
    expect(resultFor(rule, certificateEvidence({ issuer: 'CN=Shadow CA' }), [], { policy: byName }).message).toBe(
      'Issuer CN=Shadow CA is not on the approved-CA list of policy profile "reg".',
    );
    expect(resultFor(rule, certificateEvidence(), [], { policy: byFingerprint }).status).toBe('fail');
  });

  it('is not applicable without a register or for self-signed roots', () => {
    expect(resultFor(rule, certificateEvidence()).status).toBe('not-applicable');
    expect(resultFor(rule, certificateEvidence({ isSelfSigned: true, isCa: true }), [], { policy: byName }).status).toBe('not-applicable');
  });
});
