import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-public-tls-no-internal-names.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { sans: ['DNS:www.example.org', 'IP:203.0.113.5'], status: 'pass', message: undefined },
    { sans: ['DNS:www.example.org', 'DNS:intranet'], status: 'fail', message: 'Public TLS certificate names intranet, which are internal or reserved.' },
    { sans: ['DNS:app.corp', 'DNS:nas.home.arpa', 'DNS:*.svc.local'], status: 'fail', message: 'Public TLS certificate names app.corp, nas.home.arpa, *.svc.local, which are internal or reserved.' },
    { sans: ['IP:10.1.2.3', 'IP:172.20.0.1', 'IP:192.168.1.1', 'IP:fd00::1'], status: 'fail', message: 'Public TLS certificate names 10.1.2.3, 172.20.0.1, 192.168.1.1, fd00::1, which are internal or reserved.' },
    { sans: ['IP:172.32.0.1', 'DNS:example.com'], status: 'pass', message: undefined },
  ])('$sans → $status', ({ sans, status, message }) => {
    const result = resultFor(rule, certificateEvidence({ subjectAltNames: sans }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable to private TLS', () => {
    expect(resultFor(rule, certificateEvidence({ policyOids: [], subjectAltNames: ['DNS:intranet'] })).status).toBe('not-applicable');
  });
});
