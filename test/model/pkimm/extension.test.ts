import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/errors.js';
import { checkCompatibility, extensionFromYaml, loadExtension } from '../../../model/pkimm/extension.js';
import { builtinModel } from '../../../model/pkimm/load-model.js';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'fixtures/extensions');
const PQC = join(ROOT, '../shared/pkimm/extensions/pqc-extension.yaml');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as Error).message;
  }
  throw new Error('expected a ModelError');
}

describe('extensionFromYaml', () => {
  it('reads relevance levels and overlays of every kind', () => {
    const ext = extensionFromYaml(fixture('mini-extension.yaml'), 'mini-extension.yaml');
    expect(ext).toMatchObject({ id: 'fixture-ext', version: '0.0.1', compatibility: ['1.1.0'], floorScore: true, source: 'mini-extension.yaml' });
    expect(ext.relevance).toHaveLength(1);
    expect(ext.relevance[0]).toMatchObject({ moduleId: 'G', categoryId: '1', weight: 5 });
    expect(ext.relevance[0]!.levels.map((l) => l.number)).toEqual([1, 2, 3, 4, 5]);
    expect(ext.overlays).toEqual([
      { moduleId: 'G', categoryId: '1', requirements: { '1': { type: 'multiplier', value: 2 } } },
      { moduleId: 'M', categoryId: '7', overlay: { type: 'addition', value: 1 }, requirements: { '4': { type: 'override', value: 6 } } },
    ]);
  });

  it('rejects an overlay with both a multiplier and an addition, naming where', () => {
    expect(errorOf(() => extensionFromYaml(fixture('both-multiplier-and-addition.yaml'), 'bad.yaml'))).toBe(
      'extension file bad.yaml: overlays.modules[0].categories[0].requirements[0]: give exactly one of multiplier, addition or override, not multiplier and addition',
    );
  });

  it.each([
    ['a type without its value', (t: string) => t.replace('type: "addition"\n          addition: 1', 'type: "addition"\n          multiplier: 1'), 'overlays.modules[1].categories[0].addition: is required for type addition, got multiplier'],
    ['a negative multiplier', (t: string) => t.replace('multiplier: 2', 'multiplier: -1'), 'overlays.modules[0].categories[0].requirements[0].multiplier: expected a value of at least 0, got -1'],
    ['four levels', (t: string) => t.replace(/\s+- \{ number: 5, name: "Optimized".*\n/, '\n'), 'relevance.modules[0].categories[0].levels: expected exactly 5 items'],
    ['a non-numeric category id', (t: string) => t.replace('- id: "7"', '- id: "certificate-management"'), 'overlays.modules[1].categories[0].id: expected a numeric id such as "7"'],
    ['an empty compatibility list', (t: string) => t.replace('compatibility: ["1.1.0"]', 'compatibility: []'), 'extension.compatibility: expected at least 1 item'],
    ['a wrong schemaVersion', (t: string) => t.replace('schemaVersion: "1.0.0"', 'schemaVersion: "2.0.0"'), 'schemaVersion: expected "1.0.0", got "2.0.0"'],
  ])('rejects %s with the field path', (_name, edit, expected) => {
    const text = edit(fixture('mini-extension.yaml'));
    expect(errorOf(() => extensionFromYaml(text, 'x.yaml'))).toBe(`extension file x.yaml: ${expected}`);
  });

  it('rejects broken YAML', () => {
    expect(errorOf(() => extensionFromYaml('extension: [\n', 'x.yaml'))).toMatch(/^extension file x\.yaml: invalid YAML at line \d+/);
  });

  it('loads a file and reports its name only', async () => {
    const ext = await loadExtension(join(FIXTURES, 'mini-extension.yaml'));
    expect(ext.source).toBe('mini-extension.yaml');
    await expect(loadExtension(join(FIXTURES, 'none.yaml'))).rejects.toThrow('extension file none.yaml: file not found');
  });
});

describe('checkCompatibility', () => {
  it('accepts a model version in the compatibility list whose ids all exist', () => {
    const ext = extensionFromYaml(fixture('mini-extension.yaml'), 'mini-extension.yaml');
    expect(checkCompatibility(ext, builtinModel('1.1.0'))).toEqual({ compatible: true });
  });

  it('rejects another model version', () => {
    const ext = extensionFromYaml(fixture('mini-extension.yaml'), 'mini-extension.yaml');
    expect(checkCompatibility(ext, builtinModel('1.0.0'))).toEqual({ compatible: false, message: 'extension fixture-ext 0.0.1 is compatible with model 1.1.0, not 1.0.0' });
  });

  it('names categories and requirements the model lacks', () => {
    const text = fixture('mini-extension.yaml').replace('{ id: "4", type: "override"', '{ id: "9", type: "override"').replace('- id: "7"', '- id: "2"');
    const result = checkCompatibility(extensionFromYaml(text, 'x.yaml'), builtinModel('1.1.0'));
    expect(result.compatible).toBe(false);
    expect(result.message).toBe('extension fixture-ext refers to what model 1.1.0 lacks: overlay category M.2 (it is in module G)');
    const missingReq = fixture('mini-extension.yaml').replace('{ id: "4", type: "override"', '{ id: "9", type: "override"');
    expect(checkCompatibility(extensionFromYaml(missingReq, 'x.yaml'), builtinModel('1.1.0')).message).toBe(
      'extension fixture-ext refers to what model 1.1.0 lacks: overlay requirement M.7.9',
    );
  });
});

describe.runIf(existsSync(PQC))('the official PQC extension', () => {
  it('validates, and is compatible with 1.1.0 but not 1.0.0', async () => {
    const ext = await loadExtension(PQC);
    expect(ext.compatibility).toEqual(['1.1.0']);
    expect(ext.relevance.map((r) => `${r.moduleId}.${r.categoryId}`)).toEqual(['G.1', 'G.2', 'G.3', 'G.4']);
    expect(ext.overlays.flatMap((o) => Object.values(o.requirements)).every((o) => o.type === 'multiplier')).toBe(true);
    expect(checkCompatibility(ext, builtinModel('1.1.0'))).toEqual({ compatible: true });
    const old = checkCompatibility(ext, builtinModel('1.0.0'));
    expect(old.compatible).toBe(false);
    expect(old.message).toContain('not 1.0.0');
  });
});
