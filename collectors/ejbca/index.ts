import type { CaProfile } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { defineCollector } from '../../src/engine/define-collector.js';
import { emitSetup, fileProblem, listConfigFiles, readConfigFileText } from '../../src/ca-config/config-files.js';
import { EjbcaConfig } from './config.js';
import { certificateProfileToCaProfile } from './profile.js';
import { decodeXmlEncoder, XmlEncoderError } from './xml-encoder.js';

const ID = 'ejbca';

/** Keys every EJBCA certificate profile export holds, used to recognise exports with other file names. */
const PROFILE_KEYS = ['availablekeyalgorithms', 'encodedvalidity', 'validity', 'usecrldistributionpoint', 'signaturealgorithm'];

/** Reads EJBCA certificate profile exports (XMLEncoder XML) and emits one ca-config evidence item per configured path. */
export default defineCollector({
  id: ID,
  title: 'EJBCA certificate profiles',
  description:
    'Reads EJBCA certificate profile exports (certprofile_<name>-<id>.xml) and records validity, allowed keys and curves, signature algorithm, EKUs, CRL/OCSP/CA issuer pointers, overrides and approvals per profile.',
  config: EjbcaConfig,
  produces: ['ca-config'],
  countTargets: (config) => config.paths.length,
  async collect(config, ctx) {
    await Promise.all(config.paths.map((target) => collectPath(target, config, ctx)));
  },
});

/** Parses one export; returns its profile, or undefined after reporting why it is not one. */
function readProfile(text: string, name: string, rel: string, target: string, ctx: CollectorContext): CaProfile | undefined {
  let value;
  try {
    value = decodeXmlEncoder(text);
  } catch (error) {
    if (!(error instanceof XmlEncoderError)) throw error;
    fileProblem(ctx, target, rel, 'parse', error.message);
    return undefined;
  }
  const map = value !== null && typeof value === 'object' && 'kind' in value && value.kind === 'map' ? value : undefined;
  if (!map || !PROFILE_KEYS.some((k) => map.entries.has(k))) {
    fileProblem(ctx, target, rel, 'parse', 'an XMLEncoder document, but not an EJBCA certificate profile (no validity, key algorithm or CRL settings)');
    return undefined;
  }
  return certificateProfileToCaProfile(map, name, rel);
}

async function collectPath(target: string, config: EjbcaConfig, ctx: CollectorContext): Promise<void> {
  const files = await listConfigFiles(target, config, ctx);
  const found = await Promise.all(
    files.map((file) =>
      ctx.limit(async () => {
        // End entity profiles encode their fields as numbered keys; they are not read (and may hold default passwords).
        if (/^entityprofile_/i.test(file.name)) {
          ctx.log.debug(`${ID}: ${file.rel}: end entity profile export, not read`);
          return undefined;
        }
        const text = await readConfigFileText(file, target, config, ctx);
        return text === undefined ? undefined : readProfile(text, file.name, file.rel, target, ctx);
      }),
    ),
  );
  const profiles = found.filter((p): p is CaProfile => p !== undefined);
  if (profiles.length === 0) return;
  emitSetup(ctx, target, {
    product: 'ejbca',
    role: 'ca',
    name: `EJBCA certificate profiles (${target})`,
    source: { path: target },
    profiles,
    enrollment: [],
    observations: [],
  });
}
