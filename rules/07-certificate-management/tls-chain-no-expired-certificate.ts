/**
 * No certificate a TLS endpoint serves may be expired, intermediates included.
 *
 * Requirement: RFC 5280 §6.1.3 (every certificate on the path must be valid at the time of validation); an expired
 * intermediate still served after its successor was issued is a missed lifecycle task (PKIMM 4.3 recurring activities,
 * 7.3 lifecycle). The leaf is also covered by cert-not-expired.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'tls-chain-no-expired-certificate',
  title: 'TLS endpoints serve no expired certificate',
  description: 'Flags TLS endpoints whose served chain contains a certificate that has expired (or is not yet valid) at the scan time.',
  severity: 'high',
  pkimm: ['7.3', '4.3'],
  references: ['RFC 5280 §6.1.3', 'RFC 8446 §4.4.2'],
  remediation: 'Replace the expired certificate in the served chain (usually an old intermediate) with the current one from the CA.',
  docs: 'Certificates the scan could not parse are skipped. The served root, if any, is judged like any other certificate.',
  messages: { expired: '{{host}}:{{port}} serves {{subject}} (position {{position}}), which {{state}} {{date}}.' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint, ctx) => endpoint.data.chain.some((sha) => ctx.certificate(sha) !== undefined),
  evaluate(endpoint, ctx) {
    const now = ctx.now.getTime();
    for (const [position, sha] of endpoint.data.chain.entries()) {
      const cert = ctx.certificate(sha)?.data;
      if (cert === undefined) continue;
      const { host, port } = endpoint.data;
      if (Date.parse(cert.notAfter) < now) return fail('expired', { host, port, subject: cert.subject, position, state: 'expired', date: cert.notAfter });
      if (Date.parse(cert.notBefore) > now) return fail('expired', { host, port, subject: cert.subject, position, state: 'is not valid before', date: cert.notBefore });
    }
    return pass();
  },
});
