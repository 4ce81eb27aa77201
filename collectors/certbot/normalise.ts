// certbot renewal lineages → normalised `ca-config` evidence (role "client": certbot obtains certificates from an ACME
// CA). Defaults follow certbot's documentation and source: server Let's Encrypt production; key type RSA 2048 for
// lineages written before certbot 2.0, ECDSA secp256r1 from 2.0; renewal window, when renew_before_expiry is unset,
// one third of the certificate's lifetime (one half below 10 days; certbot ≥ 4.1), or 30 days when the lifetime is
// unknown (the same for 90-day certificates). Hook commands are shown with credentials scrubbed.
import type { AllowedKeyType, CaConfigData, CaConfigObservation } from '../../model/evidence.js';
import { describeAcmeServer } from '../../src/ca-config/acme.js';
import { redactCommand } from '../../src/ca-config/secrets.js';
import { formatSeconds, parseDurationSeconds, SECONDS } from '../../src/ca-config/units.js';
import type { RenewalConf } from './renewal-conf.js';

/** certbot defaults the collector applies to absent settings. */
export const CERTBOT_DEFAULTS = {
  server: 'https://acme-v02.api.letsencrypt.org/directory',
  rsaKeySize: 2048,
  ellipticCurve: 'secp256r1',
  /** First certbot version whose default key type is ECDSA. */
  ecdsaDefaultSince: [2, 0, 0],
  renewBeforeUnknownLifetimeSeconds: 30 * SECONDS.day,
} as const;

const CURVES: Readonly<Record<string, { name: string; bits: number }>> = {
  secp256r1: { name: 'P-256', bits: 256 },
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
};

const HOOKS: readonly [string, string][] = [
  ['pre_hook', 'preHook'],
  ['post_hook', 'postHook'],
  ['deploy_hook', 'deployHook'],
  ['renew_hook', 'deployHook'],
  ['manual_auth_hook', 'manualAuthHook'],
  ['manual_cleanup_hook', 'manualCleanupHook'],
];

/** A renewal scheduler found on the host. */
export interface Scheduler {
  readonly kind: 'systemd timer' | 'cron';
  /** File, relative to the scan's base directory. */
  readonly file: string;
  /** systemd: the timer is linked into a *.wants folder. */
  readonly enabled?: boolean;
}

/** What the collector knows about the lineage's certificate. */
export interface LineageCertificate {
  readonly sha256: string;
  readonly validitySeconds: number;
  /** The issuing chain from chain.pem, when it was read: SHA-256 and subject of its first certificate. */
  readonly chainSha256: readonly string[];
  readonly chainSubject?: string;
}

type Details = Record<string, string | number | boolean>;

function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === 'None' ? undefined : value;
}

function versionAtLeast(version: string | undefined, minimum: readonly number[]): boolean | undefined {
  if (version === undefined) return undefined;
  const parts = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!parts) return undefined;
  const numbers = [Number(parts[1]), Number(parts[2]), Number(parts[3] ?? 0)];
  for (let i = 0; i < 3; i++) {
    if (numbers[i]! !== minimum[i]!) return numbers[i]! > minimum[i]!;
  }
  return true;
}

function keyTypeOf(params: Readonly<Record<string, string>>, version: string | undefined, details: Details): AllowedKeyType[] {
  let keyType = present(params.key_type)?.toLowerCase();
  if (keyType === undefined) {
    keyType = versionAtLeast(version, CERTBOT_DEFAULTS.ecdsaDefaultSince) === true ? 'ecdsa' : 'rsa';
    details.keyTypeSource = `default for certbot ${version ?? '(version not recorded)'}`;
  }
  if (keyType === 'ecdsa') {
    const curveName = present(params.elliptic_curve) ?? CERTBOT_DEFAULTS.ellipticCurve;
    const curve = CURVES[curveName.toLowerCase()];
    return [{ algorithm: 'EC', ...(curve ? { curves: [curve.name], bits: [curve.bits] } : { curves: [curveName] }) }];
  }
  const size = Number(present(params.rsa_key_size) ?? CERTBOT_DEFAULTS.rsaKeySize);
  return [{ algorithm: 'RSA', ...(Number.isInteger(size) && size > 0 ? { bits: [size] } : {}) }];
}

function challengeOf(authenticator: string | undefined, preferred: string | undefined): string | undefined {
  if (preferred !== undefined) return preferred.replace(/\s*,\s*/g, ', ').replace(/,\s*$/, '');
  if (authenticator === undefined) return undefined;
  if (authenticator.startsWith('dns')) return 'dns-01';
  if (['webroot', 'standalone', 'apache', 'nginx'].includes(authenticator)) return 'http-01';
  return undefined;
}

