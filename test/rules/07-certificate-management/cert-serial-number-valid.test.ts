import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-serial-number-valid.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { serial: '0123456789ABCDEF01', status: 'pass', message: undefined },
    { serial: '00F123456789ABCDEF', status: 'pass', message: undefined },
    { serial: '03', status: 'fail', message: 'Serial number 03 has 1 octet(s); at least 8 are expected.' },
    { serial: '00', status: 'fail', message: 'Serial number is zero.' },
    { serial: 'AB'.repeat(21), status: 'fail', message: 'Serial number has 21 octets; RFC 5280 allows at most 20.' },
  ])('$serial → $status', ({ serial, status, message }) => {
    const result = resultFor(rule, certificateEvidence({ serialNumberHex: serial }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable to self-signed certificates', () => {
    expect(resultFor(rule, certificateEvidence({ serialNumberHex: '01', isSelfSigned: true })).status).toBe('not-applicable');
  });
});
