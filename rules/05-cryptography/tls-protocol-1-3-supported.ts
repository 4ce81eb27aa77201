/**
 * TLS endpoints should support TLS 1.3.
 *
 * Requirement: NIST SP 800-52 Rev 2 §3.1 requires servers to support TLS 1.3 from 2024-01-01; RFC 9325 §3.1.1
 * recommends it. TLS 1.3 is also the prerequisite for hybrid post-quantum key exchange (PKIMM 5.3, 5.6; analysis
 * §4.7 PQ-3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'tls-protocol-1-3-supported',
  title: 'TLS endpoints support TLS 1.3',
  description: 'Flags TLS endpoints that did not negotiate TLS 1.3 with a client offering it, or rejected it when offered alone.',
  severity: 'low',
  pkimm: ['5.3'],
  references: ['NIST SP 800-52 Rev 2 §3.1', 'RFC 9325 §3.1.1', 'RFC 8446'],
  remediation: 'Enable TLS 1.3 in the server or load balancer (OpenSSL ≥ 1.1.1).',
  docs: 'An endpoint that negotiated TLS 1.3 passes. If the version probe could not test TLS 1.3 (untestable or network error) and no handshake was made, the check is not applicable.',
  messages: { missing: '{{host}}:{{port}} does not support TLS 1.3 (negotiated {{protocol}}).' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => {
    const probe = endpoint.data.protocolVersions?.['TLSv1.3']?.outcome;
    return endpoint.data.protocol !== undefined || probe === 'accepted' || probe === 'rejected';
  },
  evaluate(endpoint) {
    const { host, port, protocol, protocolVersions } = endpoint.data;
    const probe = protocolVersions?.['TLSv1.3']?.outcome;
    if (protocol === 'TLSv1.3' || probe === 'accepted') return pass();
    return fail('missing', { host, port, protocol: protocol ?? 'nothing' });
  },
});
