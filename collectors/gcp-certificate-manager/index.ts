import { relative, resolve, sep } from 'node:path';
import type { CertificateManagerClient } from '@google-cloud/certificate-manager';
import type { ProblemCode } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { readJsonExport } from '../../src/engine/read-json-export.js';
import { GcpCertificateManagerConfig } from './config.js';
import { emitGcm, GCM_ID, gcmRecord, gcmRecordsFromJson, type GcmRecord } from './map.js';

/** Reads Google Cloud Certificate Manager certificates from gcloud JSON or live through the official client (REST or gRPC). */
export default defineCollector({
  id: GCM_ID,
  title: 'Google Cloud Certificate Manager',
  description: 'Reads Certificate Manager certificates (managed or self-managed, provisioning state) from gcloud JSON or live with Application Default Credentials.',
  config: GcpCertificateManagerConfig,
  produces: ['certificate'],
  countTargets: (config) => config.files.length + config.parents.length,
  async collect(config, ctx) {
    const live = async (): Promise<void> => {
      if (config.parents.length === 0) return;
      const credentials = config.credentialsFile === undefined ? undefined : await loadServiceAccount(config.credentialsFile, config.parents.length, ctx);
      if (credentials === null) return;
      const options = clientOptions(config, credentials);
      await Promise.all(config.parents.map((parent) => collectParent(parent, config, options, ctx)));
    };
    await Promise.all([...config.files.map((file) => collectFile(file, config, ctx)), live()]);
  },
});

function withoutPemProblem(target: string, names: readonly string[]): CollectError {
  return new CollectError('not-found', `${target}: ${names.length} certificate(s) without pemCertificate (not yet issued, or exported without it), e.g. ${names[0]!}`);
}

async function collectFile(file: string, config: GcpCertificateManagerConfig, ctx: CollectorContext): Promise<void> {
  const read = await readJsonExport(file, config.maxFileBytes, ctx);
  if (!read) return;
  const { json, relFile } = read;
  const records = gcmRecordsFromJson(json, relFile);
  if (records.length === 0) {
    ctx.problem(file, new CollectError('parse', `${relFile}: not an output of gcloud certificate-manager certificates list or describe (--format=json)`));
    return;
  }
  const withoutPem = emitGcm(records, ctx);
  if (withoutPem.length > 0) ctx.problem(file, withoutPemProblem(relFile, withoutPem));
}

/** Problem code for a client error: gRPC status codes (gRPC transport), HTTP statuses and socket codes (REST transport). */
export function gcpProblemCode(error: unknown): ProblemCode {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  if (code === 7 || code === 16 || status === 401 || status === 403) return 'permission'; // PERMISSION_DENIED, UNAUTHENTICATED
  if (code === 5 || status === 404) return 'not-found';
  if (code === 4 || code === 'ETIMEDOUT' || status === 408 || status === 504 || (error instanceof Error && error.name === 'AbortError')) return 'timeout'; // DEADLINE_EXCEEDED
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 14 || code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'connect'; // UNAVAILABLE
  if (error instanceof Error && /Could not load the default credentials/.test(error.message)) return 'permission';
  if (typeof status === 'number') return 'http-status';
  return 'other';
}

/** One line for a client error: the service's own message when the REST transport passes its JSON error body on. */
function gcpMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (text.startsWith('{')) {
    try {
      const body = JSON.parse(text) as { error?: { message?: unknown; status?: unknown } };
      if (typeof body.error?.message === 'string') return `${typeof body.error.status === 'string' ? `${body.error.status}: ` : ''}${body.error.message}`.slice(0, 500);
    } catch {
      // Not JSON after all: the text itself is the message.
    }
  }
  return (text.split('\n')[0] ?? '').slice(0, 500);
}

/** Options of the official client's constructor. */
type GcmClientOptions = NonNullable<ConstructorParameters<typeof CertificateManagerClient>[0]>;

