/**
 * A TLS endpoint should send its chain in order: leaf first, then each certificate's issuer.
 *
 * Requirement: RFC 5246 §7.4.2 requires the order for TLS 1.2 ("each following certificate MUST directly certify the
 * one preceding it"); RFC 8446 §4.4.2 relaxes it for TLS 1.3 but keeps the leaf first. Older clients reject
 * out-of-order chains (PKIMM 7.3 deployment).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'tls-chain-order-correct',
  title: 'TLS endpoints serve their chain in order',
  description: 'Flags TLS endpoints where a served certificate is not issued by the certificate after it (by name). Chains of one certificate, or with certificates the scan could not parse, are not applicable.',
  severity: 'medium',
  pkimm: ['7.3'],
  references: ['RFC 5246 §7.4.2', 'RFC 8446 §4.4.2'],
  remediation: 'Order the chain file leaf → intermediate(s) → (optional) root, and remove certificates that do not belong to the chain.',
  docs: 'Compares issuer and subject names of consecutive served certificates.',
  messages: { disorder: '{{host}}:{{port}}: served certificate {{position}} ({{subject}}) is not issued by the next one ({{next}}).' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint, ctx) => endpoint.data.chain.length >= 2 && endpoint.data.chain.every((sha) => ctx.certificate(sha) !== undefined),
  evaluate(endpoint, ctx) {
    const certs = endpoint.data.chain.map((sha) => ctx.certificate(sha)!.data);
    for (let i = 0; i + 1 < certs.length; i++) {
      const cert = certs[i]!;
      const next = certs[i + 1]!;
      if (cert.isSelfSigned || cert.issuer !== next.subject) {
        return fail('disorder', { host: endpoint.data.host, port: endpoint.data.port, position: i, subject: cert.subject, next: next.subject });
      }
    }
    return pass();
  },
});
