import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';
import { fileOptions } from '../../src/ca-config/config-files.js';

/** Reading a running server through its HTTP API. Address and token come from the environment, never from this file. */
export const VaultLive = z
  .object({
    /** Server address; default: $VAULT_ADDR, else $BAO_ADDR. */
    address: z.url().optional(),
    /** Environment variables tried in order for the token. */
    tokenEnv: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')).min(1).default(['VAULT_TOKEN', 'BAO_TOKEN']),
    /** Enterprise / OpenBao namespace; default: $VAULT_NAMESPACE, else $BAO_NAMESPACE. */
    namespace: z.string().min(1).optional(),
    /** PKI mounts to read (e.g. ["pki", "pki_int"]); default: every mount of type pki that sys/mounts lists. */
    mounts: z.array(z.string().min(1)).min(1).optional(),
    /** Deadline per request. */
    timeoutMs: durationMs().default(10_000),
    /** Largest response body read. */
    maxBytes: byteSize().default(2_000_000),
    /** Most roles read per mount. */
    maxRoles: z.number().int().positive().default(1000),
    /** Most issuers read per mount. */
    maxIssuers: z.number().int().positive().default(100),
  })
  .strict();

/** Configuration of the vault-pki collector; defaults live here. */
export const VaultPkiConfig = z
  .object({
    ...fileOptions(['.json', '.tf']),
    /** Which product the evidence names: "auto" is openbao when live mode uses BAO_* variables, else vault. */
    product: z.enum(['auto', 'vault', 'openbao']).default('auto'),
    /** Mount assumed for single responses whose path names none (e.g. a role saved as web.json). */
    mount: z.string().min(1).default('pki'),
    /** Read a running server as well. */
    live: VaultLive.optional(),
  })
  .strict();
/** Parsed vault-pki configuration. */
export type VaultPkiConfig = z.infer<typeof VaultPkiConfig>;
