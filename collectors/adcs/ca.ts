import type { CaConfigData, CaConfigObservation, CaProfile, KeyStorageKind } from '../../model/evidence.js';
import { periodToSeconds } from '../../src/ca-config/units.js';
import { certutilNumber } from './sources.js';

/** One registry value as `certutil -getreg` prints it. */
interface RegValue {
  readonly type: string;
  readonly text: string;
  /** REG_MULTI_SZ entries, in order. */
  readonly entries: string[];
}

/** The values `certutil -getreg` printed for one CA (names lowercased). */
export interface CaRegistry {
  /** CA name from the HKEY path, or '' when the output has no path. */
  readonly caName: string;
  readonly values: Map<string, RegValue>;
}

/** EditFlags bit that lets requesters add SANs through request attributes (ESC6). */
export const EDITF_ATTRIBUTESUBJECTALTNAME2 = 0x40000;
/** Policy RequestDisposition bit that puts every request in the pending queue. */
const REQDISP_PENDING = 0x100;
/** Publication URL flags: include in issued certificates' CDP/AIA, include in the OCSP access method. */
const CSURL_ADDTOCERTCDP = 0x2;
const CSURL_ADDTOCERTOCSP = 0x20;

/** Whether text looks like `certutil -getreg` output. */
export function isCertutilGetreg(text: string): boolean {
  return /\bREG_(SZ|DWORD|MULTI_SZ|EXPAND_SZ|BINARY|QWORD)\s*=/.test(text) && (/CertSvc\\Configuration/i.test(text) || /^\s*(CRLPeriod|EditFlags|AuditFilter|CACertPublicationURLs|CRLPublicationURLs)\b/m.test(text));
}

/** Parses `certutil -getreg` output (one or several commands, one or several CAs) into values per CA. */
export function parseCertutilGetreg(text: string): CaRegistry[] {
  const byCa = new Map<string, CaRegistry>();
  let caName = '';
  let current: RegValue | undefined;
  const registry = (name: string): CaRegistry => {
    let r = byCa.get(name);
    if (!r) {
      r = { caName: name, values: new Map() };
      byCa.set(name, r);
    }
    return r;
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+$/, '');
    const path = /Configuration\\([^\\:\r\n]+)/i.exec(line);
    if (/^HKEY_/i.test(line.trim()) && path) caName = path[1]!.trim();
    const value = /^\s*(\S(?:.*\S)?)\s+REG_(SZ|DWORD|MULTI_SZ|EXPAND_SZ|BINARY|QWORD)\s*=\s*(.*)$/.exec(line);
    if (value) {
      const fullName = value[1]!;
      const name = fullName.slice(fullName.lastIndexOf('\\') + 1).trim().toLowerCase();
      current = { type: value[2]!, text: value[3]!.trim(), entries: [] };
      registry(caName).values.set(name, current);
      continue;
    }
    const entry = /^\s+(\d+):\s*(.*)$/.exec(line);
    if (entry && current?.type === 'MULTI_SZ') current.entries.push(entry[2]!.trim());
    if (/^CertUtil:/i.test(line.trim())) current = undefined;
  }
  return [...byCa.values()].filter((r) => r.values.size > 0);
}

function numberOf(r: CaRegistry, name: string): number | undefined {
  const v = r.values.get(name.toLowerCase());
  return v === undefined ? undefined : certutilNumber(v.text);
}

function textOf(r: CaRegistry, name: string): string | undefined {
  const v = r.values.get(name.toLowerCase());
  return v === undefined || v.text === '' ? undefined : v.text;
}

/** Seconds of a Period (REG_SZ "Weeks") × Units (REG_DWORD) pair; undefined when either is missing. */
function period(r: CaRegistry, periodName: string, unitsName: string): number | undefined {
  const unit = textOf(r, periodName);
  const count = numberOf(r, unitsName);
  return unit === undefined || count === undefined ? undefined : periodToSeconds(count, unit);
}

/** "6:http://pki/%3%8%9.crl" publication entries → URLs whose flags include `bit`. */
function urlsWithFlag(r: CaRegistry, name: string, bit: number): string[] | undefined {
  const v = r.values.get(name.toLowerCase());
  if (!v) return undefined;
  return v.entries.flatMap((e) => {
    const m = /^(\d+):(.*)$/.exec(e);
    if (!m) return [];
    const url = m[2]!.trim();
    return (Number(m[1]) & bit) !== 0 && /^(https?|ldap|file):/i.test(url) ? [url] : [];
  });
}

/** Classifies a CA key storage provider name. */
function providerStorage(provider: string): { kind: KeyStorageKind; detail: string } {
  const detail = provider.slice(0, 120);
  if (/Platform Crypto Provider/i.test(provider)) return { kind: 'tpm', detail };
  if (/SafeNet|Luna|nCipher|nShield|Thales|Utimaco|CryptoServer|YubiHSM|Entrust|Gemalto|Securosys|Cavium|CloudHSM|Fortanix|Marvell|\bHSM\b/i.test(provider)) return { kind: 'hsm', detail };
  if (/Software Key Storage Provider|Cryptographic Provider|Microsoft (Enhanced|Strong|Base)/i.test(provider)) return { kind: 'software', detail };
  return { kind: 'unknown', detail };
}

function esc6(caLabel: string, how: string): CaConfigObservation {
  return {
    code: 'adcs-esc6',
    message: `CA ${caLabel} ${how}: any requester can put a subject alternative name in a request attribute for any template it may enroll in (ESC6). The export does not show whether strong certificate mapping (KB5014754) is enforced on the domain controllers.`,
  };
}

