import { createHash } from 'node:crypto';
import { AnswersFile } from '../../model/answers.js';
import type { AnyEvidence, Evidence } from '../../model/evidence.js';
import { loadExtension } from '../../model/pkimm/extension.js';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { builtInAssessors, builtInRules } from '../../rules/index.js';
import { assess } from '../../src/engine/assess.js';
import { defineAssessor, statement } from '../../src/engine/define-assessor.js';
import type { Trends } from '../../src/history/store.js';
import { buildReport } from '../../src/report/build-report.js';
import type { ScanReport } from '../../src/report/report.js';
import { normalizeAnswers } from '../../src/score/normalize-answers.js';
import { certificateEvidence, scanFacts, tlsEndpointEvidence } from '../helpers/evidence.js';

/** "Now" of the fixture scan. */
export const FIXTURE_NOW = '2026-11-22T00:00:00.000Z';

/** Attacker-controlled strings the fixture puts into certificates, URLs and targets. */
export const HOSTILE = {
  subject: 'CN=<script>window.__pwned=1</script>, O=Evil',
  san: 'DNS:"><img src=x onerror="window.__pwned=2">',
  url: 'http://crl.evil.test/"><img src=x onerror=window.__pwned=3>.crl',
  target: 'evil.test:443"><script>window.__pwned=4</script>',
} as const;

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function pqcCertificate(): Evidence<'certificate'> {
  return certificateEvidence({
    subject: 'CN=pqc.example.test',
    issuer: 'CN=Example PQC CA, O=Example',
    keyAlgorithm: 'ML-DSA',
    keyAlgorithmOid: '2.16.840.1.101.3.4.3.18',
    keyAlgorithmName: 'ML-DSA-65',
    keySizeBits: undefined,
    signatureAlgorithm: 'ML-DSA-65',
    signatureAlgorithmOid: '2.16.840.1.101.3.4.3.18',
    signatureHash: undefined,
    subjectAltNames: ['DNS:pqc.example.test'],
  });
}

/** The certificates of the fixture: ordinary, expired, soon expiring, EC, PQC, a CA, and one with a hostile subject and SAN. */
export function fixtureCertificates(): Evidence<'certificate'>[] {
  return [
    certificateEvidence(),
    certificateEvidence({ subject: 'CN=old.example.test', subjectAltNames: ['DNS:old.example.test'], notBefore: '2025-01-01T00:00:00Z', notAfter: '2025-12-31T23:59:59Z' }),
    certificateEvidence({ subject: 'CN=soon.example.test', subjectAltNames: ['DNS:soon.example.test'], notAfter: '2026-12-05T00:00:00Z' }),
    certificateEvidence({
      subject: 'CN=ec.example.test',
      issuer: 'CN=Other CA, O=Other',
      subjectAltNames: ['DNS:ec.example.test'],
      keyAlgorithm: 'EC',
      keyAlgorithmOid: '1.2.840.10045.2.1',
      keySizeBits: 256,
      curve: 'P-256',
      signatureAlgorithm: 'ecdsa-with-SHA256',
      signatureAlgorithmOid: '1.2.840.10045.4.3.2',
      notAfter: '2027-06-30T00:00:00Z',
    }),
    certificateEvidence({ subject: 'CN=Example Issuing CA,O=Example', issuer: 'CN=Example Root CA,O=Example', isCa: true, subjectAltNames: [], extendedKeyUsage: [], notAfter: '2031-01-01T00:00:00Z' }),
    pqcCertificate(),
    certificateEvidence(
      { subject: HOSTILE.subject, subjectAltNames: [HOSTILE.san], issuer: 'CN=Evil CA "<b>", O=Evil', keySizeBits: 1024 },
      { target: HOSTILE.target },
    ),
  ];
}

/** Generated certificates for volume tests: `n` leaves from 8 issuers with spread expiry dates (deterministic). */
export function manyCertificates(n: number): Evidence<'certificate'>[] {
  const out: Evidence<'certificate'>[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + (i % 1200) * 86_400_000).toISOString();
    out.push(
      certificateEvidence(
        {
          sha256: sha(`bulk-${i}`),
          subject: `CN=host-${String(i).padStart(5, '0')}.bulk.test`,
          subjectAltNames: [`DNS:host-${String(i).padStart(5, '0')}.bulk.test`],
          issuer: `CN=Bulk CA ${i % 8}, O=Bulk`,
          serialNumberHex: i.toString(16).toUpperCase(),
          notAfter: day,
        },
        { target: `10.0.${Math.floor(i / 250)}.${i % 250}:443` },
      ),
    );
  }
  return out;
}

function envelope<K extends AnyEvidence['kind']>(kind: K, id: string, collector: string, target: string): Pick<Evidence<K>, 'id' | 'kind' | 'collector' | 'target' | 'observedAt'> {
  return { id, kind, collector, target, observedAt: FIXTURE_NOW };
}

