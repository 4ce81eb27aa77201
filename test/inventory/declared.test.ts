import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuerSerialKey, loadDeclaredInventory, normaliseSerial, normaliseSha256, parseCsv } from '../../src/inventory/declared.js';

const fp = 'AB:'.repeat(31) + 'CD';

describe('declared inventory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-inv-'));

  it('reads a CSV export with quoted cells and matches by fingerprint or issuer + serial', async () => {
    writeFileSync(
      join(dir, 'cmdb.csv'),
      `SHA256,Issuer,Serial,Owner,Location,State\n${fp},"CN=Issuing CA, O=Example",,team-a,web01,active\n,"CN=Issuing CA, O=Example",00:0A:1B,,web02,active\n`,
    );
    const inv = await loadDeclaredInventory('cmdb.csv', dir);
    expect(inv.records).toBe(2);
    expect(inv.sha256.has('ab'.repeat(31) + 'cd')).toBe(true);
    expect(inv.issuerSerial.has(issuerSerialKey('CN=Issuing CA,  O=Example', '0A1B'))).toBe(true);
    expect(inv.attributeCompleteness).toBe(0.5);
    expect(inv.source).toBe('cmdb.csv');
  });

  it('reads a JSON export', async () => {
    writeFileSync(join(dir, 'clm.json'), JSON.stringify({ certificates: [{ fingerprint: fp, owner: 'x', location: 'y', status: 'active' }] }));
    const inv = await loadDeclaredInventory('clm.json', dir);
    expect(inv.records).toBe(1);
    expect(inv.attributeCompleteness).toBe(1);
  });

  it('names the file when the header is unusable or the file is missing', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'a,b,c\n1,2,3\n');
    await expect(loadDeclaredInventory('bad.csv', dir)).rejects.toThrow(/inventory bad\.csv: the header row names none/);
    await expect(loadDeclaredInventory('missing.csv', dir)).rejects.toThrow('inventory missing.csv: file not found');
  });

  it('normalises fingerprints and serials', () => {
    expect(normaliseSha256('sha256:' + fp)).toBe('ab'.repeat(31) + 'cd');
    expect(normaliseSha256('not-a-fingerprint')).toBeUndefined();
    expect(normaliseSerial('0x00:ff:01')).toBe('FF01');
    expect(parseCsv('a,"b ""q"", c"\r\n\r\n1,2\n')).toEqual([['a', 'b "q", c'], ['1', '2']]);
  });
});
