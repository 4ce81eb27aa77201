/**
 * A TLS endpoint must serve a certificate chain that validates against the trust anchors its clients use.
 *
 * Why: a chain that does not validate (missing intermediate, unknown or private root not distributed, expired or
 * revoked link) makes clients fail or train users to click through warnings. It shows that issuance, deployment and
 * trust-store management are not under lifecycle control (PKIMM 7.3). RFC 5280 §6 defines path validation; RFC 8446
 * §4.4.2 requires the server to send the chain its clients need.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'tls-chain-trusted',
  title: 'TLS endpoints serve a chain that validates',
  description:
    'Flags TLS endpoints whose served chain did not validate against the trust anchors the probe used. Endpoints that served no certificate are not applicable.',
  severity: 'high',
  pkimm: ['7.3'],
  references: ['RFC 5280 §6', 'RFC 8446 §4.4.2', 'RFC 5246 §7.4.2'],
  remediation:
    'Serve the full chain up to (not including) a root your clients trust, replace expired or revoked links, and distribute private roots to every client trust store.',
  messages: { untrusted: '{{host}}:{{port}} serves a chain that does not validate: {{error}}.' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => endpoint.data.chain.length > 0,
  evaluate(endpoint) {
    const { host, port, chainTrusted, trustError } = endpoint.data;
    return chainTrusted ? pass() : fail('untrusted', { host, port, error: trustError ?? 'no reason reported' });
  },
});
