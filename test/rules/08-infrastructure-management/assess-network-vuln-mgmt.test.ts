import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/08-infrastructure-management/assess-network-vuln-mgmt.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, daysAgo } from '../helpers.js';

describe(assessor.id, () => {
  it('is insufficient without endpoints or CA configurations', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 3 for ESC8 and for weak TLS on PKI services', () => {
    expect(kinds(assessWith(assessor, [caConfigEvidence({ product: 'adcs', observations: [{ code: 'adcs-esc8', message: 'web enrollment over HTTP with NTLM' }] })]))).toEqual(['cap 3']);
    const pkiHost = tlsEndpointEvidence({ host: 'vault.example.test', port: 8200, protocol: 'TLSv1' });
    expect(kinds(assessWith(assessor, [caConfigEvidence(), pkiHost]))).toEqual(['cap 3']);
  });

  it('supports 3 without findings when scans are monthly', () => {
    expect(kinds(assessWith(assessor, [caConfigEvidence()], { facts: { previousScans: [daysAgo(20), daysAgo(40)] } }))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, [caConfigEvidence()]))).toEqual(['insufficient']);
  });
});