/** Maps one CA's `certutil -getreg` values (CA, policy and CSP keys) to normalised configuration. */
export function registryToCaConfig(r: CaRegistry, file: string): CaConfigData {
  const label = r.caName === '' ? `(${file})` : `'${r.caName}'`;
  const observations: CaConfigObservation[] = [];
  const details: Record<string, string | number | boolean> = {};
  const editFlags = numberOf(r, 'EditFlags');
  if (editFlags !== undefined) {
    details.editFlags = `0x${(editFlags >>> 0).toString(16)}`;
    if (((editFlags >>> 0) & EDITF_ATTRIBUTESUBJECTALTNAME2) !== 0) observations.push(esc6(label, 'has EDITF_ATTRIBUTESUBJECTALTNAME2 set in its policy module EditFlags'));
  }
  const disposition = numberOf(r, 'RequestDisposition');
  const pending = disposition === undefined ? undefined : ((disposition >>> 0) & REQDISP_PENDING) !== 0;
  const crlSeconds = period(r, 'CRLPeriod', 'CRLPeriodUnits');
  const overlapSeconds = period(r, 'CRLOverlapPeriod', 'CRLOverlapUnits');
  const deltaSeconds = period(r, 'CRLDeltaPeriod', 'CRLDeltaPeriodUnits');
  const cdp = urlsWithFlag(r, 'CRLPublicationURLs', CSURL_ADDTOCERTCDP);
  const aia = urlsWithFlag(r, 'CACertPublicationURLs', CSURL_ADDTOCERTCDP);
  const ocsp = urlsWithFlag(r, 'CACertPublicationURLs', CSURL_ADDTOCERTOCSP);
  const audit = numberOf(r, 'AuditFilter');
  const provider = textOf(r, 'Provider');
  const validity = period(r, 'ValidityPeriod', 'ValidityPeriodUnits');
  const commonName = textOf(r, 'CommonName');

  const hasCrl = crlSeconds !== undefined || cdp !== undefined;
  const profile: CaProfile | undefined =
    validity === undefined && pending === undefined && cdp === undefined && aia === undefined
      ? undefined
      : {
          name: 'CA limits (all templates)',
          kind: 'default',
          ...(validity === undefined ? {} : { maxValiditySeconds: validity }),
          ...(pending === undefined ? {} : { approvalRequired: pending }),
          ...(cdp === undefined ? {} : { includesCrlDistributionPoint: cdp.length > 0 }),
          ...(ocsp === undefined ? {} : { includesOcspUrl: ocsp.length > 0 }),
          ...(aia === undefined ? {} : { includesCaIssuersUrl: aia.length > 0 }),
          ...(Object.keys(details).length > 0 ? { details } : {}),
        };
  return {
    product: 'adcs',
    role: 'ca',
    name: `AD CS CA ${r.caName === '' ? `(${file})` : r.caName}`,
    source: { path: file, ...(r.caName === '' ? {} : { pointer: r.caName }) },
    ...(commonName === undefined ? {} : { ca: { subject: `CN=${commonName}` } }),
    profiles: profile ? [profile] : [],
    enrollment: ['proprietary'],
    ...(hasCrl || ocsp !== undefined
      ? {
          revocation: {
            ...(hasCrl
              ? {
                  crl: {
                    enabled: crlSeconds === undefined ? (cdp?.length ?? 0) > 0 : crlSeconds > 0,
                    ...(crlSeconds === undefined || crlSeconds === 0 ? {} : { intervalSeconds: crlSeconds }),
                    ...(overlapSeconds === undefined ? {} : { overlapSeconds }),
                    ...(deltaSeconds === undefined || deltaSeconds === 0 ? {} : { deltaIntervalSeconds: deltaSeconds }),
                    ...(cdp === undefined || cdp.length === 0 ? {} : { urls: cdp }),
                  },
                }
              : {}),
            ...(ocsp === undefined ? {} : { ocsp: { enabled: ocsp.length > 0, ...(ocsp.length > 0 ? { urls: ocsp } : {}) } }),
          },
        }
      : {}),
    ...(provider === undefined ? {} : { keyStorage: providerStorage(provider) }),
    ...(audit === undefined ? {} : { audit: { enabled: audit !== 0, detail: `AuditFilter ${audit}${audit === 127 ? ' (all events)' : ''}` } }),
    observations,
  };
}

/** Facts Certipy shows about a CA ({"CA Name", "User Specified SAN", "Request Disposition", "Web Enrollment", …}). */
export function certipyCaObservations(ca: Record<string, unknown>, caName: string): CaConfigObservation[] {
  const out: CaConfigObservation[] = [];
  const disposition = typeof ca['Request Disposition'] === 'string' ? ca['Request Disposition'] : 'Unknown';
  if (ca['User Specified SAN'] === 'Enabled') out.push(esc6(`'${caName}'`, `allows user-specified SANs (EDITF_ATTRIBUTESUBJECTALTNAME2) and its request disposition is ${disposition}`));
  const web = ca['Web Enrollment'];
  const webEnabled = web === 'Enabled' || (typeof web === 'object' && web !== null && JSON.stringify(web).includes('"Enabled":true'));
  if (webEnabled && disposition !== 'Pending') {
    out.push({
      code: 'adcs-esc8',
      message: `CA '${caName}' has web enrollment enabled and its request disposition is ${disposition} (ESC8 relay target); the export does not show whether HTTPS with Extended Protection for Authentication is enforced.`,
    });
  }
  return out;
}
