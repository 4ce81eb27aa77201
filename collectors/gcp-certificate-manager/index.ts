import type { ProblemCode } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { readJsonExport } from '../../src/engine/read-json-export.js';
import { GcpCertificateManagerConfig } from './config.js';
import { emitGcm, GCM_ID, gcmRecord, gcmRecordsFromJson, type GcmRecord } from './map.js';

/** Reads Google Cloud Certificate Manager certificates from gcloud JSON or live through the gRPC client. */
export default defineCollector({
  id: GCM_ID,
  title: 'Google Cloud Certificate Manager',
  description: 'Reads Certificate Manager certificates (managed or self-managed, provisioning state) from gcloud JSON or live with Application Default Credentials.',
  config: GcpCertificateManagerConfig,
  produces: ['certificate'],
  countTargets: (config) => config.files.length + config.parents.length,
  async collect(config, ctx) {
    await Promise.all([...config.files.map((file) => collectFile(file, config, ctx)), ...config.parents.map((parent) => collectParent(parent, config, ctx))]);
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

/** Problem code for a google-gax error (gRPC status codes). */
function gcpProblemCode(error: unknown): ProblemCode {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 7 || code === 16) return 'permission'; // PERMISSION_DENIED, UNAUTHENTICATED
  if (code === 5) return 'not-found';
  if (code === 4) return 'timeout'; // DEADLINE_EXCEEDED
  if (code === 14) return 'connect'; // UNAVAILABLE
  if (error instanceof Error && /Could not load the default credentials/.test(error.message)) return 'permission';
  return 'other';
}

async function collectParent(parent: string, config: GcpCertificateManagerConfig, ctx: CollectorContext): Promise<void> {
  // Loaded only when live mode is used; authenticates with Application Default Credentials.
  const { CertificateManagerClient } = await import('@google-cloud/certificate-manager');
  const client = new CertificateManagerClient();
  const records: GcmRecord[] = [];
  try {
    for await (const certificate of client.listCertificatesAsync({ parent }, { timeout: config.timeoutMs })) {
      const record = gcmRecord(certificate as unknown as Record<string, unknown>, 'live');
      if (record) records.push(record);
      if (records.length >= config.maxCertificates) {
        ctx.problem(parent, new CollectError('too-large', `${parent}: more than ${config.maxCertificates} certificates; the rest were not read`));
        break;
      }
    }
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    ctx.problem(parent, new CollectError(gcpProblemCode(error), `${parent}: listing certificates failed: ${message}`, { cause: error }));
    return;
  } finally {
    await client.close();
  }
  const withoutPem = emitGcm(records, ctx);
  if (withoutPem.length > 0) ctx.problem(parent, withoutPemProblem(parent, withoutPem));
}
