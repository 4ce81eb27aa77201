import { existsSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ejbca from '../../../collectors/ejbca/index.js';
import { decodeXmlEncoder, XmlEncoderError } from '../../../collectors/ejbca/xml-encoder.js';
import { assertNoSecrets } from '../../../src/ca-config/secrets.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/ca-configs/', import.meta.url));
const shared = fileURLToPath(new URL('../../../../shared/realworld/configs/', import.meta.url));

async function run(paths: string[], baseDir = fixtures) {
  const ctx = fakeCollectorContext({ baseDir });
  await ejbca.collect(ejbca.config.parse({ paths }), ctx);
  return ctx;
}

describe('ejbca collector', () => {
  it('maps certificate profiles (current and legacy exports) into one setup and reports each bad file with its position', async () => {
    const ctx = await run(['ejbca']);
    const setups = ctx.ofKind('ca-config');
    expect(setups.map((s) => [s.product, s.name, s.source])).toEqual([['ejbca', 'EJBCA certificate profiles (ejbca)', { path: 'ejbca' }]]);
    const profiles = Object.fromEntries(setups[0]!.profiles.map((p) => [p.name, p]));
    expect(Object.keys(profiles)).toEqual(['Cmp', 'Legacy-SubCA', 'TLSServer']);
    expect(profiles.TLSServer).toMatchObject({
      kind: 'profile',
      maxValiditySeconds: (365 + 60) * 86400,
      keyTypes: [
        { algorithm: 'EC', curves: ['P-256', 'P-384'] },
        { algorithm: 'RSA', minBits: 2048, bits: [2048, 3072] },
      ],
      extendedKeyUsage: ['serverAuth', 'clientAuth'],
      isCa: false,
      approvalRequired: true,
      includesCrlDistributionPoint: true,
      includesOcspUrl: true,
      includesCaIssuersUrl: false,
      details: { file: 'ejbca/certprofile_TLSServer-1001.xml', profileId: 1001, type: 'end entity', signatureAlgorithm: 'inherited from the CA', allowExtensionOverride: true, certificateTransparency: true },
    });
    expect(profiles.TLSServer!.signatureAlgorithms).toBeUndefined();
    expect(profiles['Legacy-SubCA']).toMatchObject({
      maxValiditySeconds: 730 * 86400,
      keyTypes: [{ algorithm: 'RSA', minBits: 1024, bits: [1024, 2048] }],
      signatureAlgorithms: ['SHA1WithRSA'],
      isCa: true,
      subject: { enrolleeSuppliesSubject: true },
      approvalRequired: true,
      details: { type: 'sub CA', allowValidityOverride: true, allowDnOverride: true },
    });
    expect(profiles.Cmp).toMatchObject({ maxValiditySeconds: 90 * 86400, keyTypes: [{ algorithm: 'Ed25519' }] });

    expect(ctx.problems.map((p) => p.message).sort()).toEqual([
      'ejbca/bad/certprofile_Broken-1003.xml: line 7, column 2: malformed XML (InvalidTag)',
      'ejbca/bad/certprofile_Xxe-1004.xml: line 2: a DTD (<!DOCTYPE>/<!ENTITY>) is not allowed in a profile export',
      'ejbca/bad/not-xml.xml: line 1, column 1: malformed XML (InvalidChar)',
      'ejbca/bad/notes.xml: an XMLEncoder document, but not an EJBCA certificate profile (no validity, key algorithm or CRL settings)',
    ]);
  });

  it('never copies values of keys it does not read (CMP shared secrets, passwords) and skips end entity profiles', async () => {
    const ctx = await run(['ejbca']);
    expect(() =>
      assertNoSecrets({ emitted: ctx.emitted, problems: ctx.problems }, ['fixture-cmp-shared-secret-do-not-leak', 'fixture-ejbca-password-do-not-leak', 'fixture-end-entity-password', '/etc/passwd']),
    ).not.toThrow();
  });

  describe('hostile input', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pkimm-ejbca-'));
      await writeFile(join(dir, 'certprofile_Utf16-1.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?>\n<java><object class="java.util.HashMap"><void method="put"><string>encodedvalidity</string><string>2y</string></void></object></java>', 'utf16le')]));
      const nested = `<java>${'<object class="java.util.ArrayList"><void method="add">'.repeat(60)}<string>x</string>${'</void></object>'.repeat(60)}</java>`;
      await writeFile(join(dir, 'certprofile_Deep-2.xml'), nested);
      await writeFile(join(dir, 'certprofile_Placeholder-3.xml'), '<java>\n  <object class="java.util.HashMap">\n    ...\n  </object>\n</java>\n');
      await writeFile(join(dir, 'certprofile_Big-4.xml'), '');
      await truncate(join(dir, 'certprofile_Big-4.xml'), 50 * 1024 * 1024);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reads UTF-16 exports and refuses oversized, too deep and placeholder files with one problem each', async () => {
      const ctx = await run(['.'], dir);
      expect(ctx.ofKind('ca-config')[0]!.profiles.map((p) => [p.name, p.maxValiditySeconds])).toEqual([['Utf16', 2 * 365 * 86400]]);
      expect(ctx.problems.map((p) => [p.code, p.message.replace(/^\.\/?/, '')]).sort()).toEqual([
        ['parse', 'certprofile_Deep-2.xml: elements nested deeper than 64 levels'],
        ['parse', 'certprofile_Placeholder-3.xml: an XMLEncoder document, but not an EJBCA certificate profile (no validity, key algorithm or CRL settings)'],
        ['too-large', `certprofile_Big-4.xml: ${50 * 1024 * 1024} bytes exceeds the limit of 1000000`],
      ]);
    });
  });

  it('decodes predefined entities and character references in values', () => {
    expect(decodeXmlEncoder('<java><string>a &amp; b &lt;c&gt; &#65;&#x42; &unknown;</string></java>')).toBe('a & b <c> AB &unknown;');
  });

  it.each([
    ['<java><string>x</java>', /line 1, column \d+: malformed XML/],
    ['<java/>', /the <java> element is empty/],
    ['<root><string>x</string></root>', /no <java> root element/],
  ])('decodeXmlEncoder refuses %j', (xml, message) => {
    expect(() => decodeXmlEncoder(xml)).toThrow(XmlEncoderError);
    expect(() => decodeXmlEncoder(xml)).toThrow(message);
  });
});

