/**
 * Precertificates (with the CT poison extension) must never be deployed: they are log artefacts, not certificates
 * (RFC 6962 §3.1: the poison extension makes them unusable by relying parties).
 *
 * Requirement: deployment uses the final certificate (PKIMM 7.3 lifecycle); a precertificate in a file or on an
 * endpoint means the deployment pipeline grabbed the wrong object.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-not-precertificate',
  title: 'Deployed certificates are not CT precertificates',
  description: 'Flags certificates carrying the CT poison extension (precertificates) found in files or on endpoints.',
  severity: 'high',
  pkimm: ['7.3'],
  references: ['RFC 6962 §3.1', 'RFC 9162 §3.2'],
  remediation: 'Deploy the final certificate the CA returned (with embedded SCTs) instead of the precertificate.',
  docs: 'Precertificates seen only in CT logs are CT evidence (ct-log-entry), not certificate evidence, and are not judged here.',
  messages: { poison: 'The certificate is a CT precertificate and cannot be used by clients.' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate: (cert) => (cert.data.precertificate === true ? fail('poison') : pass()),
});
