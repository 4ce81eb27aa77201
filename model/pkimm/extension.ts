// PKIMM extensions (extension framework schema 1.0.0, extensions/extension.schema.json in pkic/pkimm): relevance
// criteria with their own levels, and weight overlays on model categories and requirements.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { ModelError } from '../errors.js';
import type { Level } from '../statement.js';
import { parseBoundedYaml } from './load-model.js';
import { formatFirstIssue, MAX_MODEL_BYTES, yamlErrorMap } from './model-schema.js';
import type { ExtensionCategoryOverlay, ExtensionRelevance, ModuleId, Overlay, PkimmExtension, PkimmModel } from './types.js';

const ModuleIdSchema = z.string().regex(/^[GMOR]$/, 'expected one of G, M, O, R');
const NumericId = z.string().regex(/^\d+$/, 'expected a numeric id such as "7"');
const OVERLAY_KINDS = ['multiplier', 'addition', 'override'] as const;

const ExtensionLevelSchema = z.looseObject({
  number: z.number().int().min(1).max(5),
  name: z.string(),
  description: z.string(),
});

const overlayFields = {
  type: z.enum(OVERLAY_KINDS).optional(),
  multiplier: z.number().min(0).optional(),
  addition: z.number().optional(),
  override: z.number().min(0).optional(),
  rationale: z.string().optional(),
};

type OverlayFields = { type?: (typeof OVERLAY_KINDS)[number] | undefined } & Partial<Record<(typeof OVERLAY_KINDS)[number], number | undefined>>;

/** Checks "exactly one of multiplier/addition/override, matching `type`"; `optional` allows none of them at all. */
const checkOverlay = (value: OverlayFields, ctx: z.core.$RefinementCtx, optional: boolean): void => {
  const present = OVERLAY_KINDS.filter((k) => value[k] !== undefined);
  if (present.length === 0 && value.type === undefined && optional) return;
  if (present.length > 1) {
    ctx.addIssue({ code: 'custom', message: `give exactly one of multiplier, addition or override, not ${present.join(' and ')}` });
    return;
  }
  if (value.type === undefined) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: `is required with ${present.join('')}` });
    return;
  }
  if (present[0] !== value.type) {
    ctx.addIssue({ code: 'custom', path: [value.type], message: `is required for type ${value.type}${present.length === 1 ? `, got ${present[0] ?? ''}` : ''}` });
  }
};

const uniqueIds = (items: readonly { id: string }[], ctx: z.core.$RefinementCtx, what: string): void => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `${what} ${item.id} appears twice` });
    seen.add(item.id);
  });
};

const RequirementOverlaySchema = z
  .looseObject({ ...overlayFields, id: NumericId, type: z.enum(OVERLAY_KINDS), rationale: z.string() })
  .superRefine((value, ctx) => checkOverlay(value, ctx, false));

const CategoryOverlaySchema = z
  .looseObject({
    ...overlayFields,
    id: NumericId,
    requirements: z.array(RequirementOverlaySchema).superRefine((items, ctx) => uniqueIds(items, ctx, 'requirement')).optional(),
  })
  .superRefine((value, ctx) => checkOverlay(value, ctx, true));

const RelevanceCategorySchema = z.looseObject({
  id: NumericId,
  weight: z.number().int().min(0),
  guidance: z.string(),
  assessment: z.string(),
  references: z.string(),
  levels: z
    .array(ExtensionLevelSchema)
    .length(5)
    .superRefine((levels, ctx) => {
      levels.forEach((level, index) => {
        if (level.number !== index + 1) ctx.addIssue({ code: 'custom', path: [index, 'number'], message: `expected ${index + 1}, got ${level.number}` });
      });
    }),
});

const modulesOf = <C extends z.ZodType<{ id: string }>>(categorySchema: C) =>
  z
    .array(z.looseObject({ id: ModuleIdSchema, categories: z.array(categorySchema).superRefine((items, ctx) => uniqueIds(items, ctx, 'category')) }))
    .max(4)
    .superRefine((items, ctx) => uniqueIds(items, ctx, 'module'));

