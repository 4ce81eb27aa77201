/**
 * CA certificates must carry a subject key identifier (RFC 5280 §4.2.1.2: "this extension MUST appear in all
 * conforming CA certificates").
 *
 * Requirement: profiles conform to RFC 5280 (PKIMM 7.1); without a SKI, path building across re-keyed or cross-signed
 * CAs is unreliable.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-ca-subject-key-identifier-present',
  title: 'CA certificates have a subject key identifier',
  description: 'Flags CA certificates without the subjectKeyIdentifier extension.',
  severity: 'low',
  pkimm: ['7.1'],
  references: ['RFC 5280 §4.2.1.2', 'CABF TLS BR §7.1.2.10'],
  remediation: 'Add the subjectKeyIdentifier (method 1 of RFC 5280 or RFC 7093) to the CA certificate profile and re-issue.',
  docs: 'End-entity certificates are not applicable.',
  messages: { missing: 'CA certificate {{subject}} has no subject key identifier.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.isCa,
  evaluate: (cert) => (cert.data.subjectKeyIdentifier === undefined ? fail('missing', { subject: cert.data.subject }) : pass()),
});
