/**
 * RSA keys must not be factorable with Fermat's method (primes too close together).
 *
 * Requirement: CAs reject keys with known weaknesses (CA/B Forum TLS BR §6.1.1.3; CVE-2022-26320, Böck 2022: keys
 * from flawed generators whose p and q share their upper half). A factorable key is a compromised key: PKIMM 10.2
 * treats it as a PKI-specific security finding.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-key-not-fermat-factorable',
  title: 'RSA keys are not factorable with Fermat\'s method',
  description: 'Flags RSA certificates whose modulus the parser factored with Fermat\'s method within 100 rounds: the private key is known to anyone.',
  severity: 'critical',
  pkimm: ['5.2', '10.2', '6.4'],
  references: ['CABF TLS BR §6.1.1.3', 'CVE-2022-26320', 'NIST SP 800-57 Pt 1 Rev 5 §5.3'],
  remediation: 'Treat the key as compromised: revoke the certificate, replace the key generator (firmware or library), generate a new key and re-issue.',
  docs: 'Reads the parser\'s `rsaWeaknesses` signal `fermat`. Certificates with other key types are not applicable.',
  messages: { factorable: 'The RSA modulus factors with Fermat\'s method: the private key is compromised.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.keyAlgorithm === 'RSA',
  evaluate: (cert) => (cert.data.rsaWeaknesses?.includes('fermat') === true ? fail('factorable') : pass()),
});
