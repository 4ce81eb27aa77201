/**
 * A valid certificate logged in CT for the organisation's domains should also be found by discovery (on an endpoint,
 * in a file, secret or cloud store).
 *
 * Requirement: discovery covers the estate (PKIMM 7.5 discovery, 7.4 inventory: CT is the independent list the
 * analysis uses for `ct_match`). A CT-logged certificate no collector saw is either deployed outside the scanned scope
 * or issued and never used.
 */
import { issuerSerialKey } from '../../model/identifiers.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { groupedBy } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'ct-entry-observed',
  title: 'Valid CT-logged certificates are found by discovery',
  description: 'Flags valid CT log entries for the configured domains that match no certificate observed by another collector (by fingerprint or issuer + serial).',
  severity: 'low',
  pkimm: ['7.5', '7.4'],
  references: ['RFC 6962 §3', 'NIST SP 1800-16B §2.2'],
  remediation: 'Extend discovery to where the certificate is deployed, or revoke it if it is not used.',
  docs: 'Precertificate-only entries are matched by issuer and serial, which the final certificate shares.',
  messages: { unseen: 'CT-logged certificate for {{names}} (serial {{serial}}) was not found by discovery.' },
  scope: 'item',
  appliesTo: 'ct-log-entry',
  applies: (entry, ctx) => entry.data.matchedDomains.length > 0 && Date.parse(entry.data.notAfter) >= ctx.now.getTime(),
  evaluate(entry, ctx) {
    const { sha256, issuer, serialNumberHex, dnsNames } = entry.data;
    const key = issuerSerialKey(issuer, serialNumberHex);
    const certificates = ctx.items('certificate');
    const byKey = groupedBy(certificates, 'issuer+serial', (c) => issuerSerialKey(c.data.issuer, c.data.serialNumberHex));
    const seen = (sha256 !== undefined && ctx.certificate(sha256) !== undefined) || byKey.has(key);
    return seen ? pass() : fail('unseen', { names: dnsNames.slice(0, 3).join(', ') || '(no DNS names)', serial: serialNumberHex });
  },
});
