/**
 * TLS endpoints need not send the self-signed root: clients must already have it (RFC 8446 §4.4.2: the trust anchor
 * "MAY be omitted"; RFC 5246 §7.4.2 likewise).
 *
 * Requirement: a tidy deployment (PKIMM 7.3). Sending the root wastes bytes on every handshake and, with several
 * candidate roots, can make clients build the path to an old one.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'tls-chain-root-not-served',
  title: 'TLS endpoints do not send the self-signed root',
  description: 'Flags TLS endpoints that send a self-signed certificate after the leaf. Single-certificate chains are not applicable.',
  severity: 'low',
  pkimm: ['7.3'],
  references: ['RFC 8446 §4.4.2', 'RFC 5246 §7.4.2'],
  remediation: 'Remove the root from the served chain file.',
  docs: 'A self-signed leaf is judged by cert-leaf-not-self-signed, not here.',
  messages: { root: '{{host}}:{{port}} sends the root {{subject}} in its chain.' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => endpoint.data.chain.length >= 2,
  evaluate(endpoint, ctx) {
    const root = endpoint.data.chain
      .slice(1)
      .map((sha) => ctx.certificate(sha)?.data)
      .find((cert) => cert?.isSelfSigned === true);
    return root === undefined ? pass() : fail('root', { host: endpoint.data.host, port: endpoint.data.port, subject: root.subject });
  },
});
