import type { TokenCredential } from '@azure/identity';
import type { ProblemCode } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, type Collector, defineCollector } from '../../src/engine/define-collector.js';
import { readJsonExport } from '../../src/engine/read-json-export.js';
import { AzureKeyVaultConfig } from './config.js';
import { AKV_ID, akvRecord, akvRecordsFromJson, type AkvRecord, emitAkv } from './map.js';

/** Injection points for tests; production uses DefaultAzureCredential. */
export interface AzureKeyVaultDeps {
  readonly credential?: () => TokenCredential | Promise<TokenCredential>;
}

/** Builds the azure-key-vault collector; `deps.credential` replaces DefaultAzureCredential (tests). */
export function createAzureKeyVaultCollector(deps: AzureKeyVaultDeps = {}): Collector<typeof AzureKeyVaultConfig> {
  return defineCollector({
    id: AKV_ID,
    title: 'Azure Key Vault certificates',
    description: 'Reads Key Vault certificates and their policies (issuer, auto-renewal, key properties) from az CLI JSON or live with DefaultAzureCredential.',
    config: AzureKeyVaultConfig,
    produces: ['certificate'],
    countTargets: (config) => config.files.length + config.vaults.length,
    async collect(config, ctx) {
      await Promise.all([...config.files.map((file) => collectFile(file, config, ctx)), ...config.vaults.map((vault) => collectVault(vault, config, ctx, deps))]);
    },
  });
}

/** Reads Azure Key Vault certificates from az CLI JSON or live. */
export default createAzureKeyVaultCollector();

function metadataProblem(target: string, names: readonly string[], hint: string): CollectError {
  return new CollectError('not-found', `${target}: ${names.length} certificate(s) listed without their DER (cer), e.g. ${names[0]!}: ${hint}`);
}

async function collectFile(file: string, config: AzureKeyVaultConfig, ctx: CollectorContext): Promise<void> {
  const read = await readJsonExport(file, config.maxFileBytes, ctx);
  if (!read) return;
  const { json, relFile } = read;
  const records = akvRecordsFromJson(json, relFile);
  if (records.length === 0) {
    ctx.problem(file, new CollectError('parse', `${relFile}: not an output of az keyvault certificate show or list`));
    return;
  }
  const metadataOnly = emitAkv(records, ctx);
  if (metadataOnly.length > 0) ctx.problem(file, metadataProblem(relFile, metadataOnly, 'export each with `az keyvault certificate show --vault-name <vault> --name <name>`'));
}

/** Problem code for an Azure SDK or identity error. */
function azureProblemCode(error: unknown): ProblemCode {
  const name = error instanceof Error ? error.name : '';
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  const code = (error as { code?: string } | undefined)?.code;
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationError' || status === 401 || status === 403) return 'permission';
  if (status === 404) return 'not-found';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED') return 'connect';
  if (name === 'AbortError' || code === 'ETIMEDOUT') return 'timeout';
  if (status !== undefined) return 'http-status';
  return 'other';
}

/** The service's own error message (Key Vault error body) when the SDK wrapped it in a generic one. */
function serviceMessage(error: unknown): string | undefined {
  const e = error as { details?: { error?: { message?: unknown } }; response?: { bodyAsText?: unknown } } | undefined;
  if (typeof e?.details?.error?.message === 'string') return e.details.error.message;
  if (typeof e?.response?.bodyAsText !== 'string') return undefined;
  try {
    const body = JSON.parse(e.response.bodyAsText) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}

function azureError(target: string, what: string, error: unknown): CollectError {
  const message = (serviceMessage(error) ?? (error instanceof Error ? error.message : String(error))).split('\n')[0];
  return new CollectError(azureProblemCode(error), `${target}: ${what} failed: ${message}`, { cause: error });
}

async function collectVault(vaultUrl: string, config: AzureKeyVaultConfig, ctx: CollectorContext, deps: AzureKeyVaultDeps): Promise<void> {
  const vault = vaultUrl.replace(/\/$/, '');
  // Loaded only when live mode is used.
  const { CertificateClient } = await import('@azure/keyvault-certificates');
  const credential = deps.credential ? await deps.credential() : new (await import('@azure/identity')).DefaultAzureCredential();
  const client = new CertificateClient(vault, credential, { retryOptions: { maxRetries: 2 } });
  const names: string[] = [];
  try {
    for await (const properties of client.listPropertiesOfCertificates()) {
      if (properties.name !== undefined) names.push(properties.name);
      if (names.length >= config.maxCertificates) {
        ctx.problem(vaultUrl, new CollectError('too-large', `${vaultUrl}: more than ${config.maxCertificates} certificates; the rest were not read`));
        break;
      }
    }
  } catch (error) {
    ctx.problem(vaultUrl, azureError(vaultUrl, 'listing certificates', error));
    return;
  }
  const records = await Promise.all(
    names.map((name) =>
      ctx.limit(async (): Promise<AkvRecord | undefined> => {
        try {
          const certificate = await client.getCertificate(name);
          return akvRecord(certificate as unknown as Record<string, unknown>, 'live');
        } catch (error) {
          ctx.problem(`${vault}/certificates/${name}`, azureError(`${vault}/certificates/${name}`, 'getCertificate', error));
          return undefined;
        }
      }),
    ),
  );
  const metadataOnly = emitAkv(records.filter((r): r is AkvRecord => r !== undefined), ctx);
  if (metadataOnly.length > 0) ctx.problem(vaultUrl, metadataProblem(vaultUrl, metadataOnly, 'Key Vault returned no certificate bytes (pending or failed issuance)'));
}
