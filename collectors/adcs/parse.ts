import type { CaConfigData, CaConfigObservation } from '../../model/evidence.js';
import { parseJsonText } from '../../src/ca-config/config-files.js';
import { certipyCaObservations, isCertutilGetreg, parseCertutilGetreg, registryToCaConfig } from './ca.js';
import { certipyTemplateProperties, fromCertipyTemplate, fromCertutilTemplates, fromLdapTemplate, fromPspkiTemplate, isLdapTemplate, isPspkiTemplate } from './sources.js';
import { templateObservations, templateToProfile, type TemplateFacts } from './template.js';

/** What one AD CS export yielded: setups, or one reason it could not be read. */
export type AdcsResult = { readonly configs: CaConfigData[] } | { readonly problem: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Templates as one setup (a template export has no CA: templates live in AD and any CA may publish them). */
function templateSetup(templates: readonly TemplateFacts[], file: string, name: string, pointer?: string, extra: CaConfigObservation[] = []): CaConfigData {
  return {
    product: 'adcs',
    role: 'ca',
    name,
    source: { path: file, ...(pointer === undefined ? {} : { pointer }) },
    profiles: templates.map(templateToProfile),
    enrollment: ['proprietary'],
    observations: [...extra, ...templates.flatMap(templateObservations)],
  };
}

/** Certipy `find -json` output: one setup per CA with the templates it publishes, plus unpublished templates. */
function fromCertipy(doc: Json, file: string): CaConfigData[] {
  const templatesRaw = doc['Certificate Templates'];
  const casRaw = doc['Certificate Authorities'];
  const templates = isObject(templatesRaw)
    ? Object.entries(templatesRaw).flatMap(([key, t]) => {
        const props = certipyTemplateProperties(t);
        return props ? [fromCertipyTemplate(props, `/Certificate Templates/${key}`)] : [];
      })
    : [];
  const out: CaConfigData[] = [];
  const published = new Set<string>();
  if (isObject(casRaw)) {
    for (const [key, ca] of Object.entries(casRaw)) {
      if (!isObject(ca)) continue;
      const caName = typeof ca['CA Name'] === 'string' ? ca['CA Name'] : `CA ${key}`;
      const mine = templates.filter((t) => t.publishedBy?.includes(caName));
      for (const t of mine) published.add(t.name);
      const subject = typeof ca['Certificate Subject'] === 'string' ? ca['Certificate Subject'] : undefined;
      const setup = templateSetup(mine, file, `AD CS CA ${caName}`, `/Certificate Authorities/${key}`, certipyCaObservations(ca, caName));
      out.push({ ...setup, ...(subject === undefined ? {} : { ca: { subject } }) });
    }
  }
  const rest = templates.filter((t) => !published.has(t.name));
  if (rest.length > 0) out.push(templateSetup(rest, file, `AD CS certificate templates not published by a CA in ${file}`, '/Certificate Templates'));
  return out;
}

/** Certipy's BloodHound files ({"data": [{"Properties": …}], "meta": {"type": "templates"}}). */
function fromBloodHound(doc: Json, file: string): CaConfigData[] {
  const data = Array.isArray(doc.data) ? (doc.data as unknown[]) : [];
  const templates = data.flatMap((entry, i) => {
    const props = certipyTemplateProperties(entry);
    return props ? [fromCertipyTemplate(props, `/data/${i}/Properties`)] : [];
  });
  return templates.length > 0 ? [templateSetup(templates, file, `AD CS certificate templates (${file})`)] : [];
}

/** The template objects of a PowerShell export: one object, an array, or {"value": [...]}. */
function objectList(doc: unknown): { pointer: string; value: unknown }[] {
  if (Array.isArray(doc)) return (doc as unknown[]).map((value, i) => ({ pointer: `/${i}`, value }));
  const inner: unknown = isObject(doc) ? doc.value : undefined;
  if (Array.isArray(inner)) return (inner as unknown[]).map((value, i) => ({ pointer: `/value/${i}`, value }));
  return [{ pointer: '', value: doc }];
}

function fromJson(doc: unknown, file: string): AdcsResult {
  if (isObject(doc) && ('Certificate Templates' in doc || 'Certificate Authorities' in doc)) return { configs: fromCertipy(doc, file) };
  if (isObject(doc) && isObject(doc.meta) && Array.isArray(doc.data)) return { configs: fromBloodHound(doc, file) };
  const objects = objectList(doc);
  const ldap = objects.filter((o) => isLdapTemplate(o.value));
  if (ldap.length > 0) return { configs: [templateSetup(ldap.map((o) => fromLdapTemplate(o.value as Json, o.pointer || '/')), file, `AD CS certificate templates (${file})`)] };
  const pspki = objects.filter((o) => isPspkiTemplate(o.value));
  if (pspki.length > 0) return { configs: [templateSetup(pspki.map((o) => fromPspkiTemplate(o.value as Json, o.pointer || '/')), file, `AD CS certificate templates (${file})`)] };
  const certipy = objects.flatMap((o) => {
    const props = certipyTemplateProperties(o.value);
    return props ? [fromCertipyTemplate(props, o.pointer || '/')] : [];
  });
  if (certipy.length > 0) return { configs: [templateSetup(certipy, file, `AD CS certificate templates (${file})`)] };
  return { problem: 'JSON without certificate templates or CA settings (expected Get-ADObject/Export-ADCSTemplate, PSPKI or Certipy output)' };
}

/**
 * Reads one AD CS export, already decoded to text: template JSON (Get-ADObject | ConvertTo-Json, Export-ADCSTemplate,
 * PSPKI Get-CertificateTemplate, Certipy find -json and its BloodHound files), `certutil -v -template` output or
 * `certutil -getreg` output (CA, policy and CSP keys). Returns the setups, or one problem with a position.
 */
export function parseAdcsExport(text: string, file: string): AdcsResult {
  if (/^\s*[[{]/.test(text)) {
    const parsed = parseJsonText(text);
    return 'problem' in parsed ? parsed : fromJson(parsed.value, file);
  }
  if (/TemplatePropCommonName\s*=/.test(text)) {
    const templates = fromCertutilTemplates(text);
    if (templates.length === 0) return { problem: 'certutil -template output without any "Template[n]:" section' };
    return { configs: [templateSetup(templates, file, `AD CS certificate templates (${file})`)] };
  }
  if (isCertutilGetreg(text)) {
    const cas = parseCertutilGetreg(text);
    if (cas.length === 0) return { problem: 'certutil -getreg output without any value' };
    return { configs: cas.map((r) => registryToCaConfig(r, file)) };
  }
  return { problem: 'not an AD CS export (expected template JSON, certutil -v -template or certutil -getreg output)' };
}
