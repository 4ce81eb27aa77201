import { describe, expect, it } from 'vitest';
import rule from '../../../rules/08-infrastructure-management/ca-acme-not-staging.js';
import { caConfigEvidence, resultFor } from '../helpers.js';

const client = (ca: object, observations: { code: string; message: string }[] = []) =>
  caConfigEvidence({ product: 'cert-manager', role: 'client', name: 'ClusterIssuer/le', ca, observations });

describe(rule.id, () => {
  it.each([
    { name: 'production', evidence: client({ url: 'https://acme-v02.api.letsencrypt.org/directory', staging: false }), status: 'pass' },
    { name: 'staging', evidence: client({ url: 'https://acme-staging-v02.api.letsencrypt.org/directory', staging: true }), status: 'fail' },
    { name: 'observed', evidence: client({}, [{ code: 'acme-staging-endpoint', message: 'staging' }]), status: 'fail' },
    { name: 'no endpoint info', evidence: client({}), status: 'not-applicable' },
  ])('$name → $status', ({ evidence, status }) => {
    const result = resultFor(rule, evidence);
    expect(result.status).toBe(status);
  });

  it('names the endpoint', () => {
    expect(resultFor(rule, client({ url: 'https://acme-staging-v02.api.letsencrypt.org/directory', staging: true })).message).toBe(
      'ClusterIssuer/le uses the staging endpoint https://acme-staging-v02.api.letsencrypt.org/directory.',
    );
  });
});