/** The two fields of a service-account key the client needs; nothing else of the file is passed on. */
export interface ServiceAccountCredentials {
  readonly client_email: string;
  readonly private_key: string;
}

const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * Reads a service-account key file and keeps only the e-mail and key, so no other credential type (external accounts
 * that run executables or fetch URLs) can be smuggled in through the file. Messages never quote the file. On failure
 * records one problem for the file and returns null.
 */
export async function loadServiceAccount(file: string, parents: number, ctx: CollectorContext): Promise<ServiceAccountCredentials | null> {
  const abs = resolve(ctx.baseDir, file);
  const shown = relative(ctx.baseDir, abs).split(sep).join('/') || file;
  const fail = (code: ProblemCode, why: string): null => {
    ctx.problem(file, new CollectError(code, `credentials file ${shown}: ${why}; ${parents} live parent(s) not read`));
    return null;
  };
  let text: string;
  try {
    text = new TextDecoder().decode(await ctx.fs.readFile(abs, MAX_KEY_FILE_BYTES));
  } catch (error) {
    return fail(error instanceof CollectError ? error.code : 'other', error instanceof CollectError ? error.message.split(abs).join(shown).replace(`${shown}: `, '') : 'unreadable');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('parse', 'not valid JSON');
  }
  const key = json as { type?: unknown; client_email?: unknown; private_key?: unknown } | null;
  if (key === null || typeof key !== 'object' || key.type !== 'service_account') return fail('parse', `not a service-account key file (type ${typeof key?.type === 'string' ? JSON.stringify(key.type.slice(0, 40)) : 'missing'})`);
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string' || !key.private_key.includes('PRIVATE KEY')) return fail('parse', 'client_email or private_key missing');
  return { client_email: key.client_email, private_key: key.private_key };
}

/** Client options for the configured transport and endpoint, with the service-account credentials when given. */
export function clientOptions(config: GcpCertificateManagerConfig, credentials: ServiceAccountCredentials | undefined): GcmClientOptions {
  const options: { -readonly [K in keyof GcmClientOptions]: GcmClientOptions[K] } = config.transport === 'rest' ? { fallback: true } : {};
  if (config.endpoint !== undefined) {
    const url = new URL(config.endpoint);
    options.apiEndpoint = url.hostname.replace(/^\[|\]$/g, '');
    if (url.port !== '') options.port = Number(url.port);
    if (url.protocol === 'http:') options.protocol = 'http';
  }
  // The deprecation warns about passing unvalidated credential files; loadServiceAccount validated this one and passes
  // only a service account's e-mail and key, which cannot name executables or URLs.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  if (credentials !== undefined) options.credentials = { client_email: credentials.client_email, private_key: credentials.private_key };
  return options;
}

async function collectParent(parent: string, config: GcpCertificateManagerConfig, options: GcmClientOptions, ctx: CollectorContext): Promise<void> {
  // Loaded only when live mode is used; authenticates with the key file or Application Default Credentials.
  const { CertificateManagerClient } = await import('@google-cloud/certificate-manager');
  const client = new CertificateManagerClient(options);
  const records: GcmRecord[] = [];
  try {
    for await (const certificate of client.listCertificatesAsync({ parent }, { timeout: config.timeoutMs, autoPaginate: false })) {
      const record = gcmRecord(certificate as unknown as Record<string, unknown>, 'live');
      if (record) records.push(record);
      if (records.length >= config.maxCertificates) {
        ctx.problem(parent, new CollectError('too-large', `${parent}: more than ${config.maxCertificates} certificates; the rest were not read`));
        break;
      }
    }
  } catch (error) {
    ctx.problem(parent, new CollectError(gcpProblemCode(error), `${parent}: listing certificates failed: ${gcpMessage(error)}`, { cause: error }));
    return;
  } finally {
    await client.close();
  }
  const withoutPem = emitGcm(records, ctx);
  if (withoutPem.length > 0) ctx.problem(parent, withoutPemProblem(parent, withoutPem));
}
