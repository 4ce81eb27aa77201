import { z } from 'zod';
import { defaultCacheDir } from '../../model/pkimm/load-model.js';
import { byteSize, durationMs } from '../../src/config/units.js';

/** Default cache folder for fetched end-of-life tables: `<user cache dir>/pkimm-scan/endoflife`. */
export const defaultEolCacheDir = (): string => `${defaultCacheDir()}/endoflife`;

/** Roles a platform plays in the PKI. */
export const PlatformRoleSchema = z.enum(['ca', 'ra', 'client', 'library', 'os', 'hsm', 'web-server']);

/** A product id: lowercase letters, digits and ". _ + -", starting with a letter or digit. */
const ProductId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._+-]{0,63}$/, 'expected a product id such as "openssl" or "windows-server"');

/** A version as a person writes it: one line, at most 100 characters. */
const Version = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u, 'expected a one-line version');

/** One platform a person declares (HSM firmware, OS, CA version): recorded with `source.kind: declared`. */
export const DeclaredPlatform = z
  .object({
    product: ProductId,
    version: Version,
    /** Default: the role the product map gives the product. */
    role: PlatformRoleSchema.optional(),
    /** A name for the instance, e.g. "issuing CA host" or "HSM cluster A". */
    name: z.string().trim().min(1).max(200).optional(),
    /** "production", "test", "staging", ...; test and staging platforms do not cap the future-proofing level. */
    environment: z.string().trim().toLowerCase().min(1).max(50).optional(),
  })
  .strict();
/** A parsed declared platform. */
export type DeclaredPlatform = z.infer<typeof DeclaredPlatform>;

/** How one of our product ids is looked up in the end-of-life data. */
export const ProductMapping = z
  .object({
    /** The endoflife.date product name (slug); default: the product id itself. */
    slug: z.string().regex(/^[a-z0-9][a-z0-9._+-]{0,63}$/, 'expected an endoflife.date product name').optional(),
    /** The role of the product when a declaration does not give one. */
    role: PlatformRoleSchema.optional(),
    /** Version (or version prefix) → cycle, for versions the table names differently, e.g. { "10.0.17763": "2019" }. */
    aliases: z.record(z.string().min(1).max(100), z.string().min(1).max(100)).default({}),
  })
  .strict();
/** A parsed product mapping. */
export type ProductMapping = z.infer<typeof ProductMapping>;

/**
 * Product ids the tool knows, with their endoflife.date names where that site tracks the product, and their usual
 * role. This maps names only; lifecycle dates always come from the configured tables.
 */
export const DEFAULT_PRODUCTS: Readonly<Record<string, { readonly slug?: string; readonly role: z.infer<typeof PlatformRoleSchema> }>> = {
  adcs: { slug: 'windows-server', role: 'ca' },
  'apache-http-server': { role: 'web-server' },
  'cert-manager': { role: 'client' },
  certbot: { role: 'client' },
  cfssl: { role: 'ca' },
  ejbca: { role: 'ca' },
  go: { role: 'library' },
  nginx: { role: 'web-server' },
  openbao: { role: 'ca' },
  openssl: { role: 'library' },
  'openssl-ca': { slug: 'openssl', role: 'ca' },
  'oracle-jdk': { role: 'library' },
  rhel: { role: 'os' },
  'step-ca': { role: 'ca' },
  ubuntu: { role: 'os' },
  vault: { slug: 'hashicorp-vault', role: 'ca' },
  'windows-server': { role: 'os' },
};

/** An end-of-life data file: a path, or a path with the product name its rows are for. */
const EolFile = z.union([
  z.string().min(1),
  z
    .object({
      path: z.string().min(1),
      /** The endoflife.date product name the file's rows are for; default: the file name without extension. */
      product: z.string().regex(/^[a-z0-9][a-z0-9._+-]{0,63}$/, 'expected an endoflife.date product name').optional(),
    })
    .strict(),
]);

/** Configuration of the platform collector; defaults live here. */
export const PlatformConfig = z
  .object({
    /** Platforms a person declares: `[{ product, version, role?, name?, environment? }]`. */
    declared: z.array(DeclaredPlatform).max(10_000).default([]),
    /** Read versions other collectors of the same scan recorded (certbot's version in its renewal files, ...). */
    fromEvidence: z.boolean().default(true),
    /**
     * End-of-life tables in the endoflife.date API v1 format (`[{ cycle, releaseDate, eol, latest, lts, support }]`, one
     * product per file named after it, or `{ "<product>": [...] }`), JSON or YAML, relative to the scan's base directory.
     */
    eolData: z.array(EolFile).default([]),
    /** Fetch tables the files do not provide from an endoflife.date-compatible API (off by default: no network). */
    eolApi: z
      .object({
        enabled: z.boolean().default(false),
        /** The API base; `<baseUrl>/<product>.json` is fetched. */
        baseUrl: z.url({ protocol: /^https?$/ }).default('https://endoflife.date/api'),
        timeoutMs: durationMs().default(15_000),
        maxBytes: byteSize().default(2 * 1024 ** 2),
        /** Most products fetched per scan; the rest are reported as one problem. */
        maxProducts: z.number().int().positive().default(50),
        cache: z
          .object({
            enabled: z.boolean().default(true),
            /** Cache folder; default `<user cache dir>/pkimm-scan/endoflife`. */
            dir: z.string().min(1).optional(),
            maxEntries: z.number().int().positive().default(200),
            maxBytes: byteSize().default(100 * 1024 ** 2),
          })
          .strict()
          .default({ enabled: true, maxEntries: 200, maxBytes: 100 * 1024 ** 2 }),
      })
      .strict()
      .default({ enabled: false, baseUrl: 'https://endoflife.date/api', timeoutMs: 15_000, maxBytes: 2 * 1024 ** 2, maxProducts: 50, cache: { enabled: true, maxEntries: 200, maxBytes: 100 * 1024 ** 2 } }),
    /** Product id → endoflife.date name, default role and version aliases; merged over the built-in map. */
    products: z.record(ProductId, ProductMapping).default({}),
    /** A PQC capability table (YAML or JSON): `[{ product, minVersion, capabilities: [...], source }]`. */
    pqcCapability: z.string().min(1).optional(),
    /** Largest end-of-life or capability file read. */
    maxFileBytes: byteSize().default(5 * 1024 ** 2),
  })
  .strict()
  .superRefine((config, ctx) => {
    config.declared.forEach((platform, index) => {
      if (platform.role === undefined && config.products[platform.product]?.role === undefined && DEFAULT_PRODUCTS[platform.product] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['declared', index, 'role'], message: `product "${platform.product}" has no default role: give role (ca, ra, client, library, os, hsm, web-server)` });
      }
    });
  });
/** Parsed platform configuration. */
export type PlatformConfig = z.infer<typeof PlatformConfig>;
