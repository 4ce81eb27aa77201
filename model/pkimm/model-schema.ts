// zod schemas for the official PKIMM model files (data/pkimm-model-<version>.yaml in pkic/pkimm), mirroring
// pkimm-model.schema.json (schemaVersion 1.0.0, used by models 1.0.0 and 1.1.0) and the 2.0.0 draft, whose
// requirement `references` are lists of ids into a separate reference registry. Unknown extra fields are tolerated,
// as the official schema does not forbid them.
import { z } from 'zod';

/** Largest model or extension file the tool reads or downloads (5 MB); the official files are about 170 kB. */
export const MAX_MODEL_BYTES = 5 * 1024 * 1024;

/** Largest number of YAML aliases a model or extension file may expand (the official files use none). */
export const MAX_YAML_ALIASES = 20;

const ModuleIdSchema = z.string().regex(/^[GMOR]$/, 'expected one of G, M, O, R');

/** One level description of a category (1..5). */
export const ModelLevelSchema = z.looseObject({
  number: z.number().int().min(1).max(5),
  name: z.string(),
  description: z.string(),
});

const baseRequirement = {
  id: z.string().min(1),
  weight: z.number().int().min(0),
  description: z.string(),
  guidance: z.string(),
  assessment: z.string(),
};

/** A requirement in a schemaVersion 1.0.0 file: `references` is one markdown string. */
export const ModelRequirementSchemaV1 = z.looseObject({ ...baseRequirement, references: z.string() });

/** A requirement in a schemaVersion 2.0.0 file: `references` lists ids into the reference registry. */
export const ModelRequirementSchemaV2 = z.looseObject({ ...baseRequirement, references: z.array(z.string()) });

const category = <R extends z.ZodType>(requirement: R) =>
  z.looseObject({
    id: z.string().min(1),
    weight: z.number().int().min(0),
    name: z.string(),
    description: z.string(),
    levels: z.array(ModelLevelSchema).optional(),
    requirements: z.array(requirement).optional(),
  });

const moduleOf = <C extends z.ZodType>(categorySchema: C) =>
  z.looseObject({
    id: ModuleIdSchema,
    name: z.enum(['Governance', 'Management', 'Operations', 'Resources']),
    description: z.string(),
    categories: z.array(categorySchema),
  });

const VersionSchema = z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version like 1.1.0');

/** A whole model file with schemaVersion 1.0.0 (models 1.0.0 and 1.1.0). */
export const ModelFileSchemaV1 = z.looseObject({
  schemaVersion: z.literal('1.0.0'),
  version: VersionSchema,
  modules: z.array(moduleOf(category(ModelRequirementSchemaV1))),
});
export type ModelFileSchemaV1 = z.infer<typeof ModelFileSchemaV1>;

/** A whole model file with schemaVersion 2.0.0 (the 2.0.0 draft). */
export const ModelFileSchemaV2 = z.looseObject({
  schemaVersion: z.literal('2.0.0'),
  version: VersionSchema,
  modules: z.array(moduleOf(category(ModelRequirementSchemaV2))),
});
export type ModelFileSchemaV2 = z.infer<typeof ModelFileSchemaV2>;

/** Either model file shape. */
export type ModelFile = ModelFileSchemaV1 | ModelFileSchemaV2;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

const items = (count: number | bigint): string => `${count} item${count === 1 ? '' : 's'}`;

const describeInput = (input: unknown): string => {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return `"${input.length > 40 ? `${input.slice(0, 40)}…` : input}"`;
  if (typeof input === 'number' || typeof input === 'boolean' || typeof input === 'bigint') return String(input);
  return typeof input;
};

/**
 * zod error map that words issues for people editing YAML ("expected an integer", "is required").
 * Pass it as `schema.safeParse(data, { error: yamlErrorMap })`; returns undefined to keep zod's wording otherwise.
 */
export function yamlErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return `expected ${expected}, got ${describeInput(issue.input)}`;
    }
    case 'invalid_value': {
      if (issue.input === undefined) return 'is required';
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return issue.values.length === 1 ? `expected ${values}, got ${describeInput(issue.input)}` : `expected one of ${values}, got ${describeInput(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `expected ${issue.exact === true ? 'exactly' : 'at least'} ${items(issue.minimum)}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `expected a value of at least ${issue.minimum}, got ${describeInput(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected ${issue.exact === true ? 'exactly' : 'at most'} ${items(issue.maximum)}`;
      return `expected a value of at most ${issue.maximum}, got ${describeInput(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}

/** Returns a zod issue path as people write it: `modules[0].categories[2].weight` ("(root)" for the document). */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

/** Returns the first issue of a zod error as one line, `<path>: <message>`, noting how many more there are. */
export function formatFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return '(root): invalid';
  const more = error.issues.length - 1;
  const suffix = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
  return `${formatIssuePath(issue.path)}: ${issue.message.replace(/\s+/g, ' ').trim()}${suffix}`;
}
