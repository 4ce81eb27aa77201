/**
 * Informational: whether any observed certificate uses a post-quantum or hybrid algorithm (ML-DSA, SLH-DSA, ML-KEM,
 * composite ML-DSA) — analysis §4.7 indicator PQ-4.
 *
 * Requirement: PQC readiness (PKIMM 5.6 crypto agility; PQC extension G.4 "PQC or hybrid hierarchy observed").
 * RFC 9881 (ML-DSA in X.509), RFC 9909 (SLH-DSA in X.509).
 */
import type { AnyEvidence, Evidence } from '../../model/evidence.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { isPqcCertificate } from '../../src/engine/rule-helpers.js';

const isCertificate = (item: AnyEvidence): item is Evidence<'certificate'> => item.kind === 'certificate';

export default defineRule({
  id: 'cert-pqc-algorithms-present',
  title: 'Post-quantum or hybrid certificates are in use',
  description: 'Reports (as info) when none of the observed certificates uses ML-DSA, SLH-DSA, ML-KEM or a composite ML-DSA algorithm.',
  severity: 'info',
  pkimm: ['5.6'],
  references: ['RFC 9881', 'FIPS 204', 'FIPS 205', 'draft-ietf-lamps-pq-composite-sigs'],
  remediation: 'Stand up a PQC or composite test hierarchy and issue pilot certificates, so that the migration path is exercised.',
  docs: 'A set check: it passes as soon as one PQC or hybrid certificate is observed. Scans without certificates are not applicable.',
  messages: { none: 'None of the {{certificates}} observed certificates uses a post-quantum or hybrid algorithm.' },
  scope: 'set',
  appliesTo: ['certificate'],
  applies: (items) => items.some(isCertificate),
  evaluate(items) {
    const certificates = items.filter(isCertificate);
    return certificates.some((cert) => isPqcCertificate(cert.data)) ? pass() : fail('none', { certificates: certificates.length });
  },
});
