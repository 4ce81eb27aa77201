// CA configuration collectors, part B: the cost of the parsers the vault-pki, ejbca and adcs collectors use, on
// generated input in the same run. Terraform: hcl2-parser (GopherJS) per resource block against the bounded block
// splitter alone; EJBCA: XMLEncoder decode + profile mapping per export; AD CS: template JSON per template.
// Run: npx tsx bench/ca-config-b-bench.ts [blocks]   (default 200 Terraform blocks; everything loopback-free, in memory)
import { performance } from 'node:perf_hooks';
import { parseAdcsExport } from '../collectors/adcs/parse.js';
import { certificateProfileToCaProfile } from '../collectors/ejbca/profile.js';
import { decodeXmlEncoder, type JavaMap } from '../collectors/ejbca/xml-encoder.js';
import { readTerraformFile, splitHclBlocks } from '../collectors/vault-pki/terraform.js';

const blocks = Number(process.argv[2] ?? 200);
if (!Number.isInteger(blocks) || blocks < 10 || blocks > 5000) throw new Error(`Bad block count: ${process.argv[2] ?? ''}`);

const role = (i: number): string =>
  `resource "vault_pki_secret_backend_role" "r${i}" {\n  backend = vault_mount.pki.path\n  name = "role${i}"\n  ttl = 3600\n  max_ttl = "72h"\n  allowed_domains = ["a${i}.example.test"]\n  key_type = "ec"\n  key_bits = 256\n}\n`;
const other = (i: number): string => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "bucket-${i}"\n  tags = { Name = "x${i}" }\n}\n`;
const tf = Array.from({ length: blocks }, (_, i) => `${role(i)}\n${other(i)}`).join('\n');

const time = async (fn: () => unknown): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

const loadMs = await time(() => readTerraformFile(role(0), 'warm.tf'));
const splitMs = await time(() => splitHclBlocks(tf));
const parseMs = await time(() => readTerraformFile(tf, 'bench.tf'));

const put = (k: string, v: string): string => `<void method="put"><string>${k}</string>${v}</void>`;
const profileXml = `<?xml version="1.0" encoding="UTF-8"?><java version="11" class="java.beans.XMLDecoder"><object class="java.util.LinkedHashMap">${[
  put('type', '<int>1</int>'),
  put('encodedvalidity', '<string>1y 2mo</string>'),
  put('availablekeyalgorithms', '<object class="java.util.ArrayList"><void method="add"><string>RSA</string></void><void method="add"><string>ECDSA</string></void></object>'),
  put('availablebitlengths', `<object class="java.util.ArrayList">${[256, 384, 2048, 3072, 4096].map((b) => `<void method="add"><int>${b}</int></void>`).join('')}</object>`),
  ...Array.from({ length: 150 }, (_, i) => put(`filler${i}`, '<boolean>false</boolean>')),
].join('')}</object></java>`;
const profiles = 2000;
const ejbcaMs = await time(() => {
  for (let i = 0; i < profiles; i++) certificateProfileToCaProfile(decodeXmlEncoder(profileXml) as JavaMap, `certprofile_P-${i}.xml`, 'bench');
});

const templates = 5000;
const adcsJson = JSON.stringify(
  Array.from({ length: templates }, (_, i) => ({
    name: `T${i}`,
    'msPKI-Certificate-Name-Flag': i % 2,
    'msPKI-Enrollment-Flag': 0,
    'msPKI-RA-Signature': 0,
    'msPKI-Minimal-Key-Size': 2048,
    pKIExtendedKeyUsage: ['1.3.6.1.5.5.7.3.2'],
    pKIExpirationPeriod: [0, 64, 57, 135, 46, 225, 254, 255],
    nTSecurityDescriptor: { Sddl: 'O:DAD:PAI(OA;;CR;0e10c968-78fb-11d2-90d4-00c04f79dc55;;DU)(A;;LCRPLORC;;;AU)' },
  })),
);
const adcsMs = await time(() => parseAdcsExport(adcsJson, 'bench.json'));

const row = (what: string, n: number, ms: number, unit: string): string => `| ${what} | ${n} | ${ms.toFixed(0)} | ${((n / ms) * 1000).toFixed(0)} ${unit}/s |`;
console.log(`node ${process.version}, ${process.arch}`);
console.log('| measurement | items | ms | rate |');
console.log('| --- | --- | --- | --- |');
console.log(`| hcl2-parser load + first block | 1 | ${loadMs.toFixed(0)} | - |`);
console.log(row('HCL block splitter (vault + other resources)', blocks * 2, splitMs, 'blocks'));
console.log(row('Terraform file: split + hcl2-parser on Vault blocks', blocks, parseMs, 'Vault blocks'));
console.log(row('EJBCA profile export: validate + decode + map', profiles, ejbcaMs, 'profiles'));
console.log(row('AD CS template JSON: parse + map + ESC', templates, adcsMs, 'templates'));
