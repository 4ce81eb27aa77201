/**
 * A published CRL must be signed by its issuing CA: a CRL whose signature does not verify with the issuer's key is
 * the wrong object (or a tampered one), and relying parties reject it.
 *
 * Requirement: RFC 5280 §6.3.3 (CRL validation); the published repository returns the right objects (PKIMM 16.2
 * information disclosure, 7.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'crl-signature-valid',
  title: 'CRLs verify with their issuer\'s key',
  description: 'Flags fetched CRLs whose signature does not verify with the issuer certificate. CRLs whose issuer certificate was not available are not applicable.',
  severity: 'high',
  pkimm: ['16.2', '7.3'],
  references: ['RFC 5280 §6.3.3', 'RFC 5280 §5.1.1.3'],
  remediation: 'Republish the CRL signed by the right CA key; check the distribution point serves this CA\'s CRL (not another CA\'s or a stale copy).',
  docs: 'The collector verifies with the certificate whose name and key identifier match the CRL issuer.',
  messages: { invalid: 'CRL {{source}} of {{issuer}} does not verify with the issuer certificate.' },
  scope: 'item',
  appliesTo: 'crl',
  applies: (crl) => crl.data.status === 'fetched' && crl.data.signature !== 'issuer-unknown',
  evaluate(crl) {
    if (crl.data.status !== 'fetched' || crl.data.signature === 'valid') return pass();
    return fail('invalid', { source: crl.data.url ?? crl.data.file ?? crl.target, issuer: crl.data.issuer });
  },
});
