// Real cert-manager manifests and documentation snippets from ../shared/realworld/configs/cert-manager (see its
// INDEX.tsv): every file yields evidence or one clear problem, and key normalised values are pinned.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import kubernetes from '../../../collectors/kubernetes/index.js';
import type { CaConfigData, CaProfile } from '../../../model/evidence.js';
import { SECONDS } from '../../../src/ca-config/units.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const CONFIGS = new URL('../../../../shared/realworld/configs/', import.meta.url);
const DAY = SECONDS.day;

async function scan(...paths: string[]): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir: CONFIGS.pathname });
  await kubernetes.collect(kubernetes.config.parse({ paths }), ctx);
  return ctx;
}

/** Issuer name → [role, ACME URL or undefined, staging, issuerType, observation codes]. */
type IssuerRow = [string, CaConfigData['role'], string | undefined, boolean | undefined, string, string[]];

const issuers: [string, IssuerRow[]][] = [
  ['clusterissuer-acme-eab.yaml', [['ClusterIssuer/my-acme-server-with-eab', 'client', 'https://my-acme-server-with-eab.com/directory', false, 'acme', []]]],
  ['clusterissuer-acme-full.yaml', [['ClusterIssuer/letsencrypt-staging', 'client', 'https://acme-staging-v02.api.letsencrypt.org/directory', true, 'acme', ['acme-staging-endpoint']]]],
  ['clusterissuer-acme-multi-solver.yaml', [['ClusterIssuer/letsencrypt-staging', 'client', undefined, false, 'acme', ['acme-server-missing', 'config-placeholders-ignored']]]],
  ['clusterissuer-acme-waitinsteadofselfcheck.yaml', [['ClusterIssuer/letsencrypt-staging', 'client', 'https://acme-staging-v02.api.letsencrypt.org/directory', true, 'acme', ['acme-staging-endpoint']]]],
  ['clusterissuer-letsencrypt-production-route53.yaml', [['ClusterIssuer/letsencrypt-production', 'client', 'https://acme-v02.api.letsencrypt.org/directory', false, 'acme', []]]],
  ['clusterissuer-selfsigned.yaml', [['ClusterIssuer/selfsigned', 'ca', undefined, undefined, 'selfSigned', ['cert-manager-self-signed']]]],
  ['issuer-acme-cloudflare-dns01.yaml', [['Issuer/default/example-issuer', 'client', undefined, false, 'acme', ['acme-server-missing', 'config-placeholders-ignored']]]],
  ['issuer-ca.yaml', [['Issuer/sandbox/ca-issuer', 'ca', undefined, undefined, 'ca', []]]],
  ['issuer-letsencrypt-prod-http01.yaml', [['Issuer/default/letsencrypt-prod', 'client', 'https://acme-v02.api.letsencrypt.org/directory', false, 'acme', []]]],
  ['issuer-letsencrypt-staging-http01.yaml', [['Issuer/default/letsencrypt-staging', 'client', 'https://acme-staging-v02.api.letsencrypt.org/directory', true, 'acme', ['acme-staging-endpoint']]]],
  ['issuer-vault-approle.yaml', [['Issuer/sandbox/vault-issuer', 'client', 'https://vault.local', undefined, 'vault', []]]],
  ['issuer-vault-mtls-kubernetes-auth.yaml', [['Issuer/application-1/vault-issuer', 'client', 'https://vault.vault:8200', undefined, 'vault', []]]],
  ['issuer-vault.yaml', [['Issuer/sandbox/vault-issuer', 'client', 'https://vault.local', undefined, 'vault', ['config-placeholders-ignored']]]],
  ['issuer-venafi-tpp.yaml', [['Issuer/<NAMESPACE YOU WANT TO ISSUE CERTIFICATES IN>/corp-issuer', 'client', 'https://tpp.venafi.example/vedsdk', undefined, 'venafi', []]]],
  [
    'selfsigned-bootstrap-ca.yaml',
    [
      ['ClusterIssuer/selfsigned-issuer', 'ca', undefined, undefined, 'selfSigned', ['cert-manager-self-signed']],
      ['Issuer/sandbox/my-ca-issuer', 'ca', undefined, undefined, 'ca', []],
    ],
  ],
  ['test-fixture-resources.yaml', [['Issuer/default/selfsigned-issuer', 'ca', undefined, undefined, 'selfSigned', ['cert-manager-self-signed']]]],
];

