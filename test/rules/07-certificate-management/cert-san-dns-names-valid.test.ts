import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-san-dns-names-valid.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'www.example.test', status: 'pass', message: undefined },
    { name: '*.example.test', status: 'pass', message: undefined },
    { name: 'xn--bcher-kva.example', status: 'pass', message: undefined },
    { name: 'my_host.example.test', status: 'fail', message: 'DNS name "my_host.example.test" contains an underscore.' },
    { name: 'www.*.example.test', status: 'fail', message: 'DNS name "www.*.example.test" has a wildcard that is not the entire left-most label.' },
    { name: 'w*.example.test', status: 'fail', message: 'DNS name "w*.example.test" has a wildcard that is not the entire left-most label.' },
    { name: '*.test', status: 'fail', message: 'DNS name "*.test" has a wildcard directly above a top-level domain.' },
    { name: 'www.example.test.', status: 'fail', message: 'DNS name "www.example.test." ends with a dot.' },
    { name: 'bad host.example', status: 'fail', message: 'DNS name "bad host.example" has an invalid label "bad host".' },
    { name: '-lead.example', status: 'fail', message: 'DNS name "-lead.example" has an invalid label "-lead".' },
    { name: `${'a'.repeat(64)}.example`, status: 'fail', message: `DNS name "${'a'.repeat(64)}.example" has an invalid label "${'a'.repeat(64)}".` },
  ])('$name → $status', ({ name, status, message }) => {
    const result = resultFor(rule, certificateEvidence({ subjectAltNames: [`DNS:${name}`] }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable without DNS names', () => {
    expect(resultFor(rule, certificateEvidence({ subjectAltNames: ['IP:192.0.2.1'] })).status).toBe('not-applicable');
  });
});
