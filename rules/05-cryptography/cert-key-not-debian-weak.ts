/**
 * RSA keys must not be on the Debian weak-key lists (OpenSSL on Debian 2006–2008 generated keys from a 15-bit seed).
 *
 * Requirement: CAs reject known weak keys (CA/B Forum TLS BR §6.1.1.3 names the Debian weak keys explicitly;
 * CVE-2008-0166). Such a key is compromised (PKIMM 10.2).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'cert-key-not-debian-weak',
  title: 'RSA keys are not Debian weak keys',
  description: 'Flags RSA certificates whose modulus is on a Debian openssl-blacklist list (CVE-2008-0166), when the scan was given such a list.',
  severity: 'critical',
  pkimm: ['5.2', '10.2', '6.4'],
  references: ['CABF TLS BR §6.1.1.3', 'CVE-2008-0166'],
  remediation: 'Treat the key as compromised: revoke the certificate, generate a new key on a fixed system and re-issue.',
  docs: 'Reads the parser\'s `rsaWeaknesses` signal `debian-weak`, present only when a blacklist was supplied to the scan.',
  messages: { debianWeak: 'The RSA key is a Debian weak key (CVE-2008-0166): the private key is compromised.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => cert.data.keyAlgorithm === 'RSA',
  evaluate: (cert) => (cert.data.rsaWeaknesses?.includes('debian-weak') === true ? fail('debianWeak') : pass()),
});
