import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { type ConfigFile, emitSetup, fileProblem, listConfigFiles, parseJsonText, readConfigFileText } from '../../src/ca-config/config-files.js';
import { VaultPkiConfig } from './config.js';
import { emptyDump, mountsOf, type VaultDump } from './dump.js';
import { intakeJson } from './intake.js';
import { readLive } from './live.js';
import { dumpToConfigs, type DumpSource } from './normalise.js';
import { HclError, readTerraformFile, type TerraformResource, terraformToDump } from './terraform.js';

const ID = 'vault-pki';

/** Reads HashiCorp Vault / OpenBao PKI configuration (API JSON, Terraform, live API) and emits one ca-config evidence item per PKI mount. */
export default defineCollector({
  id: ID,
  title: 'Vault / OpenBao PKI',
  description:
    'Reads Vault and OpenBao PKI mounts from saved API responses, Terraform resources or the live HTTP API, and records role validity, key types, name and SAN controls, EKUs, CRL/OCSP settings and URLs, auto-tidy, ACME and where the CA keys live.',
  config: VaultPkiConfig,
  produces: ['ca-config'],
  countTargets: (config) => config.paths.length + (config.live ? 1 : 0),
  async collect(config, ctx) {
    await Promise.all([...config.paths.map((target) => collectPath(target, config, ctx)), ...(config.live ? [collectLive(config, ctx)] : [])]);
  },
});

/** Emits one setup per PKI mount of a dump; the dump's responses are the sources the secrets guard scrubs against. */
function emitDump(ctx: CollectorContext, target: string, dump: VaultDump, mounts: readonly string[], source: DumpSource): void {
  // ACME's eab_policy ("not-required") is a policy name, not a key, although its name starts like one.
  const sources = [...dump.entries.values()].map((entry) => Object.fromEntries(Object.entries(entry).filter(([k]) => k !== 'eab_policy')));
  for (const setup of dumpToConfigs(dump, mounts, source)) emitSetup(ctx, target, setup, sources);
}

/** What one file contributed: parsed JSON or Terraform resources (problems are reported while reading). */
type FileContribution = { readonly file: ConfigFile; readonly json?: unknown; readonly terraform?: readonly TerraformResource[] };

async function readFile(file: ConfigFile, target: string, config: VaultPkiConfig, ctx: CollectorContext): Promise<FileContribution> {
  const text = await readConfigFileText(file, target, config, ctx);
  if (text === undefined) return { file };
  if (/\.tf$/i.test(file.name)) {
    try {
      const result = await readTerraformFile(text, file.rel);
      if (result.problem !== undefined) fileProblem(ctx, target, file.rel, 'parse', result.problem);
      return { file, terraform: result.resources };
    } catch (error) {
      if (!(error instanceof HclError)) throw error;
      fileProblem(ctx, target, file.rel, 'parse', error.message);
      return { file };
    }
  }
  const parsed = parseJsonText(text);
  if ('problem' in parsed) {
    fileProblem(ctx, target, file.rel, 'parse', parsed.problem);
    return { file };
  }
  return { file, json: parsed.value };
}

async function collectPath(target: string, config: VaultPkiConfig, ctx: CollectorContext): Promise<void> {
  const files = await listConfigFiles(target, config, ctx);
  const contributions = await Promise.all(files.map((file) => ctx.limit(() => readFile(file, target, config, ctx))));
  const dump = emptyDump();
  const terraform: TerraformResource[] = [];
  // Files are merged in path order so that the result does not depend on read timing.
  for (const { file, json, terraform: resources } of contributions) {
    if (resources) terraform.push(...resources);
    if (json === undefined) continue;
    const problem = intakeJson(dump, json, file, config.mount);
    if (problem !== undefined) fileProblem(ctx, target, file.rel, 'parse', problem);
  }
  terraformToDump(terraform, dump);
  emitDump(ctx, target, dump, mountsOf(dump), { product: config.product === 'openbao' ? 'openbao' : 'vault', path: target });
}

/** The first non-empty environment variable of `names`, with its name. */
function fromEnv(names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = process.env[name];
    if (value !== undefined && value.trim() !== '') return { name, value: value.trim() };
  }
  return undefined;
}

async function collectLive(config: VaultPkiConfig, ctx: CollectorContext): Promise<void> {
  const live = config.live!;
  const address = live.address ?? fromEnv(['VAULT_ADDR', 'BAO_ADDR'])?.value;
  const token = fromEnv(live.tokenEnv);
  const target = address ?? 'vault-pki:live';
  if (address === undefined || token === undefined) {
    ctx.problem(target, new CollectError('other', `${target}: live mode needs an address (live.address, $VAULT_ADDR or $BAO_ADDR) and a token in ${live.tokenEnv.map((n) => `$${n}`).join(' or ')}`));
    return;
  }
  const namespace = live.namespace ?? fromEnv(['VAULT_NAMESPACE', 'BAO_NAMESPACE'])?.value;
  const usesBao = (live.address === undefined && process.env.VAULT_ADDR === undefined) || token.name.startsWith('BAO_');
  const product = config.product === 'auto' ? (usesBao ? 'openbao' : 'vault') : config.product;
  const base = address.replace(/\/+$/, '');
  const result = await readLive(
    ctx.http,
    {
      address: base,
      token: token.value,
      ...(namespace === undefined ? {} : { namespace }),
      ...(live.mounts ? { mounts: live.mounts } : {}),
      timeoutMs: live.timeoutMs,
      maxBytes: live.maxBytes,
      maxRoles: live.maxRoles,
      maxIssuers: live.maxIssuers,
    },
    (task) => ctx.limit(task),
  );
  for (const p of result.problems) ctx.problem(target, new CollectError(p.code, `${target}: ${p.message}`.split(token.value).join('[redacted]')));
  emitDump(ctx, target, result.dump, result.mounts, { product, url: base });
}
