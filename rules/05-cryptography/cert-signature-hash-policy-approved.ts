/**
 * The hash of a certificate's signature algorithm must be approved by the policy profile. Self-signed roots are not
 * judged (relying parties do not verify a trust anchor's self-signature); algorithms with no separate hash (Ed25519,
 * ML-DSA) are not applicable.
 *
 * Requirement: signature hashes follow the approved list (PKIMM 5.2; NIST SP 800-131A Rev 2 §9: SHA-1 disallowed for
 * signature generation; CA/B Forum TLS BR §7.1.3.2).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { classifyHash } from '../../src/policy/classify.js';

export default defineRule({
  id: 'cert-signature-hash-policy-approved',
  title: 'Certificate signature hashes are approved by the policy profile',
  description:
    'Flags certificates (other than self-signed roots) signed with a hash the policy profile prohibits, deprecates or does not list.',
  severity: 'medium',
  pkimm: ['5.2', '7.2'],
  references: ['NIST SP 800-131A Rev 2 §9', 'CABF TLS BR §7.1.3.2', 'RFC 9155'],
  remediation: 'Re-issue with SHA-256 or stronger and remove weak hashes from the CA profiles.',
  docs: 'Complements cert-signature-no-sha1 (a fixed SHA-1/MD5 check) with the organisation\'s own list, including deprecated hashes such as SHA-224.',
  messages: {
    prohibited: 'Signed with {{hash}}, which policy profile "{{profile}}" prohibits.',
    pastSunset: 'Signed with {{hash}}, past its sunset date {{until}} in policy profile "{{profile}}".',
    deprecated: 'Signed with {{hash}}, which policy profile "{{profile}}" deprecates (sunset {{until}}).',
    unlisted: 'Signed with {{hash}}, which policy profile "{{profile}}" does not list.',
  },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.signatureHash !== undefined && !cert.data.isSelfSigned,
  evaluate(cert, ctx) {
    const hash = cert.data.signatureHash ?? '';
    const verdict = classifyHash(ctx.policy, hash, ctx.now);
    const data = { hash, profile: ctx.policy.name, until: verdict.until ?? 'not set' };
    switch (verdict.status) {
      case 'approved':
        return pass();
      case 'past-sunset':
        return fail('pastSunset', data);
      default:
        return fail(verdict.status, data);
    }
  },
});
