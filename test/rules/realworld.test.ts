// The real-world certificate corpus (../shared/realworld/certs, when present): zlint test certificates and others whose
// INDEX.tsv names the lints they trigger. Each lint with a counterpart here must agree: a zlint Error/Warn/Notice is a
// failed check, a zlint Pass is not. "Now" is pinned to 2026-11-22, the date the INDEX properties were computed for.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../model/evidence.js';
import type { RuleResult } from '../../model/finding.js';
import { builtInRules } from '../../rules/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { NOW } from '../helpers/evidence.js';
import { policyWith } from './helpers.js';

const corpus = new URL('../../../shared/realworld/certs/', import.meta.url);
const index = new URL('INDEX.tsv', corpus);

/** zlint lint → the check that enforces the same requirement. */
const LINT_TO_CHECK: Readonly<Record<string, string>> = {
  e_sub_cert_or_sub_ca_using_sha1: 'cert-signature-no-sha1',
  e_rsa_mod_less_than_2048_bits: 'cert-rsa-key-min-2048',
  e_old_root_ca_rsa_mod_less_than_2048_bits: 'cert-rsa-key-min-2048',
  e_tls_server_cert_valid_time_longer_than_398_days: 'cert-tls-validity-max-398-days',
  e_server_cert_valid_time_longer_than_200_days: 'cert-public-tls-validity-cabf',
  e_server_cert_valid_time_longer_than_100_days: 'cert-public-tls-validity-cabf',
  e_server_cert_valid_time_longer_than_47_days: 'cert-public-tls-validity-cabf',
  e_ext_san_missing: 'cert-tls-san-present',
  e_subject_common_name_not_from_san: 'cert-tls-cn-in-san',
  e_ec_improper_curves: 'cert-ec-curve-approved',
  w_ct_sct_policy_count_unsatisfied: 'cert-public-tls-sct-embedded',
  e_sub_cert_eku_missing: 'cert-leaf-eku-present',
  e_rsa_public_exponent_too_small: 'cert-rsa-exponent-valid',
  e_rsa_public_exponent_not_odd: 'cert-rsa-exponent-valid',
  e_rsa_fermat_factorization: 'cert-key-not-fermat-factorable',
  e_serial_number_longer_than_20_octets: 'cert-serial-number-valid',
  e_san_wildcard_not_first: 'cert-san-dns-names-valid',
  e_san_bare_wildcard: 'cert-san-dns-names-valid',
  e_rfc_dnsname_label_too_long: 'cert-san-dns-names-valid',
  e_ext_san_space_dns_name: 'cert-san-dns-names-valid',
  e_dnsname_underscore_in_sld: 'cert-san-dns-names-valid',
  e_ext_san_dns_name_too_long: 'cert-san-dns-names-valid',
  e_ext_san_contains_reserved_ip: 'cert-public-tls-no-internal-names',
  e_sub_cert_key_usage_cert_sign_bit_set: 'cert-key-cert-sign-only-ca',
  e_ext_key_usage_cert_sign_without_ca: 'cert-key-cert-sign-only-ca',
  e_ext_subject_key_identifier_missing_ca: 'cert-ca-subject-key-identifier-present',
  e_sub_cert_aia_missing: 'cert-aia-ca-issuers-present',
  e_sub_ca_aia_missing: 'cert-aia-ca-issuers-present',
  e_dsa_shorter_than_2048_bits: 'cert-key-algorithm-not-dsa',
};

/**
 * Where a check deliberately disagrees with zlint, and why. Each entry must still disagree: when zlint's fixture and the
 * check come to agree, the entry goes.
 */
const DIFFERENCES: Readonly<Record<string, string>> = {
  // A self-signed CA certificate (a trust anchor): relying parties do not verify its self-signature, so SHA-1 there is
  // harmless and cert-signature-no-sha1 exempts self-signed certificates; zlint judges it as a sub-CA.
  'zlint__rsawithsha1after2016.pem e_sub_cert_or_sub_ca_using_sha1': 'self-signed trust anchor',
};

interface Row {
  readonly file: string;
  readonly lints: ReadonlyMap<string, string>;
  readonly properties: ReadonlyMap<string, string>;
}

