/**
 * A domain's CAA records should name an `iodef` contact, where CAs report issuance requests the records forbid.
 *
 * Requirement: RFC 8659 §4.4 (iodef). PKIMM 16.3 single point of contact: "CAA iodef" is one of the discoverable
 * contacts.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'caa-iodef-present',
  title: 'CAA records name an iodef contact',
  description: 'Flags domains whose relevant CAA record set has no iodef property. Not applicable to domains without CAA records.',
  severity: 'info',
  pkimm: ['16.3'],
  references: ['RFC 8659 §4.4'],
  remediation: 'Add a CAA record such as `0 iodef "mailto:pki-security@example.org"` next to the issue records.',
  docs: 'CAs may (not must) report refused requests to the iodef URL; it is a cheap, public problem-reporting contact.',
  messages: { missing: 'The CAA records of {{domain}} (at {{foundAt}}) name no iodef contact.' },
  scope: 'item',
  appliesTo: 'dns-caa',
  applies: (item) => item.data.outcome === 'found',
  evaluate(item) {
    if (item.data.iodef.length > 0) return pass();
    return fail('missing', { domain: item.data.domain, foundAt: item.data.foundAt ?? item.data.domain });
  },
});
