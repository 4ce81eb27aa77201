import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/tls-hostname-matches.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { data: {}, status: 'pass', message: undefined },
    { data: { hostnameMatches: false }, status: 'fail', message: 'www.example.test:443 serves a certificate that does not cover www.example.test.' },
    { data: { host: '10.0.0.5', serverName: 'api.example.test', hostnameMatches: false }, status: 'fail', message: '10.0.0.5:443 serves a certificate that does not cover api.example.test.' },
    { data: { hostnameMatches: undefined }, status: 'not-applicable', message: undefined },
  ])('$data → $status', ({ data, status, message }) => {
    const result = resultFor(rule, tlsEndpointEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
