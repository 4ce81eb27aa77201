/**
 * TLS endpoints must use an ephemeral key exchange (ECDHE, DHE, or TLS 1.3) and not accept static-RSA key transport.
 *
 * Requirement: forward secrecy (PKIMM 5.3; RFC 9325 §4.1 "implementations SHOULD NOT negotiate cipher suites based on
 * RSA key transport"; NIST SP 800-52 Rev 2 §3.3.1; analysis §4.2 `weak` includes static-RSA key exchange).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** Whether a negotiated suite is ephemeral, judged from its name when the collector did not say. */
function ephemeralByName(protocol: string | undefined, cipher: string | undefined): boolean | undefined {
  if (protocol === 'TLSv1.3') return true;
  if (cipher === undefined) return undefined;
  return /(^|[-_])(ECDHE|DHE|EDH)([-_]|$)/i.test(cipher);
}

export default defineRule({
  id: 'tls-forward-secrecy',
  title: 'TLS endpoints provide forward secrecy',
  description:
    'Flags TLS endpoints that negotiated a key exchange without forward secrecy, or accepted static-RSA suites when offered only those. Not applicable when the policy profile does not require forward secrecy.',
  severity: 'medium',
  pkimm: ['5.3'],
  references: ['RFC 9325 §4.1', 'NIST SP 800-52 Rev 2 §3.3.1', 'RFC 8446 §1.2'],
  remediation: 'Prefer ECDHE suites and disable TLS_RSA_WITH_* suites; enable TLS 1.3.',
  docs: 'Uses the collector\'s `forwardSecrecy` verdict, else the suite name; the `RSA-KX` family of the weak-suite probe shows whether static RSA is still accepted.',
  messages: {
    negotiated: '{{host}}:{{port}} negotiated {{cipher}}, a key exchange without forward secrecy.',
    accepted: '{{host}}:{{port}} accepts static-RSA key transport suites.',
  },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint, ctx) =>
    ctx.policy.tls.requireForwardSecrecy &&
    (endpoint.data.forwardSecrecy !== undefined || ephemeralByName(endpoint.data.protocol, endpoint.data.cipher) !== undefined || endpoint.data.weakSuites?.['RSA-KX'] !== undefined),
  evaluate(endpoint) {
    const { host, port, protocol, cipher, forwardSecrecy, weakSuites } = endpoint.data;
    if ((forwardSecrecy ?? ephemeralByName(protocol, cipher)) === false) return fail('negotiated', { host, port, cipher: cipher ?? 'an unnamed suite' });
    return weakSuites?.['RSA-KX']?.outcome === 'accepted' ? fail('accepted', { host, port }) : pass();
  },
});
