/**
 * End-entity extended key usages must be consistent: no anyExtendedKeyUsage, and serverAuth not combined with
 * codeSigning, emailProtection, timeStamping or OCSPSigning.
 *
 * Requirement: CA/B Forum TLS BR §7.1.2.7.10 (anyExtendedKeyUsage MUST NOT appear; other purposes alongside
 * serverAuth are forbidden or not recommended); RFC 5280 §4.2.1.12; one purpose per certificate is part of sound
 * profiles (PKIMM 7.1).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const ANY = new Set(['anyExtendedKeyUsage', '2.5.29.37.0']);
const SERVER_AUTH = new Set(['serverAuth', '1.3.6.1.5.5.7.3.1']);
const CONFLICTING: Readonly<Record<string, string>> = {
  codeSigning: 'codeSigning',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  emailProtection: 'emailProtection',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  timeStamping: 'timeStamping',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  OCSPSigning: 'OCSPSigning',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
};

export default defineRule({
  id: 'cert-eku-consistent',
  title: 'End-entity certificates have a consistent extended key usage',
  description: 'Flags end-entity certificates with anyExtendedKeyUsage, or with serverAuth combined with code signing, e-mail, time stamping or OCSP signing.',
  severity: 'medium',
  pkimm: ['7.1'],
  references: ['CABF TLS BR §7.1.2.7.10', 'RFC 5280 §4.2.1.12'],
  remediation: 'Issue separate certificates per purpose and remove anyExtendedKeyUsage from the profile.',
  docs: 'CA certificates are not applicable (their EKU constrains subordinates and is judged elsewhere).',
  messages: {
    any: 'The certificate asserts anyExtendedKeyUsage.',
    mixed: 'The certificate combines serverAuth with {{others}}.',
  },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isCa && cert.data.extendedKeyUsage.length > 0,
  evaluate(cert) {
    const ekus = cert.data.extendedKeyUsage;
    if (ekus.some((e) => ANY.has(e))) return fail('any');
    if (!ekus.some((e) => SERVER_AUTH.has(e))) return pass();
    const others = [...new Set(ekus.flatMap((e) => (Object.hasOwn(CONFLICTING, e) ? [CONFLICTING[e]!] : [])))];
    return others.length === 0 ? pass() : fail('mixed', { others: others.join(', ') });
  },
});
