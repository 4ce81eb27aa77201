/**
 * Private-key files must be readable by their owner only (no group or other permission bits).
 *
 * Requirement: private keys are protected against unauthorised access at rest (PKIMM 6.4 key lifecycle; NIST
 * SP 800-57 Pt 1 Rev 5 §6.2.2 "confidentiality of private keys"; CA/B Forum TLS BR §6.2 for subscriber key protection
 * guidance).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'key-file-permissions-restrictive',
  title: 'Private-key files are readable by their owner only',
  description: 'Flags private keys found in files whose mode gives any permission to group or others (e.g. 0644). Keys without a file mode (keystores in secrets, cloud) are not applicable.',
  severity: 'high',
  pkimm: ['6.4', '10.2'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §6.2.2', 'CIS Distribution Independent Linux Benchmark §6.1'],
  remediation: 'chmod 0600 (or 0400) the key file, make the service account its owner, and rotate the key if others may have read it.',
  docs: 'Judges the octal file mode the collector recorded; it does not look at ACLs or the directory permissions.',
  messages: { open: '{{location}} has mode {{mode}}: group or others may access the private key.' },
  scope: 'item',
  appliesTo: 'private-key',
  applies: (key) => key.data.fileMode !== undefined && /^[0-7]{3,4}$/.test(key.data.fileMode),
  evaluate(key) {
    const mode = key.data.fileMode!;
    return (Number.parseInt(mode, 8) & 0o077) === 0 ? pass() : fail('open', { location: key.data.location, mode });
  },
});
