/**
 * A TLS endpoint must send every intermediate certificate between its leaf and a trust anchor.
 *
 * Requirement: RFC 8446 §4.4.2 and RFC 5246 §7.4.2 (the server sends the chain its clients need); CA/B Forum TLS BR
 * places the duty on the subscriber. Clients without AIA chasing (most non-browser clients) fail on an incomplete
 * chain: a deployment defect of the certificate lifecycle (PKIMM 7.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** OpenSSL verification errors that mean "the issuer of some certificate was not available". */
const MISSING_ISSUER = new Set(['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

export default defineRule({
  id: 'tls-chain-complete',
  title: 'TLS endpoints serve a complete chain',
  description: 'Flags TLS endpoints whose chain failed validation because an issuer certificate was missing (OpenSSL UNABLE_TO_GET_ISSUER_CERT*, UNABLE_TO_VERIFY_LEAF_SIGNATURE). Endpoints that served no certificate are not applicable.',
  severity: 'high',
  pkimm: ['7.3'],
  references: ['RFC 8446 §4.4.2', 'RFC 5246 §7.4.2', 'RFC 5280 §6'],
  remediation: 'Configure the server with the full chain file (leaf followed by every intermediate, e.g. certbot\'s fullchain.pem).',
  docs: 'A chain that fails for another reason (expired link, unknown root) passes here and fails tls-chain-trusted or tls-chain-no-expired-certificate.',
  messages: { incomplete: '{{host}}:{{port}} serves {{served}} certificate(s) without the intermediate that issued {{subject}} ({{error}}).' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => endpoint.data.chain.length > 0,
  evaluate(endpoint, ctx) {
    const { host, port, chain, chainTrusted, trustError } = endpoint.data;
    if (chainTrusted || trustError === undefined || !MISSING_ISSUER.has(trustError)) return pass();
    const last = ctx.certificate(chain[chain.length - 1]!);
    return fail('incomplete', { host, port, served: chain.length, subject: last?.data.subject ?? 'the last served certificate', error: trustError });
  },
});
