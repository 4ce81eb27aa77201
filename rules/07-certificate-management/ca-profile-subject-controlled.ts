/**
 * A profile that lets the requester choose the subject or SANs (ADCS ENROLLEE_SUPPLIES_SUBJECT, Vault
 * `allow_any_name`) must not also issue authentication certificates without manager approval.
 *
 * Requirement: profile enforcement (PKIMM 7.1; analysis §4.5 M.7.1 "ADCS ESC1 ... Vault allow_any_name=true"). This is
 * the ESC1 pattern of SpecterOps' "Certified Pre-Owned" (2021): any enrollee can obtain a certificate that
 * authenticates as anyone, e.g. a domain admin.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

/** EKUs that authenticate a client: clientAuth, smart-card logon, PKINIT client, any purpose. */
const AUTHENTICATION = new Set(['clientAuth', '1.3.6.1.5.5.7.3.2', 'smartcardLogon', '1.3.6.1.4.1.311.20.2.2', 'pkinitClientAuth', '1.3.6.1.5.2.3.4', 'anyExtendedKeyUsage', '2.5.29.37.0']);

export default defineRule({
  id: 'ca-profile-subject-controlled',
  title: 'Profiles with requester-chosen subjects issue no authentication certificates',
  description: 'Flags profiles where the enrollee supplies the subject or SANs, the issued certificates can authenticate clients (or have no EKU restriction), and no manager approval or extra signature is required.',
  severity: 'high',
  pkimm: ['7.1', '10.2'],
  references: ['SpecterOps "Certified Pre-Owned" (2021) ESC1', 'Microsoft KB5014754', 'RFC 5280 §4.2.1.12'],
  remediation: 'Build the subject from the directory (ADCS) or restrict allowed_domains (Vault), remove client-authentication EKUs, or require manager approval.',
  docs: 'Only profiles that state `subject.enrolleeSuppliesSubject` are applicable.',
  messages: { open: '{{name}}: profile {{profile}} lets the requester choose the subject of {{usage}} certificates without approval.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.profiles.some((p) => p.subject?.enrolleeSuppliesSubject !== undefined),
  evaluate(config) {
    for (const profile of config.data.profiles) {
      if (profile.subject?.enrolleeSuppliesSubject !== true || profile.approvalRequired === true || (profile.authorizedSignatures ?? 0) > 0) continue;
      const ekus = profile.extendedKeyUsage;
      const authenticating = ekus === undefined || ekus.length === 0 || ekus.some((e) => AUTHENTICATION.has(e));
      if (authenticating) return fail('open', { name: config.data.name, profile: profile.name, usage: ekus === undefined || ekus.length === 0 ? 'any-purpose' : 'client-authentication' });
    }
    return pass();
  },
});
