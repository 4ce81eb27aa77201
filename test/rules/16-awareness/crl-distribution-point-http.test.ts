import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../model/evidence.js';
import rule from '../../../rules/16-awareness/crl-distribution-point-http.js';
import { NOW } from '../../helpers/evidence.js';
import { crlEvidence, resultFor } from '../helpers.js';

const ldap: Evidence<'crl'> = {
  id: 'crl:ldap',
  kind: 'crl',
  collector: 'crl',
  target: 'ldap://dc.corp.test/CN=CA',
  observedAt: NOW.toISOString(),
  data: { status: 'not-fetched', source: 'cdp', url: 'ldap://dc.corp.test/CN=CA', scheme: 'ldap', reason: 'unsupported-scheme', sourceCertificates: [] },
};

describe(rule.id, () => {
  it('passes fetched CRLs', () => {
    expect(resultFor(rule, crlEvidence()).status).toBe('pass');
  });

  it('flags LDAP-only distribution points', () => {
    expect(resultFor(rule, ldap).message).toBe('CRL distribution point ldap://dc.corp.test/CN=CA uses LDAP, which relying parties outside the directory cannot reach.');
  });
});