/** Normalises one renewal file. `schedulers` is undefined when the host was not checked (no hostRoot). */
export function normaliseRenewal(conf: RenewalConf, input: { lineage: string; relFile: string; certificate?: LineageCertificate; schedulers?: readonly Scheduler[] }): CaConfigData {
  const params = conf.sections.renewalparams ?? {};
  const observations: CaConfigObservation[] = [];
  const details: Details = {};
  const version = present(conf.top.version);
  if (version !== undefined) details.certbotVersion = version;
  const server = present(params.server) ?? CERTBOT_DEFAULTS.server;
  if (present(params.server) === undefined) details.serverSource = 'default';
  const acme = describeAcmeServer(server);
  const staging = acme.staging || params.staging === 'True';
  if (acme.operator !== undefined) details.acmeOperator = acme.operator;
  if (staging) observations.push({ code: 'acme-staging-endpoint', message: `ACME server ${server} is a staging/test endpoint${acme.operator ? ` (${acme.operator})` : ''}: its certificates are not publicly trusted` });

  const authenticator = present(params.authenticator);
  const installer = present(params.installer);
  if (authenticator !== undefined) details.authenticator = authenticator;
  if (installer !== undefined) details.installer = installer;
  const challenge = challengeOf(authenticator, present(params.pref_challs) ?? present(params.preferred_challenges));
  if (challenge !== undefined) details.challengeType = challenge;
  const account = present(params.account);
  if (account !== undefined) details.account = account;
  for (const [field, key] of HOOKS) {
    const command = present(params[field]);
    if (command !== undefined) details[key] = redactCommand(command);
  }
  if (params.must_staple === 'True') details.mustStaple = true;

  let renewBefore: number | undefined;
  const renewText = present(conf.top.renew_before_expiry);
  if (renewText !== undefined) {
    renewBefore = parseDurationSeconds(renewText, 'certbot');
    details.renewBeforeSource = 'renew_before_expiry';
    if (renewBefore === undefined) observations.push({ code: 'certbot-invalid-interval', message: `renew_before_expiry ${JSON.stringify(renewText.slice(0, 40))} is not a time interval certbot understands`, profile: input.lineage });
  } else if (input.certificate) {
    const lifetime = input.certificate.validitySeconds;
    renewBefore = Math.round(lifetime < 10 * SECONDS.day ? lifetime / 2 : lifetime / 3);
    details.renewBeforeSource = `default: ${lifetime < 10 * SECONDS.day ? 'half' : 'a third'} of the ${formatSeconds(lifetime)} lifetime (certbot ≥ 4.1)`;
  } else {
    renewBefore = CERTBOT_DEFAULTS.renewBeforeUnknownLifetimeSeconds;
    details.renewBeforeSource = 'default: 30 days (lifetime unknown)';
  }

  const schedulers = input.schedulers;
  const schedulerPresent = schedulers === undefined ? undefined : schedulers.length > 0;
  if (schedulers !== undefined && schedulers.length > 0) {
    details.schedulers = schedulers.map((s) => `${s.kind} ${s.file}${s.enabled === false ? ' (not enabled)' : ''}`).join('; ');
  }
  const mechanism = schedulers === undefined ? 'certbot renew (scheduler not checked: no hostRoot)' : schedulers.length > 0 ? `certbot renew via ${[...new Set(schedulers.map((s) => s.kind))].join(' and ')}` : 'certbot renew (no timer or cron entry found)';

  return {
    product: 'certbot',
    role: 'client',
    name: `certbot ${input.lineage}`,
    source: { path: input.relFile },
    ca: {
      url: server,
      staging,
      ...(input.certificate?.chainSubject !== undefined ? { subject: input.certificate.chainSubject } : {}),
      ...(input.certificate && input.certificate.chainSha256.length > 0 ? { certificateSha256: input.certificate.chainSha256 } : {}),
    },
    profiles: [
      {
        name: input.lineage,
        kind: 'lineage',
        keyTypes: keyTypeOf(params, version, details),
        enrollment: ['acme'],
        reusesKey: params.reuse_key === 'True',
        ...(schedulerPresent !== undefined ? { autoRenewal: schedulerPresent } : {}),
        ...(renewBefore !== undefined ? { renewBeforeSeconds: renewBefore } : {}),
        ...(input.certificate ? { defaultValiditySeconds: input.certificate.validitySeconds } : {}),
        details,
      },
    ],
    enrollment: ['acme'],
    automation: {
      ...(schedulerPresent !== undefined ? { autoRenewal: schedulerPresent, schedulerPresent } : {}),
      ...(renewBefore !== undefined ? { renewBeforeSeconds: renewBefore } : {}),
      mechanism,
    },
    observations,
  };
}