/** Revocation and CT evidence in the shapes of model/evidence/{crl,ocsp,ct}.ts, one hostile URL among them. */
export function revocationAndCtEvidence(leafSha: string): AnyEvidence[] {
  const crl: Evidence<'crl'> = {
    ...envelope('crl', `crl:${sha('crl-1')}`, 'crl', 'http://crl.example.test/issuing.crl'),
    data: {
      status: 'fetched',
      source: 'cdp',
      url: 'http://crl.example.test/issuing.crl',
      fetch: { httpStatus: 200, latencyMs: 42, fromCache: false, redirects: 0 },
      format: 'DER',
      sizeBytes: 812,
      sha256: sha('crl-1'),
      issuer: 'CN=Example Issuing CA,O=Example',
      thisUpdate: '2026-11-21T00:00:00.000Z',
      nextUpdate: '2026-11-28T00:00:00.000Z',
      hasNextUpdate: true,
      headroomSeconds: 6 * 86_400,
      crlNumber: '1A',
      isDelta: false,
      freshestCrlUrls: [],
      entryCount: 3,
      reasonCounts: { keyCompromise: 1 },
      signatureAlgorithm: 'sha256WithRSAEncryption',
      signatureAlgorithmOid: '1.2.840.113549.1.1.11',
      signature: 'valid',
      sourceCertificates: [leafSha],
      checkedCertificates: 1,
      revokedCertificates: [],
    },
  };
  const ldap: Evidence<'crl'> = {
    ...envelope('crl', `crl:${sha('crl-2')}`, 'crl', HOSTILE.url),
    data: { status: 'not-fetched', source: 'cdp', url: HOSTILE.url, scheme: 'ldap', reason: 'unsupported-scheme', sourceCertificates: [] },
  };
  const ocsp: Evidence<'ocsp-response'> = {
    ...envelope('ocsp-response', `ocsp:${sha('ocsp-1')}`, 'ocsp', 'http://ocsp.example.test'),
    data: {
      status: 'response',
      source: 'fetched',
      url: 'http://ocsp.example.test',
      certificate: leafSha,
      serialNumberHex: '0A1B2C3D',
      mustStaple: false,
      request: { method: 'POST', hashAlgorithm: 'SHA-1', nonce: false, httpStatus: 200, latencyMs: 31, redirects: 0 },
      sizeBytes: 1400,
      responseStatus: 'successful',
      producedAt: '2026-11-21T12:00:00.000Z',
      certStatus: 'good',
      thisUpdate: '2026-11-21T12:00:00.000Z',
      nextUpdate: '2026-11-25T12:00:00.000Z',
      headroomSeconds: 3.5 * 86_400,
      current: true,
      certIdMatches: true,
      signature: 'valid',
      signer: 'issuer',
      signerAuthorized: true,
    },
  };
  const staple: Evidence<'ocsp-response'> = {
    ...envelope('ocsp-response', `ocsp:${sha('ocsp-2')}`, 'tls-endpoint', 'www.example.test:443'),
    data: { status: 'missing-staple', source: 'stapled', endpoint: 'www.example.test:443', certificate: leafSha, mustStaple: true },
  };
  const query: Evidence<'ct-query'> = {
    ...envelope('ct-query', 'ct-query:crtsh:example.test', 'crtsh', 'example.test'),
    data: {
      source: 'crtsh',
      domain: 'example.test',
      baseUrl: 'https://crt.sh',
      includeSubdomains: true,
      excludeExpired: true,
      requests: [{ query: '%.example.test', outcome: 'ok', rows: 3, attempts: 1 }],
      rowsReturned: 3,
      entries: 2,
      entriesEmitted: 2,
      certificatesDownloaded: 0,
      unfetched: [],
      complete: true,
    },
  };
  const entry = (name: string, issuer: string, serial: string): Evidence<'ct-log-entry'> => ({
    ...envelope('ct-log-entry', `ct-log-entry:${sha(serial)}`, 'crtsh', 'example.test'),
    data: {
      source: 'crtsh',
      logUrl: 'https://crt.sh',
      crtshIds: [Number.parseInt(serial, 16)],
      loggedAt: '2026-10-01T00:00:00.000Z',
      issuer,
      serialNumberHex: serial,
      dnsNames: [name],
      notBefore: '2026-10-01T00:00:00.000Z',
      notAfter: '2026-12-30T00:00:00.000Z',
      matchedDomains: ['example.test'],
    },
  });
  return [crl, ldap, ocsp, staple, query, entry('www.example.test', 'C=US, O=Public CA, CN=R1', '01AB'), entry('"><svg onload=window.__pwned=5>.example.test', 'C=US, O=Shadow CA, CN=S1', '02CD')];
}

