import type { ProblemCode } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { readJsonExport } from '../../src/engine/read-json-export.js';
import { AwsAcmConfig } from './config.js';
import { ACM_ID, ALL_KEY_TYPES, type AcmRecord, emitAcm, fromDetail, fromSummary, mergeRecords, recordsFromJson, STATUSES_WITH_CERTIFICATE } from './map.js';

/** Reads AWS Certificate Manager certificates from CLI JSON outputs or live through the AWS SDK. */
export default defineCollector({
  id: ACM_ID,
  title: 'AWS Certificate Manager',
  description: 'Reads ACM certificates (type, status, renewal eligibility, use) from AWS CLI JSON outputs or live per region, and summarises each account/region as a ca-config.',
  config: AwsAcmConfig,
  produces: ['certificate', 'ca-config'],
  countTargets: (config) => config.files.length + config.regions.length,
  async collect(config, ctx) {
    await Promise.all([...config.files.map((file) => collectFile(file, config, ctx)), ...config.regions.map((region) => collectRegion(region, config, ctx))]);
  },
});

async function collectFile(file: string, config: AwsAcmConfig, ctx: CollectorContext): Promise<void> {
  const read = await readJsonExport(file, config.maxFileBytes, ctx);
  if (!read) return;
  const { json, relFile } = read;
  const records = recordsFromJson(json, relFile);
  if (records.length === 0) {
    ctx.problem(file, new CollectError('parse', `${relFile}: not an output of aws acm list-certificates, describe-certificate or get-certificate`));
    return;
  }
  emitAcm(mergeRecords(records), ctx, file, false);
}

/** Problem code for an AWS SDK error. */
function awsProblemCode(error: unknown): ProblemCode {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: string } | undefined)?.code;
  if (/AccessDenied|Unrecognized|InvalidClientToken|ExpiredToken|CredentialsProviderError|SignatureDoesNotMatch/.test(name)) return 'permission';
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'ECONNRESET') return 'timeout';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED') return 'connect';
  if (name === 'ResourceNotFoundException') return 'not-found';
  return 'other';
}

function awsError(target: string, what: string, error: unknown): CollectError {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new CollectError(awsProblemCode(error), `${target}: ${what} failed: ${error instanceof Error ? `${error.name}: ` : ''}${message}`, { cause: error });
}

async function collectRegion(region: string, config: AwsAcmConfig, ctx: CollectorContext): Promise<void> {
  const target = `aws-acm:${region}`;
  // Loaded only when live mode is used, so file-only scans never pay for the SDK.
  const { ACMClient, ListCertificatesCommand, DescribeCertificateCommand, GetCertificateCommand } = await import('@aws-sdk/client-acm');
  const client = new ACMClient({
    region,
    maxAttempts: config.maxAttempts,
    requestHandler: { requestTimeout: config.timeoutMs, connectionTimeout: config.timeoutMs },
    ...(config.profile !== undefined ? { profile: config.profile } : {}),
  });
  try {
    const summaries: AcmRecord[] = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await ctx.limit(() => client.send(new ListCertificatesCommand({ Includes: { keyTypes: [...ALL_KEY_TYPES] }, MaxItems: 1000, ...(token !== undefined ? { NextToken: token } : {}) })));
      } catch (error) {
        ctx.problem(target, awsError(target, 'ListCertificates', error));
        return;
      }
      for (const s of page.CertificateSummaryList ?? []) summaries.push(fromSummary(s as Record<string, unknown>, `live ${region}`));
      token = page.NextToken;
      if (summaries.length >= config.maxCertificates && token !== undefined) {
        ctx.problem(target, new CollectError('too-large', `${target}: more than ${config.maxCertificates} certificates; the rest were not read`));
        break;
      }
    } while (token !== undefined);

    const records = await Promise.all(
      summaries.slice(0, config.maxCertificates).map((summary) =>
        ctx.limit(async (): Promise<AcmRecord> => {
          const arn = summary.arn!;
          let record: AcmRecord = summary;
          try {
            const described = await client.send(new DescribeCertificateCommand({ CertificateArn: arn }));
            if (described.Certificate) record = { ...summary, ...fromDetail(described.Certificate as Record<string, unknown>, summary.source) };
          } catch (error) {
            ctx.problem(arn, awsError(arn, 'DescribeCertificate', error));
          }
          if (record.status === undefined || STATUSES_WITH_CERTIFICATE.has(record.status)) {
            try {
              const got = await client.send(new GetCertificateCommand({ CertificateArn: arn }));
              if (got.Certificate !== undefined) record = { ...record, pem: got.Certificate, ...(got.CertificateChain !== undefined ? { chainPem: got.CertificateChain } : {}) };
            } catch (error) {
              ctx.problem(arn, awsError(arn, 'GetCertificate', error));
            }
          }
          return record;
        }),
      ),
    );
    emitAcm(records, ctx, target, true);
  } finally {
    client.destroy();
  }
}
