/**
 * Serial numbers must be positive, at most 20 octets (RFC 5280 §4.1.2.2), and carry at least 64 bits (8 octets), as
 * CA/B Forum TLS BR §7.1 requires of CSPRNG-generated serials.
 *
 * Requirement: issuance follows the profile (PKIMM 7.1). Short or sequential serials (openssl ca with a serial file)
 * make certificates predictable, the precondition of the 2008 MD5 collision attack on RapidSSL.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

const MIN_OCTETS = 8;
const MAX_OCTETS = 20;

export default defineRule({
  id: 'cert-serial-number-valid',
  title: 'Serial numbers are positive, random-length and at most 20 octets',
  description: 'Flags certificates (except self-signed roots) whose serial number is zero, has fewer than 8 octets or more than 20 octets.',
  severity: 'low',
  pkimm: ['7.1'],
  references: ['RFC 5280 §4.1.2.2', 'CABF TLS BR §7.1'],
  remediation: 'Configure the CA to generate serials from a CSPRNG with at least 64 bits of output (e.g. openssl ca -create_serial / rand_serial).',
  docs: 'Octets are counted on the minimal encoding (a leading 00 added for the sign is not counted).',
  messages: {
    zero: 'Serial number is zero.',
    short: 'Serial number {{serial}} has {{octets}} octet(s); at least {{min}} are expected.',
    long: 'Serial number has {{octets}} octets; RFC 5280 allows at most {{max}}.',
  },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert) => !cert.data.isSelfSigned,
  evaluate(cert) {
    const hex = cert.data.serialNumberHex.replace(/^(00)+(?=..)/, '');
    if (/^0+$/.test(hex)) return fail('zero');
    const octets = Math.ceil(hex.length / 2);
    if (octets > MAX_OCTETS) return fail('long', { octets, max: MAX_OCTETS });
    return octets < MIN_OCTETS ? fail('short', { serial: hex, octets, min: MIN_OCTETS }) : pass();
  },
});
