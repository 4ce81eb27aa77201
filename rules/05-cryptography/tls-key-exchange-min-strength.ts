/**
 * The ephemeral key exchange of a TLS handshake must give at least 112-bit security: finite-field DH groups of at
 * least 2048 bits, elliptic-curve groups of at least 256 bits (X25519 and X448 included).
 *
 * Requirement: NIST SP 800-52 Rev 2 §3.3.1 and SP 800-57 Pt 1 Rev 5 Table 2; RFC 7919 (FFDHE ≥ 2048), the Logjam
 * attack on 512/1024-bit DH (PKIMM 5.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { PQC_TLS_GROUPS, tlsGroupKey } from '../../src/engine/rule-helpers.js';

const MIN_DH_BITS = 2048;
const MIN_EC_BITS = 253;

export default defineRule({
  id: 'tls-key-exchange-min-strength',
  title: 'TLS key exchange groups give at least 112-bit security',
  description: 'Flags TLS endpoints that negotiated a DH group below 2048 bits or an EC group below 256 bits (X25519 counts as 256).',
  severity: 'medium',
  pkimm: ['5.3'],
  references: ['NIST SP 800-52 Rev 2 §3.3.1', 'RFC 7919', 'NIST SP 800-57 Pt 1 Rev 5 §5.6.1'],
  remediation: 'Configure ECDHE with X25519 or P-256 (and hybrid X25519MLKEM768 where supported), or FFDHE groups of 2048 bits or more.',
  docs: 'Hybrid post-quantum groups always pass. Not applicable when the handshake had no ephemeral key exchange or its size is unknown.',
  messages: { weak: '{{host}}:{{port}} negotiated {{type}} {{group}} with {{bits}} bits; the minimum is {{min}}.' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  applies: (endpoint) => endpoint.data.keyExchange?.sizeBits !== undefined,
  evaluate(endpoint) {
    const { host, port } = endpoint.data;
    const { type, group, sizeBits = 0 } = endpoint.data.keyExchange!;
    if (group !== undefined && PQC_TLS_GROUPS.has(tlsGroupKey(group))) return pass();
    const min = type.toUpperCase() === 'DH' ? MIN_DH_BITS : MIN_EC_BITS;
    return sizeBits >= min ? pass() : fail('weak', { host, port, type, group: group ?? '(unnamed group)', bits: sizeBits, min: type.toUpperCase() === 'DH' ? MIN_DH_BITS : 256 });
  },
});
