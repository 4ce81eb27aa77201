/**
 * A security.txt must name at least one Contact, as a mailto:, tel: or https: URI.
 *
 * Requirement: RFC 9116 §2.5.3 (Contact is required; a web URI must use https). PKIMM 16.3 single point of contact.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const USABLE = /^(mailto:[^@\s]+@[^@\s]+|tel:\+?[\d\-. ()]+|https:\/\/\S+)$/i;

export default defineRule({
  id: 'security-txt-contact',
  title: 'security.txt names a usable Contact',
  description: 'Flags security.txt files without a Contact field, or with a Contact that is not a mailto:, tel: or https: URI.',
  severity: 'medium',
  pkimm: ['16.3'],
  references: ['RFC 9116 §2.5.3'],
  remediation: 'Add "Contact: mailto:security@<domain>" (or a tel: or https: URI) and keep the mailbox monitored.',
  docs: 'Applies to files that were found. Whether the contact answers is for a person to test.',
  messages: {
    missing: 'The security.txt of {{domain}} names no Contact.',
    unusable: 'The security.txt of {{domain}} has Contact "{{value}}", which is not a mailto:, tel: or https: URI.',
  },
  scope: 'item',
  appliesTo: 'security-txt',
  applies: (item) => item.data.fields !== undefined,
  evaluate({ data }) {
    const contacts = data.fields?.contact ?? [];
    if (contacts.length === 0) return fail('missing', { domain: data.domain });
    const unusable = contacts.find((c) => !USABLE.test(c));
    return unusable === undefined ? pass() : fail('unusable', { domain: data.domain, value: unusable.slice(0, 80) });
  },
});
