import { z } from 'zod';
import { byteSize } from '../../src/config/units.js';

/** Configuration of the azure-key-vault collector; defaults live here. */
export const AzureKeyVaultConfig = z
  .object({
    /** JSON outputs of `az keyvault certificate show` (one object) or `list` (an array), or arrays of show outputs. */
    files: z.array(z.string().min(1)).default([]),
    /** Vault URLs read live with DefaultAzureCredential, e.g. "https://my-vault.vault.azure.net". */
    vaults: z.array(z.string().regex(/^https:\/\/[a-z0-9-]+\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de)\/?$/i, 'expected https://<name>.vault.azure.net')).default([]),
    /** Most certificates read per vault. */
    maxCertificates: z.number().int().positive().default(10_000),
    /** Largest JSON file read. */
    maxFileBytes: byteSize().default(50_000_000),
  })
  .strict();
/** Parsed azure-key-vault configuration. */
export type AzureKeyVaultConfig = z.infer<typeof AzureKeyVaultConfig>;
