/**
 * Informational: whether TLS 1.3 endpoints negotiate a hybrid or pure ML-KEM key exchange (X25519MLKEM768,
 * SecP256r1MLKEM768, SecP384r1MLKEM1024, MLKEM512/768/1024) — analysis §4.7 indicator PQ-3 — and whether any still
 * uses the obsolete X25519Kyber768Draft00.
 *
 * Requirement: PQC readiness of key exchange against harvest-now-decrypt-later (PKIMM 5.6 crypto agility;
 * draft-ietf-tls-ecdhe-mlkem; FIPS 203).
 */
import type { AnyEvidence, Evidence } from '../../model/evidence.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { OBSOLETE_PQC_TLS_GROUPS, PQC_TLS_GROUPS, tlsGroupKey } from '../../src/engine/rule-helpers.js';

const isTls13 = (item: AnyEvidence): item is Evidence<'tls-endpoint'> => item.kind === 'tls-endpoint' && item.data.protocol === 'TLSv1.3';
const groupOf = (endpoint: Evidence<'tls-endpoint'>): string => tlsGroupKey(endpoint.data.keyExchange?.group ?? '');

export default defineRule({
  id: 'tls-hybrid-pqc-key-exchange',
  title: 'TLS 1.3 endpoints negotiate hybrid post-quantum key exchange',
  description: 'Reports (as info) when no TLS 1.3 endpoint negotiated an ML-KEM hybrid group, and when any negotiated the obsolete Kyber draft group.',
  severity: 'info',
  pkimm: ['5.6', '5.3'],
  references: ['draft-ietf-tls-ecdhe-mlkem', 'FIPS 203', 'RFC 8446 §4.2.7'],
  remediation: 'Enable X25519MLKEM768 (OpenSSL ≥ 3.5, BoringSSL, Go ≥ 1.24) on TLS 1.3 endpoints; replace X25519Kyber768Draft00.',
  docs: 'A set check over TLS 1.3 endpoints: the negotiated group depends on what this scanner offered, so "none" may also mean that the scanner\'s TLS library offered no hybrid group.',
  messages: {
    none: 'None of the {{endpoints}} TLS 1.3 endpoints negotiated a hybrid post-quantum key exchange.',
    obsolete: '{{count}} of {{endpoints}} TLS 1.3 endpoints negotiated the obsolete X25519Kyber768Draft00 group.',
  },
  scope: 'set',
  appliesTo: ['tls-endpoint'],
  applies: (items) => items.some(isTls13),
  evaluate(items) {
    const endpoints = items.filter(isTls13);
    const obsolete = endpoints.filter((e) => OBSOLETE_PQC_TLS_GROUPS.has(groupOf(e))).length;
    if (obsolete > 0) return fail('obsolete', { count: obsolete, endpoints: endpoints.length });
    return endpoints.some((e) => PQC_TLS_GROUPS.has(groupOf(e))) ? pass() : fail('none', { endpoints: endpoints.length });
  },
});
