/**
 * A private key found at rest should belong to a certificate the scan also observed (an "orphan" key has none).
 *
 * Requirement: key inventory and lifecycle (PKIMM 6.2, 6.4; analysis §4.5 M.6.2 caps on orphan private keys): keys
 * left behind after a certificate was replaced or revoked still grant whatever the old certificate granted.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { groupedBy } from '../../src/engine/rule-helpers.js';

export default defineRule({
  id: 'key-has-certificate',
  title: 'Private keys at rest belong to an observed certificate',
  description: 'Flags private keys whose public key (SPKI SHA-256) matches no certificate in the scan. Keys whose public key could not be derived are not applicable.',
  severity: 'low',
  pkimm: ['6.2', '6.4'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §8.3.4', 'NIST SP 1800-16B §3'],
  remediation: 'Find the owner; delete the key securely if its certificate is gone, or add the certificate to the scan scope.',
  docs: 'Only certificates in the same scan count, so a narrow scan scope produces orphans that are not real: widen the scope before deleting keys.',
  messages: { orphan: '{{location}} holds a private key with no matching certificate in the scan.' },
  scope: 'item',
  appliesTo: 'private-key',
  applies: (key) => key.data.spkiSha256 !== undefined,
  evaluate(key, ctx) {
    const spki = key.data.spkiSha256!.toLowerCase();
    return groupedBy(ctx.items('certificate'), 'spki', (c) => c.data.spkiSha256.toLowerCase()).has(spki) ? pass() : fail('orphan', { location: key.data.location });
  },
});
