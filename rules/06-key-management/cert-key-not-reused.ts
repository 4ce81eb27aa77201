/**
 * A public key should belong to one subject: certificates with different subjects must not share a key pair
 * (compared by the SHA-256 of the SubjectPublicKeyInfo). Certificates of the same subject sharing a key (a renewal
 * without re-keying) are not flagged here.
 *
 * Why: one key behind several identities multiplies the impact of its compromise, makes revocation and rotation
 * all-or-nothing, and shows that key generation and re-keying are not controlled (NIST SP 800-57 Pt 1 Rev 5 §5.2 and
 * §5.3; PKIMM 6.4 key lifecycle). This file lives in category 06 (key management) because the registry requires the
 * folder to match one of the check's PKIMM refs.
 */
import type { AnyEvidence, Evidence } from '../../model/evidence.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const isCertificate = (item: AnyEvidence): item is Evidence<'certificate'> => item.kind === 'certificate';

export default defineRule({
  id: 'cert-key-not-reused',
  title: 'Certificates with different subjects do not share a public key',
  description:
    'Flags the scan when one public key (by SubjectPublicKeyInfo SHA-256) appears in distinct certificates with different subjects. Scans with fewer than two certificates are not applicable.',
  severity: 'medium',
  pkimm: ['6.4'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §5.2', 'NIST SP 800-57 Pt 1 Rev 5 §5.3'],
  remediation: 'Generate a new key pair for each subject (and on every renewal where possible), re-issue the affected certificates and revoke the old ones.',
  messages: { sharedKeys: '{{keys}} public key(s) are shared by {{certificates}} certificates with different subjects.' },
  scope: 'set',
  appliesTo: ['certificate'],
  applies: (items) => new Set(items.filter(isCertificate).map((cert) => cert.data.sha256)).size >= 2,
  evaluate(items) {
    /** spkiSha256 → (certificate sha256 → subject). */
    const byKey = new Map<string, Map<string, string>>();
    for (const cert of items.filter(isCertificate)) {
      const certs = byKey.get(cert.data.spkiSha256) ?? new Map<string, string>();
      certs.set(cert.data.sha256, cert.data.subject);
      byKey.set(cert.data.spkiSha256, certs);
    }
    let keys = 0;
    let certificates = 0;
    for (const certs of byKey.values()) {
      if (new Set(certs.values()).size < 2) continue;
      keys += 1;
      certificates += certs.size;
    }
    return keys === 0 ? pass() : fail('sharedKeys', { keys, certificates });
  },
});
