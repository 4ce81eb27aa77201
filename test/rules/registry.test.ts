import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIREMENT_MAP } from '../../model/pkimm/version-map.js';
import { builtInAssessors, builtInRules } from '../../rules/index.js';

const rulesDir = new URL('../../rules/', import.meta.url);
const allFiles = (await readdir(rulesDir, { recursive: true })).map((f) => f.replaceAll('\\', '/'));
const unitFiles = allFiles.filter((f) => f.endsWith('.ts') && f !== 'index.ts');
const refs = new Set(REQUIREMENT_MAP.map((r) => r.ref110));

const units = [
  ...builtInRules.map((r) => ({ id: r.id, title: r.title, pkimm: [...r.pkimm], kind: 'rule' })),
  ...builtInAssessors.map((a) => ({ id: a.id, title: a.title, pkimm: [a.pkimm], kind: 'assessor' })),
];
/** The file of each registered unit, found by its id. */
const fileOf = (id: string): string | undefined => unitFiles.find((f) => basename(f, '.ts') === id);

describe('rule registry', () => {
  it('has only NN-category/<id>.ts files besides index.ts', () => {
    expect(unitFiles.filter((f) => !/^\d\d-[a-z-]+\/[a-z0-9]+(-[a-z0-9]+)*\.ts$/.test(f))).toEqual([]);
  });

  it('registers every file exactly once, under its own file name', () => {
    const ids = units.map((u) => u.id);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual(unitFiles.map((f) => basename(f, '.ts')).sort());
  });

  it.each(units.map((u) => [u.id, u] as const))('%s: default export is the registered unit', async (id) => {
    const file = fileOf(id)!;
    const module = (await import(new URL(file.replace(/\.ts$/, '.js'), rulesDir).href)) as { default: { id: string } };
    expect(module.default.id).toBe(id);
  });

  it.each(units.map((u) => [u.id, u] as const))('%s: metadata follows the conventions', (id, unit) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(unit.title.length).toBeLessThanOrEqual(100);
    expect(unit.title).not.toMatch(/^ensure/i);
    expect(unit.pkimm.length).toBeGreaterThan(0);
    for (const ref of unit.pkimm) expect(refs.has(ref), `${id}: PKIMM ref ${ref} is not in model 1.1.0`).toBe(true);
    // The folder is the primary category, so one of the refs is in it.
    const category = Number(fileOf(id)!.slice(0, 2));
    expect(unit.pkimm.some((ref) => Number(ref.split('.')[0]) === category), `${id} lives in category ${category}`).toBe(true);
  });

  it.each(units.map((u) => [u.id] as const))('%s: has a test file', (id) => {
    const file = fileOf(id)!;
    expect(existsSync(new URL(`./${file.replace(/\.ts$/, '.test.ts')}`, import.meta.url)), `test/rules/${file.replace(/\.ts$/, '.test.ts')}`).toBe(true);
  });

  it('has no scaffold leftovers under rules/', async () => {
    const leftovers: string[] = [];
    for (const file of allFiles.filter((f) => /\.(ts|md|json)$/.test(f))) {
      if ((await readFile(new URL(file, rulesDir), 'utf8')).includes('TODO(scaffold)')) leftovers.push(file);
    }
    expect(leftovers).toEqual([]);
  });
});
