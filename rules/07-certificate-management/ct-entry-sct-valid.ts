/**
 * SCTs embedded in CT-logged certificates must verify against their log's key.
 *
 * Requirement: RFC 6962 §3.2 and §5.2 (clients verify SCT signatures); an invalid SCT makes Chrome and Safari reject
 * the certificate (PKIMM 7.3 lifecycle).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ct-entry-sct-valid',
  title: 'Embedded SCTs of CT-logged certificates verify',
  description: 'Flags CT log entries whose final certificate carries an SCT with an invalid signature. Entries without checked SCTs are not applicable.',
  severity: 'medium',
  pkimm: ['7.3'],
  references: ['RFC 6962 §3.2', 'RFC 6962 §5.2', 'Chrome Certificate Transparency Policy'],
  remediation: 'Ask the CA to re-issue the certificate with valid SCTs.',
  docs: 'SCTs of unknown logs or unsupported algorithms are not judged.',
  messages: { invalid: '{{count}} embedded SCT(s) of the certificate for {{names}} have invalid signatures ({{logs}}).' },
  scope: 'item',
  appliesTo: 'ct-log-entry',
  applies: (entry) => (entry.data.embeddedScts ?? []).some((s) => s.status === 'valid' || s.status === 'invalid'),
  evaluate(entry) {
    const invalid = (entry.data.embeddedScts ?? []).filter((s) => s.status === 'invalid');
    if (invalid.length === 0) return pass();
    return fail('invalid', { count: invalid.length, names: entry.data.dnsNames.slice(0, 3).join(', '), logs: invalid.map((s) => s.logName ?? s.logId).join(', ') });
  },
});