/** zod schema of an extension file (extension framework schema 1.0.0). */
export const ExtensionFileSchema = z.looseObject({
  schemaVersion: z.literal('1.0.0'),
  extension: z.looseObject({
    id: z.string().min(1),
    name: z.string(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version like 0.1.0'),
    description: z.string(),
    documentation: z.url(),
    compatibility: z.array(z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a model version like 1.1.0')).min(1),
    floorScore: z.boolean().optional(),
  }),
  relevance: z.looseObject({ modules: modulesOf(RelevanceCategorySchema).optional() }),
  overlays: z.looseObject({ modules: modulesOf(CategoryOverlaySchema).optional() }),
});
export type ExtensionFileSchema = z.infer<typeof ExtensionFileSchema>;

const toOverlay = (value: OverlayFields): Overlay | undefined => {
  if (value.type === undefined) return undefined;
  const amount = value[value.type];
  return amount === undefined ? undefined : { type: value.type, value: amount };
};

/**
 * Parses and validates an extension file. `source` names it in messages (a relative path or file name).
 * Throws ModelError with one line naming the source and the field path.
 */
export function extensionFromYaml(text: string, source: string): PkimmExtension {
  const what = `extension file ${source}`;
  const data = parseBoundedYaml(text, what, source);
  const parsed = ExtensionFileSchema.safeParse(data, { error: yamlErrorMap });
  if (!parsed.success) throw new ModelError(`${what}: ${formatFirstIssue(parsed.error)}`, source);
  const file = parsed.data;
  const relevance: ExtensionRelevance[] = (file.relevance.modules ?? []).flatMap((m) =>
    m.categories.map((c) => ({
      moduleId: m.id as ModuleId,
      categoryId: c.id,
      weight: c.weight,
      levels: c.levels.map((l) => ({ number: l.number as Level, name: l.name, description: l.description.trimEnd() })),
    })),
  );
  const overlays: ExtensionCategoryOverlay[] = (file.overlays.modules ?? []).flatMap((m) =>
    m.categories.map((c) => {
      const overlay = toOverlay(c);
      const requirements: Record<string, Overlay> = {};
      for (const r of c.requirements ?? []) {
        const o = toOverlay(r);
        if (o !== undefined) requirements[r.id] = o;
      }
      return { moduleId: m.id as ModuleId, categoryId: c.id, ...(overlay === undefined ? {} : { overlay }), requirements };
    }),
  );
  return {
    id: file.extension.id,
    name: file.extension.name,
    version: file.extension.version,
    description: file.extension.description.trim(),
    compatibility: file.extension.compatibility,
    floorScore: file.extension.floorScore ?? false,
    relevance,
    overlays,
    source,
  };
}

/**
 * Reads and validates an extension file; its source is reported as the file name only.
 * Throws ModelError when the file is missing, too large or invalid.
 */
export async function loadExtension(path: string): Promise<PkimmExtension> {
  const source = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelError(`extension file ${source}: ${code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'error'})`}`, source, { cause: error });
  }
  if (size > MAX_MODEL_BYTES) throw new ModelError(`extension file ${source}: file is ${size} bytes, more than the ${MAX_MODEL_BYTES}-byte limit`, source);
  return extensionFromYaml(await readFile(path, 'utf8'), source);
}

/**
 * Checks an extension against a loaded model: the model version must be in the extension's compatibility list, and
 * every relevance/overlay category and overlaid requirement must exist in the model, in the same module.
 * Returns `{ compatible: false, message }` naming the problems.
 */
export function checkCompatibility(ext: PkimmExtension, model: PkimmModel): { compatible: boolean; message?: string } {
  if (!ext.compatibility.includes(model.version)) {
    return {
      compatible: false,
      message: `extension ${ext.id} ${ext.version} is compatible with model ${ext.compatibility.join(', ')}, not ${model.version}`,
    };
  }
  const missing: string[] = [];
  const checkCategory = (moduleId: ModuleId, categoryId: string, where: string): boolean => {
    const category = model.categories.find((c) => c.id === categoryId);
    if (category === undefined) {
      missing.push(`${where} category ${moduleId}.${categoryId}`);
      return false;
    }
    if (category.moduleId !== moduleId) {
      missing.push(`${where} category ${moduleId}.${categoryId} (it is in module ${category.moduleId})`);
      return false;
    }
    return true;
  };
  for (const r of ext.relevance) checkCategory(r.moduleId, r.categoryId, 'relevance');
  for (const o of ext.overlays) {
    if (!checkCategory(o.moduleId, o.categoryId, 'overlay')) continue;
    const category = model.categories.find((c) => c.id === o.categoryId);
    for (const requirementId of Object.keys(o.requirements)) {
      if (category?.requirements.some((r) => r.id === requirementId) !== true) missing.push(`overlay requirement ${o.moduleId}.${o.categoryId}.${requirementId}`);
    }
  }
  if (missing.length > 0) {
    return { compatible: false, message: `extension ${ext.id} refers to what model ${model.version} lacks: ${missing.join(', ')}` };
  }
  return { compatible: true };
}