function rows(): Row[] {
  const lines = readFileSync(index, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const [file = '', , , , expectations = '', properties = ''] = line.split('\t');
    // Files with several certificates list each one's properties, joined by " || ": only single-certificate rows are used.
    if (properties.includes(' || ')) return { file, lints: new Map<string, string>(), properties: new Map<string, string>() };
    const lints = new Map(expectations.split(';').filter(Boolean).map((e) => e.split('=') as [string, string]));
    const props = new Map(properties.split(';').map((p) => p.trim()).filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as [string, string]));
    return { file, lints, properties: props };
  });
}

/** The first certificate of a corpus file as evidence, or undefined when the file holds none this tool can parse. */
function evidenceOf(file: string): Evidence<'certificate'> | undefined {
  try {
    const found = readCertificates(new Uint8Array(readFileSync(new URL(file, corpus))), file).certificates[0];
    if (found === undefined) return undefined;
    const facts = toCertificateFacts(found.der);
    return { id: `certificate:sha256:${facts.sha256}`, kind: 'certificate', collector: 'cert-file', target: file, observedAt: NOW.toISOString(), data: { ...facts, sightings: [{ collector: 'cert-file', target: file }] } };
  } catch {
    return undefined;
  }
}

// zlint judges every TLS server certificate as publicly trusted: so does this run.
const policy = policyWith({ name: 'zlint', cas: { publicIssuers: ['*'] } });

describe.runIf(existsSync(index))('real-world certificates (../shared/realworld/certs)', () => {
  const all = rows();
  const results = new Map<string, RuleResult[]>();
  for (const row of all) {
    const item = evidenceOf(row.file);
    if (item !== undefined) results.set(row.file, evaluate([item], { rules: builtInRules, now: NOW, policy }));
  }
  const statusOf = (file: string, check: string): string | undefined => results.get(file)?.find((r) => r.ruleId === check)?.status;

  const cases = all.flatMap((row) =>
    [...row.lints].flatMap(([lint, outcome]) => {
      const check = LINT_TO_CHECK[lint];
      if (check === undefined || !['Error', 'Warn', 'Notice', 'Pass'].includes(outcome)) return [];
      return [{ file: row.file, lint, outcome, check }];
    }),
  );

  it('parses the corpus', () => {
    expect(results.size).toBeGreaterThan(150);
    expect(cases.length).toBeGreaterThan(50);
  });

  // The INDEX's computed properties (independent of zlint) for every parsable file: key size, SHA-1, PQC keys.
  const propertyCases = all.flatMap((row) => {
    const out: { file: string; check: string; expected: 'fail' | 'not-fail'; why: string }[] = [];
    const key = /^RSA-(\d+)$/.exec(row.properties.get('key') ?? '');
    if (key !== null) out.push({ file: row.file, check: 'cert-rsa-key-min-2048', expected: Number(key[1]) < 2048 ? 'fail' : 'not-fail', why: `key=${key[0]}` });
    const sig = row.properties.get('sig') ?? '';
    if (/sha1/i.test(sig) && row.properties.get('selfsigned') === 'False') out.push({ file: row.file, check: 'cert-signature-no-sha1', expected: 'fail', why: `sig=${sig}` });
    return out.filter((c) => results.has(c.file));
  });

  it.each(propertyCases)('$file: $why → $check $expected', ({ file, check, expected }) => {
    const status = statusOf(file, check);
    if (expected === 'fail') expect(status).toBe('fail');
    else expect(status).not.toBe('fail');
  });

  it('recognises weak and post-quantum keys from the badkeys corpus', () => {
    expect(statusOf('badkeys__rsa-fermat.crt', 'cert-key-not-fermat-factorable')).toBe('fail');
    expect(statusOf('zlint__rsaFermatFactorizationSusceptible.pem', 'cert-key-not-fermat-factorable')).toBe('fail');
    const mldsa = evidenceOf('badkeys__mldsa65-cert.crt');
    expect(mldsa?.data.keyAlgorithm).toBe('ML-DSA');
    const set = evaluate(mldsa === undefined ? [] : [mldsa], { rules: builtInRules.filter((r) => r.id === 'cert-pqc-algorithms-present'), now: NOW });
    expect(set[0]?.status).toBe('pass');
  });

  it.each(cases)('$file: $lint=$outcome → $check', ({ file, lint, outcome, check }) => {
    const status = statusOf(file, check);
    const agrees = outcome === 'Pass' ? status !== 'fail' : status === 'fail';
    expect(agrees, `${check} is ${status ?? 'missing'}`).toBe(!Object.hasOwn(DIFFERENCES, `${file} ${lint}`));
  });
});
