/**
 * The certificate a TLS endpoint serves must match the name clients use to reach it.
 *
 * Requirement: RFC 9525 §6 (service identity verification) and RFC 2818 §3.1; a mismatch means clients fail or are
 * told to ignore the error, and shows certificates deployed without an inventory of what they must cover (PKIMM 7.3,
 * 7.4).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'tls-hostname-matches',
  title: 'TLS endpoints serve a certificate for their name',
  description: 'Flags TLS endpoints whose leaf certificate does not match the host name (or SNI) the probe connected with. Endpoints where the match could not be judged are not applicable.',
  severity: 'high',
  pkimm: ['7.3'],
  references: ['RFC 9525 §6', 'RFC 2818 §3.1', 'RFC 6125 §6'],
  remediation: 'Re-issue the certificate with the missing name in its subjectAltName, or fix the SNI/virtual-host configuration that serves the wrong certificate.',
  docs: 'IP-address targets match only IP SANs.',
  messages: { mismatch: '{{host}}:{{port}} serves a certificate that does not cover {{name}}.' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => endpoint.data.hostnameMatches !== undefined,
  evaluate(endpoint) {
    const { host, port, serverName, hostnameMatches } = endpoint.data;
    return hostnameMatches === true ? pass() : fail('mismatch', { host, port, name: serverName ?? host });
  },
});