/** Certificate (or ingress-shim) profile → [file, issuer it is filed under, validity, renew-before, key types, EKUs, reuses key, CA]. */
const profiles: [string, string, string, number, number, CaProfile['keyTypes'], string[] | undefined, boolean, boolean][] = [
  ['Certificate/sandbox/example-com', 'certificate_full_example.yaml', 'Issuer/sandbox/ca-issuer', 90 * DAY, 15 * DAY, [{ algorithm: 'RSA', bits: [2048] }], ['serverAuth', 'clientAuth'], false, false],
  ['Certificate/sandbox/example-com', 'certificate_duration_renewbefore.yaml', 'Issuer/sandbox/ca-issuer', 90 * DAY, 15 * DAY, [{ algorithm: 'RSA', bits: [2048] }], undefined, false, false],
  ['Certificate/default/test-minimal', 'cert-test-minimal.yaml', '(no issuerRef)', 90 * DAY, 30 * DAY, [{ algorithm: 'RSA', bits: [2048] }], undefined, false, false],
  ['Certificate/default/www', 'aws-certificate.yaml', 'ClusterIssuer/selfsigned', 90 * DAY, 30 * DAY, [{ algorithm: 'RSA', bits: [2048] }], ['serverAuth'], false, false],
  ['Certificate/sandbox/my-selfsigned-ca', 'selfsigned-bootstrap-ca.yaml', 'ClusterIssuer/selfsigned-issuer', 90 * DAY, 30 * DAY, [{ algorithm: 'EC', bits: [256], curves: ['P-256'] }], undefined, false, true],
  ['Ingress/default/kuard#quickstart-example-tls', 'ingress-tls-final.yaml', 'Issuer/default/letsencrypt-prod', 90 * DAY, 30 * DAY, [{ algorithm: 'RSA', bits: [2048] }], undefined, false, false],
];

describe.runIf(existsSync(CONFIGS))('kubernetes collector on real cert-manager configs', () => {
  it('turns every cert-manager file of INDEX.tsv into evidence or one clear problem', async () => {
    const files = readFileSync(new URL('INDEX.tsv', CONFIGS), 'utf8').split('\n').map((l) => l.split('\t')[0]!).filter((f) => f.startsWith('cert-manager/'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const ctx = await scan(file);
      const outcome = ctx.emitted.length > 0 ? 'evidence' : ctx.problems.length === 1 ? 'problem' : `nothing (${ctx.problems.length} problems)`;
      expect([file, outcome]).toEqual([file, expect.stringMatching(/^(evidence|problem)$/)]);
      for (const p of ctx.problems) expect(p.message).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: (line|document) \\d+`));
    }
  });

  it.each(issuers)('%s', async (file, rows) => {
    const ctx = await scan(`cert-manager/${file}`);
    const got = ctx.ofKind('ca-config').map((c): IssuerRow => [c.name, c.role, c.ca?.url, c.ca?.staging, String(c.details?.issuerType), c.observations.map((o) => o.code).sort()]);
    expect(got).toEqual(rows);
  });

  it.each(profiles)('%s from %s', async (name, file, issuer, validity, renewBefore, keyTypes, eku, reusesKey, isCa) => {
    const ctx = await scan(`cert-manager/${file}`);
    const config = ctx.ofKind('ca-config').find((c) => c.name === issuer);
    const profile = config?.profiles.find((p) => p.name === name);
    expect(profile).toMatchObject({ defaultValiditySeconds: validity, renewBeforeSeconds: renewBefore, keyTypes, reusesKey, isCa });
    expect(profile?.extendedKeyUsage).toEqual(eku);
  });

  it('reads the EAB issuer by presence only, and reports the snippet that is not YAML with its position', async () => {
    const eab = await scan('cert-manager/clusterissuer-acme-eab.yaml');
    expect(eab.ofKind('ca-config')[0]?.details).toMatchObject({ externalAccountBinding: true, solvers: 'http01(ingress nginx)' });
    expect(JSON.stringify(eab.emitted)).not.toContain('my-keyID-1');
    const snippet = await scan('cert-manager/certificate_additional_output_formats_and_tls_secret.yaml');
    expect(snippet.problems).toEqual([{ target: 'cert-manager/certificate_additional_output_formats_and_tls_secret.yaml', code: 'parse', message: 'cert-manager/certificate_additional_output_formats_and_tls_secret.yaml: line 12, column 1: Map keys must be unique' }]);
  });

  it('links the CA issuer to the certificate of the Secret it names when both are scanned', async () => {
    const ctx = await scan('cert-manager/issuer-ca.yaml', 'cert-manager/k8s-tls-secret-ca-key-pair.yaml');
    const cert = ctx.ofKind('certificate')[0]!;
    expect(cert).toMatchObject({ subject: 'CN=joshvanl', isCa: true, keyAlgorithm: 'RSA', keySizeBits: 2048 });
    expect(ctx.ofKind('private-key')).toEqual([expect.objectContaining({ keyAlgorithm: 'RSA', keySizeBits: 2048, encrypted: false, spkiSha256: cert.spkiSha256, location: 'secret sandbox/ca-key-pair#tls.key' })]);
    expect(ctx.ofKind('ca-config')[0]?.ca).toEqual({ subject: 'CN=joshvanl', certificateSha256: [cert.sha256] });
  });
});
