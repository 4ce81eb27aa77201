import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/render.js';
import { nistQuantumSecurityLevel } from '../../src/report/reporters/cbom.js';
import { fixtureReport } from './render-fixture.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schemaDir = new URL('../../node_modules/@cyclonedx/cyclonedx-library/res/schema/', import.meta.url);

/** The CycloneDX 1.6 JSON schema with the schemas it $refs (SPDX ids, JSF signatures) and the cryptography definitions. */
function bomValidator() {
  // The BOM schema refers to its siblings by their SNAPSHOT file names; the siblings declare ids without "SNAPSHOT".
  const read = (file: string) => JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8').replaceAll('.SNAPSHOT.schema.json', '.schema.json')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  ajv.addSchema([read('spdx.SNAPSHOT.schema.json'), read('jsf-0.82.SNAPSHOT.schema.json'), read('cryptography-defs.SNAPSHOT.schema.json')]);
  return ajv.compile(read('bom-1.6.SNAPSHOT.schema.json'));
}

interface Component {
  'bom-ref': string;
  name: string;
  cryptoProperties: {
    assetType: string;
    oid?: string;
    algorithmProperties?: { primitive: string; parameterSetIdentifier?: string; curve?: string; nistQuantumSecurityLevel?: number; classicalSecurityLevel?: number };
    certificateProperties?: { subjectName: string; signatureAlgorithmRef: string; subjectPublicKeyRef: string; notValidAfter: string };
    relatedCryptoMaterialProperties?: { type: string; id?: string; algorithmRef?: string; size?: number; securedBy?: { mechanism: string } };
    protocolProperties?: { type: string; version: string; cipherSuites: { name: string; algorithms?: string[] }[] };
  };
}

