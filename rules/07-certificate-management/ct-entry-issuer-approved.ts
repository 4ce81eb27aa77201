/**
 * Certificates logged in Certificate Transparency for the organisation's domains must come from an approved CA (policy
 * profile `cas.approved`), when it keeps a register.
 *
 * Requirement: CT monitoring for misissuance (RFC 6962 §1; PKIMM 7.7 governance: "public issuers for declared domains";
 * 13.5 critical alerting: "an unknown-issuer CT entry for a declared domain"). An unexpected issuer is either shadow IT
 * or misissuance.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { isApprovedIssuer } from '../../src/policy/classify.js';

export default defineRule({
  id: 'ct-entry-issuer-approved',
  title: 'CT-logged certificates for declared domains come from approved CAs',
  description: 'Flags CT log entries matching the configured domains whose issuer is not on the approved-CA list. Not applicable without a register or to expired entries.',
  severity: 'high',
  pkimm: ['7.7', '13.5'],
  references: ['RFC 6962 §1', 'RFC 9162', 'RFC 8659 (CAA)'],
  remediation: 'Find who requested the certificate; revoke it if it is misissued, or register the CA and restrict issuance with CAA records.',
  docs: 'Matches the issuer DN against `cas.approved` globs and the issuer certificate fingerprint, when the log entry carries it.',
  messages: { unapproved: 'CT entry for {{names}} was issued by {{issuer}}, which is not on the approved-CA list.' },
  scope: 'item',
  appliesTo: 'ct-log-entry',
  applies: (entry, ctx) => ctx.policy.cas.approved.length > 0 && entry.data.matchedDomains.length > 0 && Date.parse(entry.data.notAfter) >= ctx.now.getTime(),
  evaluate(entry, ctx) {
    const { issuer, issuerSha256, dnsNames } = entry.data;
    if (isApprovedIssuer(ctx.policy, issuer, issuerSha256)) return pass();
    return fail('unapproved', { names: dnsNames.slice(0, 3).join(', ') || '(no DNS names)', issuer });
  },
});
