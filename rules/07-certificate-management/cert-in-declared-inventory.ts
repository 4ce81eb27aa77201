/**
 * Every valid certificate the scan observes should be in the organisation's declared inventory (matched by SHA-256
 * fingerprint, else issuer and serial), when an inventory was imported.
 *
 * Requirement: PKIMM 7.4 certificate inventory (analysis `inv_match`: observed certificates unknown to the inventory);
 * each unknown certificate is one finding, so known exceptions can be waived one by one.
 */
import { issuerSerialKey, normaliseSha256 } from '../../model/identifiers.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-in-declared-inventory',
  title: 'Observed certificates are in the declared inventory',
  description: 'Flags valid certificates (not self-signed roots) that no record of the declared inventory names. Not applicable without an imported inventory.',
  severity: 'low',
  pkimm: ['7.4'],
  references: ['NIST SP 1800-16B §2.2', 'NIST SP 800-57 Pt 2 Rev 1 §3'],
  remediation: 'Add the certificate (owner, location, state) to the inventory, or remove it if it should not exist.',
  docs: 'The set figure (inv_match) is in the 7.4 assessor; this check lists the individual certificates.',
  messages: { unknown: 'Certificate {{subject}} (issuer {{issuer}}, serial {{serial}}) is not in the declared inventory {{source}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => ctx.inventory?.declaredInventory !== undefined && !(cert.data.isCa && cert.data.isSelfSigned) && Date.parse(cert.data.notAfter) >= ctx.now.getTime(),
  evaluate(cert, ctx) {
    const inventory = ctx.inventory!.declaredInventory!;
    const fingerprint = normaliseSha256(cert.data.sha256) ?? cert.data.sha256;
    const known = [...inventory.sha256].some((s) => (normaliseSha256(s) ?? s) === fingerprint) || inventory.issuerSerial.has(issuerSerialKey(cert.data.issuer, cert.data.serialNumberHex));
    return known ? pass() : fail('unknown', { subject: cert.data.subject, issuer: cert.data.issuer, serial: cert.data.serialNumberHex, source: inventory.source });
  },
});