describe('cbom reporter', () => {
  const report = fixtureReport();
  const text = render(report, 'cbom');
  const bom = JSON.parse(text);
  const components = bom.components as Component[];
  const byRef = new Map(components.map((c) => [c['bom-ref'], c]));
  const deps = new Map((bom.dependencies as { ref: string; dependsOn: string[] }[]).map((d) => [d.ref, d.dependsOn]));
  const sha = (subjectStart: string) => report.evidence.find((e) => e.kind === 'certificate' && e.data.subject.startsWith(subjectStart))!.id.slice('certificate:sha256:'.length);

  it('validates against the CycloneDX 1.6 schema', () => {
    const validate = bomValidator();
    expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  it('stamps the report time, a serial number derived from the report, and the tool', () => {
    expect(bom.metadata.timestamp).toBe(report.generatedAt);
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(render(fixtureReport(), 'cbom')).toBe(text);
    expect(JSON.parse(render({ ...report, generatedAt: '2026-11-23T00:00:00.000Z' }, 'cbom')).serialNumber).not.toBe(bom.serialNumber);
    expect(bom.metadata.tools.components[0]).toMatchObject({ name: 'pkimm-scan' });
  });

  it('describes each certificate with its signature algorithm, public key and issuer as dependencies', () => {
    const leaf = byRef.get(`crypto/certificate/${sha('CN==HYPERLINK')}`)!;
    const props = leaf.cryptoProperties.certificateProperties!;
    expect(leaf.cryptoProperties.assetType).toBe('certificate');
    expect(props.notValidAfter).toBe('2026-10-01T00:00:00Z');
    expect(byRef.get(props.signatureAlgorithmRef)!.name).toBe('sha1WithRSAEncryption');
    expect(byRef.get(props.subjectPublicKeyRef)!.cryptoProperties.relatedCryptoMaterialProperties).toMatchObject({ type: 'public-key', id: 'c'.repeat(64), size: 1024 });
    expect(deps.get(leaf['bom-ref'])).toEqual([props.signatureAlgorithmRef, `crypto/certificate/${sha('CN=Fixture Issuing CA')}`, props.subjectPublicKeyRef].sort());
    // The self-signed root has no issuer dependency.
    expect(deps.get(`crypto/certificate/${sha('CN=Fixture Root CA')}`)!.some((r) => r.startsWith('crypto/certificate/'))).toBe(false);
  });

  it.each([
    ['crypto/algorithm/key/RSA-1024', 'pke', '1024', undefined, 0, 80],
    ['crypto/algorithm/key/RSA-4096', 'pke', '4096', undefined, 0, 128],
    ['crypto/algorithm/key/EC-P-384', 'signature', undefined, 'nist/P-384', 0, 192],
    ['crypto/algorithm/key/ML-DSA-65', 'signature', '65', undefined, 3, 192],
    ['crypto/algorithm/signature/ML-DSA-87', 'signature', '87', undefined, 5, undefined],
    ['crypto/algorithm/signature/sha1WithRSAEncryption', 'signature', undefined, undefined, 0, undefined],
    ['crypto/algorithm/key-exchange/X25519MLKEM768', 'kem', undefined, undefined, 3, undefined],
  ])('describes algorithm %s', (ref, primitive, parameterSet, curve, quantum, classical) => {
    const c = byRef.get(ref)!;
    expect(c.cryptoProperties.assetType).toBe('algorithm');
    const p = c.cryptoProperties.algorithmProperties!;
    expect([p.primitive, p.parameterSetIdentifier, p.curve, p.nistQuantumSecurityLevel, p.classicalSecurityLevel]).toEqual([primitive, parameterSet, curve, quantum, classical]);
  });

  it.each([
    ['ML-KEM-512', 1],
    ['ML-KEM-768', 3],
    ['ML-KEM-1024', 5],
    ['ML-DSA-44', 2],
    ['ML-DSA-65', 3],
    ['ML-DSA-87', 5],
    ['SLH-DSA-SHA2-128s', 1],
    ['SLH-DSA-SHAKE-192f', 3],
    ['SLH-DSA-SHA2-256s', 5],
    ['HashML-DSA-87-with-SHA512', 5],
    ['MLDSA65-ECDSA-P256-SHA512', 3],
    ['X25519MLKEM768', 3],
    ['sha256WithRSAEncryption', 0],
    ['ecdsa-with-SHA384', 0],
    ['Ed25519', 0],
    ['EC-P-256', 0],
    ['X25519', 0],
    ['GOST R 34.10-2012 (256 bit)', 0],
    ['something-new', undefined],
  ])('rates %s at NIST quantum security level %s', (name, level) => {
    expect(nistQuantumSecurityLevel(name)).toBe(level);
  });

  it('lists private keys as related crypto material, without secrets, linked to their public key', () => {
    const key = components.find((c) => c.cryptoProperties.relatedCryptoMaterialProperties?.type === 'private-key')!;
    expect(key.cryptoProperties.relatedCryptoMaterialProperties).toMatchObject({ id: 'c'.repeat(64), size: 1024, securedBy: { mechanism: 'none' } });
    expect(deps.get(key['bom-ref'])).toContain(`crypto/key/public/${'c'.repeat(64)}`);
    expect(key.cryptoProperties.relatedCryptoMaterialProperties).not.toHaveProperty('value');
  });

  it('describes TLS endpoints as protocols with version, cipher suite and the served certificates', () => {
    const tls = components.find((c) => c.cryptoProperties.assetType === 'protocol')!;
    expect(tls.cryptoProperties.protocolProperties).toEqual({
      type: 'tls',
      version: '1.3',
      cipherSuites: [{ name: 'TLS_AES_128_GCM_SHA256', algorithms: ['crypto/algorithm/key-exchange/X25519MLKEM768'] }],
    });
    expect(deps.get(tls['bom-ref'])).toEqual(
      [`crypto/certificate/${sha('CN==HYPERLINK')}`, `crypto/certificate/${sha('CN=Fixture Issuing CA')}`, 'crypto/algorithm/key-exchange/X25519MLKEM768'].sort(),
    );
  });

  it('only refers to components that exist, and lists each component once', () => {
    expect(byRef.size).toBe(components.length);
    for (const [ref, on] of deps) {
      expect(byRef.has(ref), ref).toBe(true);
      for (const o of on) expect(byRef.has(o), o).toBe(true);
    }
  });
});
