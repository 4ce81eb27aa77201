// Loads policy profiles (built-in names or YAML/JSON files, following `extends:`) and waiver lists.
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { displayPath, formatZodError, loadValidatedFile, readStructuredFile } from '../config/load-file.js';
import { BUILTIN_CHAINS, BUILTIN_PROFILES, type BuiltinProfileName } from './builtin-profiles.js';
import { mergeProfileData } from './merge.js';
import { PolicyProfile, PolicyProfileFileSchema } from './profile.js';
import { Waiver, WaiversFile } from './waivers.js';

const MAX_EXTENDS_DEPTH = 8;

/** Where a resolved profile came from, for the report. */
export interface LoadedPolicy {
  readonly profile: PolicyProfile;
  /** The chain, most specific first: ["scan configuration", "ours.yaml", "cabf-tls", "default"]. */
  readonly sources: readonly string[];
}

/** Returns whether `spec` names a built-in profile rather than a file. */
export const isBuiltinProfile = (spec: string): spec is BuiltinProfileName => Object.hasOwn(BUILTIN_PROFILES, spec);

/** Resolves `spec` (built-in name or file) to its merged, unvalidated data and its source chain. */
async function resolveSpec(spec: string, baseDir: string, seen: readonly string[]): Promise<{ data: unknown; sources: string[] }> {
  if (isBuiltinProfile(spec)) return { data: BUILTIN_PROFILES[spec], sources: [...BUILTIN_CHAINS[spec]] };
  const path = resolve(baseDir, spec);
  const shown = displayPath(spec, baseDir);
  if (seen.includes(path)) throw new ConfigError(`policy profile ${shown}: "extends" forms a cycle`, shown);
  if (seen.length >= MAX_EXTENDS_DEPTH) throw new ConfigError(`policy profile ${shown}: more than ${MAX_EXTENDS_DEPTH} levels of "extends"`, shown);
  const raw = (await readStructuredFile(spec, baseDir, 'policy profile')) ?? {};
  const file = PolicyProfileFileSchema.safeParse(raw);
  if (!file.success) throw new ConfigError(formatZodError(file.error, `policy profile ${shown}`), shown);
  const parent = await resolveSpec(file.data.extends ?? 'default', dirname(path), [...seen, path]);
  const { extends: _parent, ...own } = file.data;
  return { data: mergeProfileData(parent.data, own), sources: [shown, ...parent.sources] };
}

/** Validates merged profile data; errors name the most specific source. */
function validate(data: unknown, source: string): PolicyProfile {
  const parsed = PolicyProfile.safeParse(data);
  if (!parsed.success) throw new ConfigError(formatZodError(parsed.error, `policy profile ${source}`), source);
  return parsed.data;
}

/** Loads a profile by built-in name or file path (relative to `baseDir`), following `extends:` (default `default`). */
export async function loadPolicyProfile(spec: string, baseDir: string): Promise<LoadedPolicy> {
  const { data, sources } = await resolveSpec(spec, baseDir, []);
  return { profile: validate(data, sources[0] ?? spec), sources };
}

/** The `policy:` section of a scan configuration: a profile to use (`profile`, a file or built-in name) or to extend, plus inline overrides. */
export const PolicyConfig = z.looseObject({
  /** A profile file or built-in name ("default", "cabf-tls"). */
  profile: z.string().min(1).optional(),
  /** Same as `profile`, read as "the inline fields below extend this profile". */
  extends: z.string().min(1).optional(),
});
export type PolicyConfig = z.infer<typeof PolicyConfig>;

/** Resolves the scan configuration's `policy:` section: the named profile with the inline fields merged over it. */
export async function resolvePolicyConfig(config: PolicyConfig | undefined, baseDir: string): Promise<LoadedPolicy> {
  const { profile, extends: base, ...inline } = config ?? {};
  if (profile !== undefined && base !== undefined) {
    throw new ConfigError('scan configuration policy: give either "profile" or "extends", not both', 'policy');
  }
  const loaded = await loadPolicyProfile(profile ?? base ?? 'default', baseDir);
  if (Object.keys(inline).length === 0) return loaded;
  const file = PolicyProfileFileSchema.safeParse(inline);
  if (!file.success) throw new ConfigError(formatZodError(file.error, 'scan configuration policy'), 'policy');
  const sources = ['scan configuration', ...loaded.sources];
  return { profile: validate(mergeProfileData(loaded.profile, inline), 'scan configuration policy'), sources };
}

/** The scan configuration's `waivers:` entry: a list, or a YAML/JSON file holding `waivers: [...]`. */
export const WaiversConfig = z.union([z.string().min(1), z.array(Waiver)]);
export type WaiversConfig = z.infer<typeof WaiversConfig>;

/** Loads the configured waivers (inline list, or a file relative to `baseDir`). */
export async function loadWaivers(config: WaiversConfig | undefined, baseDir: string): Promise<readonly Waiver[]> {
  if (config === undefined) return [];
  if (typeof config !== 'string') return config;
  return (await loadValidatedFile(WaiversFile, config, baseDir, 'waivers file')).waivers;
}
