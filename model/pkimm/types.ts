import type { Level } from '../statement.js';

/** The four PKIMM modules. */
export type ModuleId = 'G' | 'M' | 'O' | 'R';
export const MODULE_IDS: readonly ModuleId[] = ['G', 'M', 'O', 'R'];

/** A level description as the loaded model gives it. */
export interface ModelLevel {
  readonly number: Level;
  readonly name: string;
  readonly description?: string;
}

/** One requirement of a loaded model. */
export interface ModelRequirement {
  /** The requirement's id inside its category, as the model file has it ("4", or "cert-inventory" in 2.0.0). */
  readonly id: string;
  /**
   * The requirement's reference in this model's own numbering: "<category>.<requirement>" for 1.x ("7.4"),
   * "<category-slug>/<requirement-slug>" for 2.0.0.
   */
  readonly ref: string;
  /** The same requirement in model 1.1.0 numbering ("7.4"); every supported version maps onto it. */
  readonly ref110: string;
  readonly categoryId: string;
  readonly moduleId: ModuleId;
  readonly weight: number;
  /** Short title (the model's `description` field, when the file is loaded; a neutral label offline). */
  readonly title: string;
  readonly guidance?: string;
  readonly assessment?: string;
  /** True for 1.1.0 6.5 and 7.2, which the 2.0.0 draft drops. */
  readonly deprecated?: boolean;
}

/** One category of a loaded model. */
export interface ModelCategory {
  /** The model's own id: "7" in 1.x, "certificate-management" in 2.0.0. */
  readonly id: string;
  /** The same category in model 1.1.0 numbering ("7"). */
  readonly id110: string;
  readonly moduleId: ModuleId;
  readonly name: string;
  readonly weight: number;
  readonly levels: readonly ModelLevel[];
  readonly requirements: readonly ModelRequirement[];
}

/** One module of a loaded model. */
export interface ModelModule {
  readonly id: ModuleId;
  readonly name: string;
  readonly categories: readonly ModelCategory[];
}

/** Where the model came from. */
export interface ModelSource {
  /** `builtin`: the structural facts shipped with the tool (no texts); `file`, `url`, `cache`: an official YAML. */
  readonly kind: 'builtin' | 'file' | 'url' | 'cache';
  /** File path (relative where possible), URL or cache entry. Never an absolute path in reports. */
  readonly location: string;
  readonly sha256?: string;
}

/** A loaded PKIMM model: structure, weights and (when loaded from a file) texts. */
export interface PkimmModel {
  /** "1.0.0", "1.1.0", "2.0.0". */
  readonly version: string;
  readonly schemaVersion: string;
  readonly source: ModelSource;
  readonly modules: readonly ModelModule[];
  /** Level names 1..5 without the "N - " prefix: ["Initial", "Basic", "Advanced", "Managed", "Optimized"]. */
  readonly levelNames: readonly [string, string, string, string, string];
  /** Every category in model order. */
  readonly categories: readonly ModelCategory[];
  /** Every requirement in model order. */
  readonly requirements: readonly ModelRequirement[];
  /** Finds a requirement by this model's own ref, or by its 1.1.0 ref. */
  requirement(ref: string): ModelRequirement | undefined;
  /** Finds a category by this model's own id, or by its 1.1.0 id. */
  category(id: string): ModelCategory | undefined;
}

/** How an extension changes a weight: at most one overlay per item. */
export type Overlay =
  | { readonly type: 'multiplier'; readonly value: number }
  | { readonly type: 'addition'; readonly value: number }
  | { readonly type: 'override'; readonly value: number };

/** One relevance category of an extension (levels 1–5 with their own criteria, and a weight). */
export interface ExtensionRelevance {
  readonly moduleId: ModuleId;
  /** Category id in the extension's numbering (the model version it is compatible with). */
  readonly categoryId: string;
  readonly weight: number;
  readonly levels: readonly ModelLevel[];
}

/** Overlays on one category and its requirements. */
export interface ExtensionCategoryOverlay {
  readonly moduleId: ModuleId;
  readonly categoryId: string;
  /** Overlay on the category weight, if any. */
  readonly overlay?: Overlay;
  /** Overlays on requirement weights, keyed by requirement id inside the category. */
  readonly requirements: Readonly<Record<string, Overlay>>;
}

/** A loaded, validated PKIMM extension (extension framework schema 1.0.0). */
export interface PkimmExtension {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  /** Model versions the extension declares itself compatible with. */
  readonly compatibility: readonly string[];
  readonly floorScore: boolean;
  readonly relevance: readonly ExtensionRelevance[];
  readonly overlays: readonly ExtensionCategoryOverlay[];
  readonly source: string;
}
