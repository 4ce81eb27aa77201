import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/08-infrastructure-management/assess-infra-documentation.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, policyWith } from '../helpers.js';

const internal = certificateEvidence({ policyOids: [], crlUrls: ['http://crl.example.test/a.crl'], ocspUrls: ['http://ocsp.example.test'], caIssuerUrls: ['http://aia.example.test/ca.cer'] });
const documented = (units: { id: string; kind: 'dns-zone' | 'host' | 'ca'; match: string }[]) => policyWith({ name: 'doc', scope: { units: units.map((u) => ({ ...u, critical: false })) } });

describe(assessor.id, () => {
  it('is insufficient without a declared component list', () => {
    expect(kinds(assessWith(assessor, [internal]))).toEqual(['insufficient']);
  });

  it('supports 3 when every discovered component is documented', () => {
    const policy = documented([{ id: 'pki', kind: 'dns-zone', match: 'example.test' }, { id: 'vault', kind: 'ca', match: 'vault*' }]);
    expect(kinds(assessWith(assessor, [internal, caConfigEvidence()], { policy }))).toEqual(['support 3']);
  });

  it('caps at 3 for a few and at 2 for many undocumented components', () => {
    const most = documented([{ id: 'crl', kind: 'host', match: 'crl.example.test' }, { id: 'ocsp', kind: 'host', match: 'ocsp.example.test' }, { id: 'aia', kind: 'host', match: 'aia.example.test' }, { id: 'vault-host', kind: 'host', match: 'vault.example.test' }]);
    const second = certificateEvidence({ subject: 'CN=b', policyOids: [], crlUrls: ['http://crl2.example.test/b.crl'], ocspUrls: [], caIssuerUrls: [] });
    expect(kinds(assessWith(assessor, [internal, second, caConfigEvidence()], { policy: most }))).toEqual(['cap 3']);
    const little = documented([{ id: 'crl', kind: 'host', match: 'crl.example.test' }]);
    expect(kinds(assessWith(assessor, [internal, caConfigEvidence()], { policy: little }))).toEqual(['cap 2']);
  });
});
