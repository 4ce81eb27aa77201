/**
 * A security.txt must carry exactly one Expires field, in the future and (recommended) less than a year ahead, so that
 * stale contact data is not trusted.
 *
 * Requirement: RFC 9116 §2.5.5. PKIMM 16.3 single point of contact: a contact is only useful while it is current.
 */
import { DAY_MS } from '../../src/engine/rule-helpers.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const ID = 'security-txt-not-expired';

export default defineRule({
  id: ID,
  title: 'security.txt is not expired and expires within a year',
  description: 'Flags security.txt files without exactly one valid Expires field, with an Expires date in the past, or more than maxDaysAhead days ahead.',
  severity: 'low',
  pkimm: ['16.3'],
  references: ['RFC 9116 §2.5.5'],
  remediation: 'Set Expires to a date less than a year ahead (RFC 3339, e.g. 2027-06-01T00:00:00Z) and renew the file before it passes.',
  options: { maxDaysAhead: { default: 365, description: 'Most days an Expires date may lie ahead of the scan (RFC 9116 recommends less than a year).' } },
  docs: 'Applies to files that were found. The date is read as RFC 3339; a value JavaScript cannot parse counts as invalid.',
  messages: {
    missing: 'The security.txt of {{domain}} has no Expires field.',
    several: 'The security.txt of {{domain}} has {{count}} Expires fields; RFC 9116 allows one.',
    invalid: 'The security.txt of {{domain}} has an unreadable Expires value "{{value}}".',
    expired: 'The security.txt of {{domain}} expired on {{expires}}.',
    'too-far': 'The security.txt of {{domain}} expires on {{expires}}, {{days}} days ahead (more than {{max}}).',
  },
  scope: 'item',
  appliesTo: 'security-txt',
  applies: (item) => item.data.fields !== undefined,
  evaluate({ data }, ctx) {
    const values = data.fields?.expires ?? [];
    const domain = data.domain;
    if (values.length === 0) return fail('missing', { domain });
    if (values.length > 1) return fail('several', { domain, count: values.length });
    const value = values[0]!;
    const expires = Date.parse(value);
    if (Number.isNaN(expires)) return fail('invalid', { domain, value: value.slice(0, 60) });
    if (expires <= ctx.now.getTime()) return fail('expired', { domain, expires: value });
    const { maxDaysAhead } = ctx.options(ID, { maxDaysAhead: 365 });
    const days = (expires - ctx.now.getTime()) / DAY_MS;
    if (days > maxDaysAhead) return fail('too-far', { domain, expires: value, days: Math.floor(days), max: maxDaysAhead });
    return pass();
  },
});
