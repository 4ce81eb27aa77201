/**
 * Informational: certificates relying on quantum-vulnerable keys (RSA, ECDSA, EdDSA, DSA) that stay valid after
 * 2030-12-31 (analysis §4.7 indicator PQ-2, the input to a Mosca assessment).
 *
 * Requirement: the PQC readiness extension asks for the long-lived quantum-vulnerable population to be known,
 * especially roots and intermediates (PKIMM 5.5 lifecycle, 5.6 agility; NIST IR 8547 (draft): quantum-vulnerable
 * signatures deprecated after 2030, disallowed after 2035).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { isQuantumVulnerable } from '../../src/engine/rule-helpers.js';

const HORIZON = '2030-12-31T23:59:59Z';
const DISALLOWED = '2035-12-31T23:59:59Z';

export default defineRule({
  id: 'cert-quantum-vulnerable-long-lived',
  title: 'Quantum-vulnerable certificates valid after 2030 are known',
  description: 'Lists (as info) certificates with RSA, EC, EdDSA or DSA keys whose notAfter is after 2030-12-31; post-quantum and hybrid certificates pass.',
  severity: 'info',
  pkimm: ['5.5', '5.6'],
  references: ['NIST IR 8547 (draft) §4.1', 'NSA CNSA 2.0 (2022)', 'RFC 9881'],
  remediation: 'Plan the migration of these certificates (roots and intermediates first) to ML-DSA or composite certificates, or shorten their validity.',
  docs: 'Informational; it feeds the PQC relevance statements and the quantum-exposure context. Past 2035-12-31 the message says so.',
  messages: {
    beyond2030: '{{key}} certificate valid until {{notAfter}}, after the 2030 deprecation horizon for quantum-vulnerable algorithms.',
    beyond2035: '{{key}} certificate valid until {{notAfter}}, after the 2035 disallowance horizon for quantum-vulnerable algorithms.',
  },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => isQuantumVulnerable(cert.data),
  evaluate(cert) {
    const notAfter = Date.parse(cert.data.notAfter);
    const key = cert.data.keyAlgorithm;
    if (notAfter > Date.parse(DISALLOWED)) return fail('beyond2035', { key, notAfter: cert.data.notAfter });
    if (notAfter > Date.parse(HORIZON)) return fail('beyond2030', { key, notAfter: cert.data.notAfter });
    return pass();
  },
});
