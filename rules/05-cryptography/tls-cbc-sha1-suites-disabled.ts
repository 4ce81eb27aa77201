/**
 * TLS endpoints should not offer CBC suites with HMAC-SHA1 (legacy TLS 1.0-era suites).
 *
 * Requirement: RFC 9325 §4.2 recommends only AEAD suites for TLS 1.2; NIST SP 800-52 Rev 2 §3.3.1 lists the CBC
 * suites as acceptable only for interoperability. A modern baseline shows a maintained protocol policy (PKIMM 5.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** OpenSSL names of CBC suites with SHA-1 MAC end in "-SHA"; IANA names end in "_CBC_SHA". */
const CBC_SHA1 = /(^|[-_])(AES\d*|CAMELLIA\d*|SEED|ARIA\d*)(-CBC)?-SHA$|_CBC_SHA$/i;

export default defineRule({
  id: 'tls-cbc-sha1-suites-disabled',
  title: 'TLS endpoints do not offer CBC-SHA1 cipher suites',
  description: 'Flags TLS endpoints that negotiated, or accepted when offered alone, CBC cipher suites with an HMAC-SHA1 MAC.',
  severity: 'low',
  pkimm: ['5.3'],
  references: ['RFC 9325 §4.2', 'NIST SP 800-52 Rev 2 §3.3.1'],
  remediation: 'Offer only AEAD suites (AES-GCM, ChaCha20-Poly1305) for TLS 1.2, and TLS 1.3.',
  docs: 'Not applicable when neither a negotiated TLS 1.2 suite nor the weak-suite probe result is known.',
  messages: {
    negotiated: '{{host}}:{{port}} negotiated {{cipher}}, a CBC suite with SHA-1.',
    accepted: '{{host}}:{{port}} accepts CBC suites with SHA-1.',
  },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => endpoint.data.cipher !== undefined || endpoint.data.weakSuites?.['CBC-SHA1'] !== undefined,
  evaluate(endpoint) {
    const { host, port, cipher, weakSuites } = endpoint.data;
    if (cipher !== undefined && CBC_SHA1.test(cipher)) return fail('negotiated', { host, port, cipher });
    return weakSuites?.['CBC-SHA1']?.outcome === 'accepted' ? fail('accepted', { host, port }) : pass();
  },
});
