import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { emitSetup, fileProblem, listConfigFiles, parseJsonText, readConfigFileText } from '../../src/ca-config/config-files.js';
import { AwsPcaConfig } from './config.js';
import { isPcaObject, pcaEntries, pcaToCaConfig } from './parse.js';

/** Reads AWS Private CA descriptions (CLI JSON or the live API) and emits one ca-config evidence item per certificate authority. */
export default defineCollector({
  id: 'aws-pca',
  title: 'AWS Private CA',
  description:
    'Reads `aws acm-pca describe-certificate-authority` / `list-certificate-authorities` JSON, or lists certificate authorities live, and records key and signing algorithms, subject, type, status, usage mode, CRL and OCSP settings and key storage.',
  config: AwsPcaConfig,
  produces: ['ca-config'],
  countTargets: (config) => config.paths.length + (config.live?.regions.length ?? 0),
  async collect(config, ctx) {
    await Promise.all([
      ...config.paths.map((target) => collectPath(target, config, ctx)),
      ...(config.live ? config.live.regions.map((region) => ctx.limit(() => collectRegion(region, config.live!, ctx))) : []),
    ]);
  },
});

async function collectPath(target: string, config: AwsPcaConfig, ctx: CollectorContext): Promise<void> {
  const files = await listConfigFiles(target, config, ctx);
  await Promise.all(
    files.map((file) =>
      ctx.limit(async () => {
        const text = await readConfigFileText(file, target, config, ctx);
        if (text === undefined) return;
        const parsed = parseJsonText(text);
        if ('problem' in parsed) return fileProblem(ctx, target, file.rel, 'parse', parsed.problem);
        const entries = pcaEntries(parsed.value);
        if (entries.length === 0) {
          return fileProblem(ctx, target, file.rel, 'parse', 'not describe-certificate-authority or list-certificate-authorities output (no "CertificateAuthority" / "CertificateAuthorities")');
        }
        const bad = entries.filter((e) => !isPcaObject(e.ca));
        if (bad.length > 0) fileProblem(ctx, target, file.rel, 'parse', `${bad[0]!.pointer}: not an object${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}`);
        for (const { pointer, ca } of entries) {
          if (isPcaObject(ca)) emitSetup(ctx, target, pcaToCaConfig(ca, { path: file.rel, pointer }), [ca]);
        }
      }),
    ),
  );
}

/** Lists one region's certificate authorities through the SDK (loaded only when live mode is configured). */
async function collectRegion(region: string, live: NonNullable<AwsPcaConfig['live']>, ctx: CollectorContext): Promise<void> {
  const target = `aws-pca:${region}`;
  const url = `https://acm-pca.${region}.amazonaws.com`;
  try {
    const { ACMPCAClient, paginateListCertificateAuthorities } = await import('@aws-sdk/client-acm-pca');
    const client = new ACMPCAClient({ region, maxAttempts: 2, requestHandler: { connectionTimeout: Math.min(live.timeoutMs, 10_000), requestTimeout: live.timeoutMs } });
    try {
      let read = 0;
      const pages = paginateListCertificateAuthorities({ client, pageSize: 100 }, {}, { abortSignal: AbortSignal.timeout(live.timeoutMs) });
      for await (const page of pages) {
        for (const ca of page.CertificateAuthorities ?? []) {
          if (read >= live.maxCas) {
            ctx.problem(target, new CollectError('too-large', `${target}: more than ${live.maxCas} certificate authorities; the rest were not read`));
            return;
          }
          read++;
          emitSetup(ctx, target, pcaToCaConfig(ca as unknown as Record<string, unknown>, { url, ...(ca.Arn === undefined ? {} : { pointer: ca.Arn }) }));
        }
      }
    } finally {
      client.destroy();
    }
  } catch (error) {
    ctx.problem(target, awsError(error, target));
  }
}

/** Maps an SDK error to a CollectError naming the service error code, never request details or credentials. */
function awsError(error: unknown, target: string): CollectError {
  if (error instanceof CollectError) return error;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string } | undefined;
  const name = e?.name ?? 'Error';
  const status = e?.$metadata?.httpStatusCode;
  if (name === 'AbortError' || name === 'TimeoutError') return new CollectError('timeout', `${target}: no answer in time`, { cause: error });
  if (name === 'CredentialsProviderError') return new CollectError('permission', `${target}: no AWS credentials found (environment, shared config or instance role)`, { cause: error });
  if (status === 401 || status === 403 || /AccessDenied|UnrecognizedClient|InvalidSignature|ExpiredToken/i.test(name)) return new CollectError('permission', `${target}: ${name}${status === undefined ? '' : ` (HTTP ${status})`}`, { cause: error });
  if (status !== undefined) return new CollectError('http-status', `${target}: ${name} (HTTP ${status})`, { cause: error });
  if (/ENOTFOUND|EAI_AGAIN/.test(e?.code ?? '')) return new CollectError('dns', `${target}: endpoint not resolved`, { cause: error });
  return new CollectError('connect', `${target}: ${name}`, { cause: error });
}
