/**
 * DNS names in subjectAltName must be valid host names: LDH labels of 1–63 characters, at most 253 characters in all,
 * no empty label or trailing dot, no underscore, and a wildcard only as the entire left-most label of a name with at
 * least two more labels.
 *
 * Requirement: RFC 5280 §4.2.1.6 (preferred name syntax of RFC 1034 §3.5), CA/B Forum TLS BR §7.1.2.7.12 (no
 * underscores; wildcard rules), RFC 9525 §6.3 (wildcard in the left-most label only); PKIMM 7.1 profiles.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { dnsNames } from '../../src/engine/rule-helpers.js';

const LABEL = /^(xn--)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Why a DNS name is invalid, or undefined when it is valid. */
function problem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 253) return 'is longer than 253 characters';
  if (name.endsWith('.')) return 'ends with a dot';
  const labels = name.split('.');
  if (labels.some((l) => l.includes('_'))) return 'contains an underscore';
  const [first, ...rest] = labels;
  if (first === '*') {
    if (rest.length < 2) return 'has a wildcard directly above a top-level domain';
  } else if (first?.includes('*') === true || rest.some((l) => l.includes('*'))) {
    return 'has a wildcard that is not the entire left-most label';
  }
  const invalid = (first === '*' ? rest : labels).find((l) => !LABEL.test(l));
  return invalid === undefined ? undefined : `has an invalid label "${invalid}"`;
}

export default defineRule({
  id: 'cert-san-dns-names-valid',
  title: 'DNS names in certificates are valid host names',
  description: 'Flags certificates with a DNS subject alternative name that is not a valid host name (bad characters, underscore, empty or over-long label, misplaced wildcard).',
  severity: 'medium',
  pkimm: ['7.1'],
  references: ['RFC 5280 §4.2.1.6', 'RFC 1034 §3.5', 'CABF TLS BR §7.1.2.7.12', 'RFC 9525 §6.3'],
  remediation: 'Re-issue with valid host names; fix the CA profile or RA validation that accepted the request.',
  docs: 'Internationalised names must appear in their A-label (xn--) form. Certificates without DNS names are not applicable.',
  messages: { invalid: 'DNS name "{{name}}" {{problem}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => dnsNames(cert.data).length > 0,
  evaluate(cert) {
    for (const name of dnsNames(cert.data)) {
      const why = problem(name);
      if (why !== undefined) return fail('invalid', { name, problem: why });
    }
    return pass();
  },
});
