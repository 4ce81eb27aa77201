// The shared golden ScanReport the reporter tests render: a small PKI seen in files, on an endpoint, in a Kubernetes
// Secret and in a cloud account, with a waived finding, a check that errors, a set-level finding, a collection problem,
// CRL and OCSP evidence, and hostile text (quotes, markup, control characters, a spreadsheet formula) in a subject.
// Its checks are defined here, so the goldens do not change when the built-in checks do.
import { AnswersFile } from '../../model/answers.js';
import type { AnyEvidence, Evidence } from '../../model/evidence.js';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { assess } from '../../src/engine/assess.js';
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { buildReport } from '../../src/report/build-report.js';
import type { ScanReport } from '../../src/report/report.js';
import { normalizeAnswers } from '../../src/score/normalize-answers.js';
import { certificateEvidence, scanFacts, tlsEndpointEvidence } from '../helpers/evidence.js';

/** The fixture scan's time. */
export const FIXTURE_AT = '2026-11-22T00:00:00.000Z';

/** A subject no output format may pass through unescaped. */
export const HOSTILE_SUBJECT = 'CN==HYPERLINK("http://evil.test"),O=Evil "Quotes" & <Tags>\u0007\nNext';

const notExpired = defineRule({
  id: 'fixture-cert-not-expired',
  title: 'Certificates have not expired',
  description: 'Flags certificates whose notAfter lies before the scan.',
  severity: 'high',
  pkimm: ['7.3', '4.3'],
  references: ['RFC 5280 §4.1.2.5', 'https://example.test/docs/expiry'],
  remediation: 'Renew the certificate.',
  messages: { expired: 'Certificate {{subject}} expired on {{notAfter}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate: (c, ctx) => (Date.parse(c.data.notAfter) < ctx.now.getTime() ? fail('expired', { subject: c.data.subject, notAfter: c.data.notAfter }) : pass()),
});

const rsaMin = defineRule({
  id: 'fixture-rsa-min-2048',
  title: 'RSA keys have at least 2048 bits',
  description: 'RSA moduli below 2048 bits can be factored.',
  severity: 'critical',
  pkimm: ['5.2'],
  references: ['NIST SP 800-131A Rev 2 §2', 'CVE-2008-0166'],
  remediation: 'Re-key with RSA-3072 or ECDSA P-256.',
  messages: { short: 'RSA key is {{bits}} bits.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (c) => c.data.keyAlgorithm === 'RSA',
  evaluate: (c) => ((c.data.keySizeBits ?? 0) < 2048 ? fail('short', { bits: c.data.keySizeBits ?? 0 }) : pass()),
});

const chainTrusted = defineRule({
  id: 'fixture-endpoint-chain-trusted',
  title: 'Endpoints serve a trusted chain',
  description: 'The served chain must validate.',
  severity: 'medium',
  pkimm: ['7.3'],
  references: [],
  remediation: 'Serve the full chain.',
  messages: { untrusted: 'Chain does not validate: {{error}}.' },
  scope: 'item',
  appliesTo: 'tls-endpoint',
  evaluate: (e) => (e.data.chainTrusted ? pass() : fail('untrusted', { error: e.data.trustError ?? 'unknown' })),
});

const keyEncrypted = defineRule({
  id: 'fixture-key-encrypted',
  title: 'Private keys at rest are encrypted',
  description: 'Unencrypted key files can be copied and used.',
  severity: 'low',
  pkimm: ['6.4'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §6.2.2'],
  remediation: 'Encrypt the key or move it into an HSM.',
  messages: { plain: 'Key {{location}} is not encrypted.' },
  scope: 'item',
  appliesTo: 'private-key',
  evaluate: (k) => (k.data.encrypted ? pass() : fail('plain', { location: k.data.location })),
});

const inventoryDeclared = defineRule({
  id: 'fixture-inventory-declared',
  title: 'A certificate inventory is declared',
  description: 'Set check over all certificates.',
  severity: 'info',
  pkimm: ['7.4'],
  references: [],
  remediation: 'Import the CMDB export.',
  messages: { missing: 'No declared inventory covers the {{n}} certificates.' },
  scope: 'set',
  appliesTo: ['certificate'],
  evaluate: (items) => fail('missing', { n: items.length }),
});

const brokenCheck = defineRule({
  id: 'fixture-pqc-parser',
  title: 'PQC certificates parse',
  description: 'A check that throws on ML-DSA keys, to show errors.',
  severity: 'medium',
  pkimm: ['5.5'],
  references: [],
  remediation: 'None.',
  messages: { never: 'never' },
  scope: 'item',
  appliesTo: 'certificate',
  evaluate: (c) => {
    if (c.data.keyAlgorithm === 'ML-DSA') throw new Error('unsupported key ML-DSA-65');
    return pass();
  },
});

/** The fixture's checks. */
export const FIXTURE_RULES = [notExpired, rsaMin, chainTrusted, keyEncrypted, inventoryDeclared, brokenCheck];

/** The fixture's evidence: root, intermediate, an expired RSA-1024 leaf with a hostile subject, an ML-DSA leaf, an endpoint, a key, a CRL and an OCSP response. */
export function fixtureEvidence(): AnyEvidence[] {
  const root = certificateEvidence(
    {
      subject: 'CN=Fixture Root CA, O=Fixture',
      issuer: 'CN=Fixture Root CA, O=Fixture',
      isCa: true,
      isSelfSigned: true,
      keyAlgorithm: 'EC',
      keyAlgorithmOid: '1.2.840.10045.2.1',
      keyAlgorithmName: 'id-ecPublicKey',
      keySizeBits: 384,
      curve: 'P-384',
      signatureAlgorithm: 'ecdsa-with-SHA384',
      signatureAlgorithmOid: '1.2.840.10045.4.3.3',
      signatureHash: 'SHA-384',
      notBefore: '2020-01-01T00:00:00Z',
      notAfter: '2040-01-01T00:00:00Z',
      subjectAltNames: [],
      extendedKeyUsage: [],
      subjectKeyIdentifier: 'aa',
      authorityKeyIdentifier: 'aa',
      spkiSha256: 'a'.repeat(64),
      sightings: [{ collector: 'cert-file', target: 'pki', location: 'pki/root.pem#0', attributes: { format: 'pem' } }],
    },
    { collector: 'cert-file', target: 'pki' },
  );
  const intermediate = certificateEvidence(
    {
      subject: 'CN=Fixture Issuing CA, O=Fixture',
      issuer: 'CN=Fixture Root CA, O=Fixture',
      isCa: true,
      keySizeBits: 4096,
      notBefore: '2021-01-01T00:00:00Z',
      notAfter: '2031-01-01T00:00:00Z',
      subjectAltNames: [],
      extendedKeyUsage: [],
      subjectKeyIdentifier: 'bb',
      authorityKeyIdentifier: 'aa',
      spkiSha256: 'b'.repeat(64),
      sightings: [
        { collector: 'cert-file', target: 'pki', location: 'pki/chain.pem#1' },
        { collector: 'tls-endpoint', target: 'www.example.test:443', location: 'chain[1]' },
      ],
    },
    { collector: 'cert-file', target: 'pki' },
  );
  const weak = certificateEvidence(
    {
      subject: HOSTILE_SUBJECT,
      issuer: 'CN=Fixture Issuing CA, O=Fixture',
      serialNumberHex: '0BAD',
      keySizeBits: 1024,
      signatureAlgorithm: 'sha1WithRSAEncryption',
      signatureAlgorithmOid: '1.2.840.113549.1.1.5',
      signatureHash: 'SHA-1',
      notBefore: '2026-01-01T00:00:00Z',
      notAfter: '2026-10-01T00:00:00Z',
      subjectAltNames: ['DNS:www.example.test', 'DNS:-dash.example.test'],
      authorityKeyIdentifier: 'bb',
      spkiSha256: 'c'.repeat(64),
      sightings: [
        { collector: 'tls-endpoint', target: 'www.example.test:443', location: 'chain[0]' },
        { collector: 'kubernetes', target: 'secret web/tls', location: 'tls.crt', attributes: { source: 'k8s/web tls.yaml', namespace: 'web', secret: 'tls' } },
      ],
    },
    { collector: 'tls-endpoint', target: 'www.example.test:443' },
  );
  const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e';
  const pqc = certificateEvidence(
    {
      subject: 'CN=pqc.example.test',
      issuer: 'CN=Fixture PQC CA',
      keyAlgorithm: 'ML-DSA',
      keyAlgorithmOid: '2.16.840.1.101.3.4.3.18',
      keyAlgorithmName: 'ML-DSA-65',
      keySizeBits: undefined,
      signatureAlgorithm: 'ML-DSA-87',
      signatureAlgorithmOid: '2.16.840.1.101.3.4.3.19',
      signatureHash: undefined,
      notBefore: '2026-06-01T00:00:00Z',
      notAfter: '2027-06-01T00:00:00Z',
      subjectAltNames: ['DNS:pqc.example.test'],
      spkiSha256: 'd'.repeat(64),
      sightings: [{ collector: 'aws-acm', target: arn, location: 'live' }],
    },
    { collector: 'aws-acm', target: arn },
  );
  const endpoint = tlsEndpointEvidence({
    chain: [weak.data.sha256, intermediate.data.sha256],
    chainTrusted: false,
    trustError: 'CERT_HAS_EXPIRED',
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    cipherIana: 'TLS_AES_128_GCM_SHA256',
    keyExchange: { type: 'ECDH', group: 'X25519MLKEM768' },
    forwardSecrecy: true,
    protocolVersions: { 'TLSv1.2': { outcome: 'accepted', protocol: 'TLSv1.2' }, TLSv1: { outcome: 'rejected' } },
  });
  const key: Evidence<'private-key'> = {
    id: 'private-key:keys/server.key',
    kind: 'private-key',
    collector: 'cert-file',
    target: 'keys/server.key',
    observedAt: FIXTURE_AT,
    data: { spkiSha256: 'c'.repeat(64), keyAlgorithm: 'RSA', keySizeBits: 1024, encrypted: false, location: 'keys/server.key', fileMode: '0644', format: 'pkcs1' },
  };
  const crl: Evidence<'crl'> = {
    id: 'crl:http://crl.example.test/issuing.crl',
    kind: 'crl',
    collector: 'crl',
    target: 'http://crl.example.test/issuing.crl',
    observedAt: FIXTURE_AT,
    data: {
      status: 'fetched',
      source: 'cdp',
      url: 'http://crl.example.test/issuing.crl',
      format: 'DER',
      sizeBytes: 512,
      sha256: 'e'.repeat(64),
      issuer: 'CN=Fixture Issuing CA, O=Fixture',
      thisUpdate: '2026-11-21T00:00:00Z',
      nextUpdate: '2026-11-25T00:00:00Z',
      hasNextUpdate: true,
      headroomSeconds: 259_200,
      isDelta: false,
      freshestCrlUrls: [],
      entryCount: 0,
      reasonCounts: {},
      signatureAlgorithm: 'sha256WithRSAEncryption',
      signatureAlgorithmOid: '1.2.840.113549.1.1.11',
      signature: 'valid',
      sourceCertificates: [weak.data.sha256],
      checkedCertificates: 1,
      revokedCertificates: [],
    },
  };
  const ocsp: Evidence<'ocsp-response'> = {
    id: 'ocsp-response:http://ocsp.example.test',
    kind: 'ocsp-response',
    collector: 'ocsp',
    target: 'http://ocsp.example.test',
    observedAt: FIXTURE_AT,
    data: {
      status: 'response',
      source: 'fetched',
      url: 'http://ocsp.example.test',
      certificate: weak.data.sha256,
      serialNumberHex: '0BAD',
      mustStaple: false,
      request: { method: 'POST', hashAlgorithm: 'SHA-1', nonce: false, httpStatus: 200, latencyMs: 250, redirects: 0 },
      sizeBytes: 1200,
      responseStatus: 'successful',
      certStatus: 'good',
    },
  };
  return [root, intermediate, weak, pqc, endpoint, key, crl, ocsp];
}

/** Builds the golden report; `waive` (default true) adds the waiver for the RSA-1024 finding. */
export function fixtureReport(options: { readonly waive?: boolean } = {}): ScanReport {
  const now = new Date(FIXTURE_AT);
  const model = builtinModel('1.1.0');
  const evidence = fixtureEvidence();
  const answers = normalizeAnswers(AnswersFile.parse({ requirements: { '7.3': { level: 3 }, '7.4': { level: 2 }, '5.2': { level: 4 }, '6.4': { level: 2 } } }), model, 'answers.yaml');
  const waivers =
    options.waive === false
      ? []
      : [{ id: 'legacy-appliance', rule: 'fixture-rsa-min-2048', target: 'www.example.test:*', owner: 'PKI team', reason: 'appliance replacement ordered', expires: '2027-03-31' }];
  const problems = [{ collector: 'tls-endpoint', target: 'down.example.test:443', code: 'timeout' as const, message: 'no answer within 5000 ms' }];
  const { results, statements, assessment, waivers: outcome } = assess({
    model,
    evidence,
    facts: scanFacts({ now }),
    problems,
    answers,
    rules: FIXTURE_RULES,
    assessors: [],
    waivers,
  });
  return buildReport({
    model,
    assessment,
    generatedAt: now,
    results,
    statements,
    evidence,
    problems,
    rules: FIXTURE_RULES,
    assessors: [],
    waivers: outcome,
    scan: { startedAt: '2026-11-21T23:59:00.000Z', finishedAt: FIXTURE_AT, collectors: {}, previousScans: [] },
  });
}
