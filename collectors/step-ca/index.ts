import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CertificateData } from '../../model/evidence.js';
import { describeDocumentError, listConfigFiles, parseConfigDocuments, readConfigText, relativeError, relativePath } from '../../src/ca-config/read-config-file.js';
import { collectSecretValues, stripSecrets } from '../../src/ca-config/secrets.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError, defineCollector } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';
import { StepCaConfig } from './config.js';
import { certificateReferences, normaliseCaJson, normaliseProvisioner, type ReferencedCertificate, stepCaFileKind } from './normalise.js';

const ID = 'step-ca';
const MAX_CERTIFICATE_FILE_BYTES = 1_000_000;

/** Reads step-ca's ca.json (authority, key storage, claims, policy, provisioners) and standalone provisioner snippets. */
export default defineCollector({
  id: ID,
  title: 'step-ca configuration',
  description: 'Reads Smallstep step-ca ca.json files and provisioner snippets: key storage, database, claims, name policy, provisioners, CRL and RA mode.',
  config: StepCaConfig,
  produces: ['ca-config', 'certificate'],
  countTargets: (config) => config.paths.length,
  async collect(config, ctx) {
    await Promise.all(config.paths.map((path) => collectPath(path, config, ctx)));
  },
});

async function collectPath(target: string, config: StepCaConfig, ctx: CollectorContext): Promise<void> {
  const root = isAbsolute(target) ? target : resolve(ctx.baseDir, target);
  let listed;
  try {
    listed = await listConfigFiles(ctx.fs, root, config);
  } catch (error) {
    ctx.problem(target, relativeError(error, root, target));
    return;
  }
  for (const { path, error } of listed.errors) ctx.problem(target, relativeError(error, path, relativePath(ctx.baseDir, path)));
  if (listed.truncated) ctx.problem(target, new CollectError('too-large', `${target}: more than ${config.maxFiles} files; the rest were not read`));
  const named = listed.files.length === 1 && listed.files[0] === root;
  await Promise.all(listed.files.map((file) => ctx.limit(() => collectFile(file, target, named, config, ctx))));
}

async function collectFile(file: string, target: string, named: boolean, config: StepCaConfig, ctx: CollectorContext): Promise<void> {
  const relFile = relativePath(ctx.baseDir, file);
  let parsed;
  try {
    const { text } = await readConfigText(ctx.fs, file, config.maxFileBytes);
    parsed = parseConfigDocuments(text, 'jsonc', { allowPlaceholders: true });
  } catch (error) {
    ctx.problem(target, relativeError(error, file, relFile));
    return;
  }
  const error = parsed.errors[0];
  if (error) {
    ctx.problem(target, new CollectError('parse', `${relFile}: ${describeDocumentError(error, 1)}`));
    return;
  }
  const doc = parsed.documents[0]?.value as Readonly<Record<string, unknown>> | undefined;
  const kind = stepCaFileKind(doc);
  if (doc === undefined || kind === undefined) {
    if (named) ctx.problem(target, new CollectError('parse', `${relFile}: not a step-ca configuration (no "authority", nor a provisioner "type" and "name")`));
    return;
  }
  const secrets = collectSecretValues(doc);
  let data;
  if (kind === 'provisioner') data = normaliseProvisioner(doc, relFile);
  else {
    const certificates = config.readCertificates ? await readReferencedCertificates(doc, file, relFile, target, config, ctx) : [];
    data = normaliseCaJson(doc, relFile, certificates);
  }
  if (parsed.placeholderLines.length > 0) {
    data = { ...data, observations: [...data.observations, { code: 'config-placeholders-ignored', message: `lines ${parsed.placeholderLines.slice(0, 10).join(', ')} held only a "..." placeholder (a documentation snippet) and were ignored` }] };
  }
  ctx.emit('ca-config', `${target}#${relFile}`, stripSecrets(data, secrets));
  ctx.log.debug(`${ID}: ${relFile} read as ${kind === 'ca' ? 'a CA configuration' : 'a provisioner snippet'}`);
}

/**
 * Resolves a certificate path from ca.json: relative paths against STEPPATH (the folder above config/), absolute ones
 * under `hostRoot` when configured, else by file name in <STEPPATH>/certs/. Returns undefined when the result would
 * leave STEPPATH (or hostRoot).
 */
function resolveReference(path: string, stepPath: string, hostRoot: string | undefined): string | undefined {
  const inside = (base: string, candidate: string): boolean => {
    const r = relative(base, candidate);
    return r !== '' && !r.startsWith('..') && !isAbsolute(r);
  };
  if (!isAbsolute(path)) {
    const candidate = resolve(stepPath, path);
    return inside(stepPath, candidate) ? candidate : undefined;
  }
  if (hostRoot !== undefined) {
    const candidate = join(hostRoot, path);
    return inside(hostRoot, candidate) ? candidate : undefined;
  }
  return join(stepPath, 'certs', basename(path));
}

async function readReferencedCertificates(doc: Readonly<Record<string, unknown>>, file: string, relFile: string, target: string, config: StepCaConfig, ctx: CollectorContext): Promise<ReferencedCertificate[]> {
  const folder = dirname(file);
  const stepPath = basename(folder) === 'config' ? dirname(folder) : folder;
  const hostRoot = config.hostRoot === undefined ? undefined : resolve(ctx.baseDir, config.hostRoot);
  const out: ReferencedCertificate[] = [];
  for (const { field, path } of certificateReferences(doc)) {
    const resolved = resolveReference(path, stepPath, hostRoot);
    let certificate: CertificateData | undefined;
    if (resolved !== undefined) {
      try {
        const { certificates } = readCertificates(await ctx.fs.readFile(resolved, MAX_CERTIFICATE_FILE_BYTES), path);
        const first = certificates[0];
        if (first) {
          const facts = toCertificateFacts(first.der);
          certificate = { ...facts, sightings: [{ collector: ID, target, location: `${relFile}#${field}`, attributes: { role: field.startsWith('crt') ? 'intermediate' : field.startsWith('federated') ? 'federated root' : 'root', file: relativePath(ctx.baseDir, resolved) } }] };
        }
      } catch {
        certificate = undefined; // reported as an observation: the path names nothing readable here
      }
    }
    if (certificate) {
      ctx.emit('certificate', target, certificate);
      out.push({ field, path, sha256: certificate.sha256, subject: certificate.subject, keyAlgorithm: certificate.keyAlgorithm, ...(certificate.keySizeBits !== undefined ? { keySizeBits: certificate.keySizeBits } : {}) });
    } else out.push({ field, path });
  }
  return out;
}