/** Trend series as the history store produces them: three scans, overall and two categories, two metrics. */
export function fixtureTrends(): Trends {
  const scans = [
    ['s1', '2026-09-22T00:00:00.000Z'],
    ['s2', '2026-10-22T00:00:00.000Z'],
    ['s3', FIXTURE_NOW],
  ] as const;
  const series = (values: readonly (number | null)[]): { scanId: string; scannedAt: string; value: number | null }[] =>
    scans.map(([scanId, scannedAt], i) => ({ scanId, scannedAt, value: values[i] ?? null }));
  return {
    overall: series([1.8, 2.1, 2.4]),
    categories: { '5': series([2, 2.5, 3]), '7': series([1.5, null, 2.2]) },
    metrics: { 'certificates.expiring-30d': series([4, 2, 1]), 'automation.coverage': series([0.2, 0.3, 0.35]) },
  };
}

/** A P-class assessor for 6.2 (key inventory) that caps at 2 citing every RSA certificate: gives requirements evidence links. */
export const fixtureKeyAssessor = defineAssessor({
  id: 'fixture-key-inventory',
  title: 'Fixture: key inventory cap from RSA certificates',
  description: 'Caps 6.2 at 2 and cites the RSA certificates (test fixture).',
  pkimm: '6.2',
  automation: 'P',
  uses: [],
  assess(input) {
    const rsa = input.evidence.filter((e) => e.kind === 'certificate' && e.data.keyAlgorithm === 'RSA').map((e) => e.id);
    return [statement(fixtureKeyAssessor, 'cap', 2, [{ text: `${rsa.length} RSA certificates have no key inventory record.`, metric: { name: 'rsa_unrecorded', value: rsa.length, threshold: 0 } }], rsa)];
  },
});

/**
 * Builds a full report the way a scan does (real checks, assessors, answers, an extension), over the fixture evidence
 * plus `extraCertificates`; with trends when asked. Returns the report.
 */
export async function fixtureReport(options: { extraCertificates?: readonly Evidence<'certificate'>[]; trends?: boolean } = {}): Promise<ScanReport> {
  const model = builtinModel('1.1.0');
  const certificates = fixtureCertificates();
  const leafSha = certificates[0]?.data.sha256 ?? '';
  const evidence: AnyEvidence[] = [...certificates, tlsEndpointEvidence({ chain: [leafSha] }), ...revocationAndCtEvidence(leafSha)];
  const file = AnswersFile.parse({
    model: '1.1.0',
    organisation: 'Example <Corp> & "Sons"',
    assessor: { name: 'A. Person', type: 'internal' },
    date: '2026-11-20',
    scope: { '8': { notApplicable: 'no own infrastructure' } },
    requirements: {
      '1.1': { level: 3 },
      '1.2': { level: 2 },
      '2.1': { level: 4 },
      '5.1': { level: 2 },
      '5.4': { level: 4, notes: 'quarterly <b>review</b>' },
      '6.2': { level: 4 },
      '7.1': { level: 3 },
      '7.4': { level: 5, evidence: ['cmdb-2026-11.csv'] },
    },
    extensions: { 'fixture-ext': { relevance: { '1': 2 } } },
  });
  const extension = await loadExtension(new URL('../../fixtures/extensions/mini-extension.yaml', import.meta.url).pathname);
  const now = new Date(FIXTURE_NOW);
  const problems = [
    { collector: 'tls-endpoint', target: HOSTILE.target, code: 'connect' as const, message: 'connect ECONNREFUSED <script>window.__pwned=6</script>' },
    { collector: 'cert-file', target: 'pki/missing.pem', code: 'not-found' as const, message: 'no such file' },
  ];
  const { results, statements, assessment, waivers } = assess({
    model,
    evidence,
    problems,
    facts: scanFacts({ now, targets: { 'tls-endpoint': { configured: 2, observed: 1 }, 'cert-file': { configured: 2, observed: 1 } }, sourceTypes: ['tls-endpoint', 'cert-file'] }),
    answers: normalizeAnswers(file, model, 'answers.yaml'),
    extensions: [extension],
    assessors: [...builtInAssessors, fixtureKeyAssessor],
  });
  const report = buildReport({
    model,
    assessment,
    generatedAt: now,
    results,
    statements,
    rules: builtInRules,
    assessors: [...builtInAssessors, fixtureKeyAssessor],
    evidence: [...evidence, ...(options.extraCertificates ?? [])],
    problems,
    waivers,
    scan: {
      startedAt: '2026-11-21T23:58:00.000Z',
      finishedAt: FIXTURE_NOW,
      collectors: { 'tls-endpoint': { configured: 2, observed: 1, problems: 1, evidence: 2 }, 'cert-file': { configured: 2, observed: 1, problems: 1, evidence: 7 } },
      previousScans: [],
    },
    answers: { source: 'answers.yaml', kind: 'full', organisation: file.organisation ?? '', assessor: file.assessor?.name ?? '', date: file.date ?? '', warnings: ['requirement 99.1 is not in model 1.1.0 <ignored>'] },
  });
  return options.trends ? { ...report, trends: fixtureTrends() } : report;
}