describe.runIf(existsSync(shared))('ejbca collector: real exports (../shared/realworld)', () => {
  it.each([
    { name: 'RootCA-G1', maxValiditySeconds: 25 * 365 * 86400, isCa: true, type: 'root CA', bits: [3072, 4096], cdp: false, eku: [] },
    { name: 'SubCA-G1', maxValiditySeconds: 10 * 365 * 86400, isCa: true, type: 'sub CA', bits: [2048, 3072, 4096], cdp: true, eku: [] },
    { name: 'managementCA', maxValiditySeconds: 10 * 365 * 86400, isCa: true, type: 'root CA', bits: [3072, 4096], cdp: false, eku: [] },
    { name: 'adminMgmtCA', maxValiditySeconds: 365 * 86400, isCa: false, type: 'end entity', bits: [2048, 3072], cdp: true, eku: ['clientAuth'] },
  ])('$name', async ({ name, maxValiditySeconds, isCa, type, bits, cdp, eku }) => {
    const ctx = await run(['ejbca'], shared);
    expect(ctx.problems).toEqual([]);
    const profile = ctx.ofKind('ca-config')[0]!.profiles.find((p) => p.name === name)!;
    expect(profile).toMatchObject({ maxValiditySeconds, isCa, keyTypes: [{ algorithm: 'RSA', bits }], signatureAlgorithms: ['SHA256WithRSA'], includesCrlDistributionPoint: cdp, extendedKeyUsage: eku, details: { type } });
  });
});
