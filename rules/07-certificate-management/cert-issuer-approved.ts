/**
 * Certificates must be issued by a CA on the organisation's approved-CA register (policy profile `cas.approved`:
 * issuer-DN globs or CA certificate fingerprints), when the profile declares one.
 *
 * Requirement: the organisation knows and registers every PKI and CA issuing for it; issuers outside the register are
 * "shadow" CAs (PKIMM 7.7 organisation PKI governance; analysis §4.5 M.7.7 caps on unregistered CAs).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { findIssuer } from '../../src/engine/rule-helpers.js';
import { isApprovedIssuer } from '../../src/policy/classify.js';

export default defineRule({
  id: 'cert-issuer-approved',
  title: 'Certificates come from an approved CA',
  description: 'Flags certificates whose issuer matches no entry of the policy profile\'s approved-CA list. Not applicable to self-signed roots or when the profile lists no approved CAs.',
  severity: 'medium',
  pkimm: ['7.7'],
  references: ['NIST SP 1800-16B §2.2 (certificate authority inventory)', 'RFC 8659 (CAA)'],
  remediation: 'Register the CA (after review) or replace the certificate with one from an approved CA; retire shadow CAs.',
  docs: 'The issuer certificate\'s fingerprint is used when the issuer was observed in the same scan, so fingerprint entries work for intermediates served on endpoints or found in files.',
  messages: { unapproved: 'Issuer {{issuer}} is not on the approved-CA list of policy profile "{{profile}}".' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => ctx.policy.cas.approved.length > 0 && !cert.data.isSelfSigned,
  evaluate(cert, ctx) {
    const issuerCert = findIssuer(cert.data, ctx.items('certificate'));
    return isApprovedIssuer(ctx.policy, cert.data.issuer, issuerCert?.sha256) ? pass() : fail('unapproved', { issuer: cert.data.issuer, profile: ctx.policy.name });
  },
});
