// Version map between model 1.0.0 ids, 1.1.0 ids (the tool's canonical references), the 2.0.0 draft's slugs and
// the numbering of the official Excel assessment tool v240318 (a 1.0.0 tool with its Operations order changed).
// Labels are the project's own short labels, not model texts.

/** One requirement across versions. */
export interface RequirementMapping {
  /** Model 1.1.0 reference, "<category>.<requirement>": the canonical key. */
  readonly ref110: string;
  readonly ref100?: string;
  /** "<category-slug>/<requirement-slug>" in the 2.0.0 draft; absent for the two requirements it drops. */
  readonly slug200?: string;
  /** Excel assessment tool id, e.g. "2.2.4." (absent for Cryptography, which the workbook lacks). */
  readonly excel?: string;
  /** Short label for offline use. */
  readonly label: string;
}

/** One category across versions. */
export interface CategoryMapping {
  readonly id110: string;
  readonly id100?: string;
  readonly slug200: string;
  /** Excel category id, e.g. "2.2" (absent for Cryptography). */
  readonly excel?: string;
}

const q = (ref110: string, ref100: string | undefined, slug200: string | undefined, excel: string | undefined, label: string): RequirementMapping => ({
  ref110,
  ...(ref100 === undefined ? {} : { ref100 }),
  ...(slug200 === undefined ? {} : { slug200 }),
  ...(excel === undefined ? {} : { excel }),
  label,
});

/** Every requirement of model 1.1.0, in model order, with its ids in the other versions. */
export const REQUIREMENT_MAP: readonly RequirementMapping[] = [
  q("1.1", "1.1", "strategy-and-vision/sponsor-support", "1.1.1.", "Sponsor & support"),
  q("1.2", "1.2", "strategy-and-vision/responsible-leadership", "1.1.2.", "Responsible leadership"),
  q("1.3", "1.3", "strategy-and-vision/scope-and-drivers", "1.1.3.", "Scope & business drivers"),
  q("1.4", "1.4", "strategy-and-vision/architecture", "1.1.4.", "Architecture & design"),
  q("2.1", "2.1", "policies-and-documentation/policy-scope", "1.2.1.", "Policy scope"),
  q("2.2", "2.2", "policies-and-documentation/certificate-policy", "1.2.2.", "CP published"),
  q("2.3", "2.3", "policies-and-documentation/practice-statement", "1.2.3.", "CPS published"),
  q("2.4", "2.4", "policies-and-documentation/disclosure-statement", "1.2.4.", "Disclosure statement"),
  q("2.5", "2.5", "policies-and-documentation/policy-review", "1.2.5.", "Policy review"),
  q("3.1", "3.1", "compliance/compliance-policies", "1.3.1.", "Compliance policies"),
  q("3.2", "3.2", "compliance/compliance-monitoring", "1.3.2.", "Compliance monitoring"),
  q("3.3", "3.3", "compliance/compliance-responsibilities", "1.3.3.", "Compliance responsibilities"),
  q("3.4", "3.4", "compliance/regulatory-inventory", "1.3.4.", "Regulatory inventory"),
  q("4.1", "4.1", "processes-and-procedures/process-scope", "1.4.1.", "Process scope"),
  q("4.2", "4.2", "processes-and-procedures/process-documentation", "1.4.2.", "Process documentation"),
  q("4.3", "4.3", "processes-and-procedures/bau-execution", "1.4.3.", "Recurring activities on time"),
  q("4.4", "4.4", "processes-and-procedures/process-evidence", "1.4.4.", "Process evidence"),
  q("4.5", "4.5", "processes-and-procedures/process-improvement", "1.4.5.", "Process review"),
  q("5.1", undefined, "cryptography/crypto-terminology", undefined, "Crypto terminology"),
  q("5.2", undefined, "cryptography/crypto-algorithms", undefined, "Approved algorithms/params"),
  q("5.3", undefined, "cryptography/crypto-protocols", undefined, "Approved protocols/versions"),
  q("5.4", undefined, "cryptography/crypto-visibility", undefined, "Crypto usage visibility"),
  q("5.5", undefined, "cryptography/crypto-lifecycle", undefined, "Crypto lifecycle/deprecation"),
  q("5.6", undefined, "cryptography/crypto-agility", undefined, "Crypto agility"),
  q("6.1", "5.1", "key-management/key-mgmt-roles", "2.1.1.", "KM roles"),
  q("6.2", "5.2", "key-management/key-inventory", "2.1.2.", "Key inventory"),
  q("6.3", "5.3", "key-management/device-inventory", "2.1.3.", "Crypto-device inventory"),
  q("6.4", "5.4", "key-management/key-lifecycle", "2.1.4.", "Key lifecycle"),
  q("6.5", "5.5", undefined, "2.1.5.", "KM cipher suites/protocols"),
  q("6.6", "5.6", "key-management/key-mgmt-review", "2.1.6.", "KM review"),
  q("7.1", "6.1", "certificate-management/cert-profiles", "2.2.1.", "Cert profiles"),
  q("7.2", "6.2", undefined, "2.2.2.", "Cert cipher suites"),
  q("7.3", "6.3", "certificate-management/cert-lifecycle", "2.2.3.", "Cert lifecycle"),
  q("7.4", "6.4", "certificate-management/cert-inventory", "2.2.4.", "Cert inventory"),
  q("7.5", "6.5", "certificate-management/cert-discovery", "2.2.5.", "Cert discovery"),
  q("7.6", "6.6", "certificate-management/cert-mgmt-review", "2.2.6.", "CM review"),
  q("7.7", "6.7", "certificate-management/pki-governance", "2.2.7.", "Org PKI governance"),
  q("8.1", "7.1", "infrastructure-management/infra-documentation", "2.3.1.", "Infra documentation"),
  q("8.2", "7.2", "infrastructure-management/network-segmentation", "2.3.2.", "Segmentation"),
  q("8.3", "7.3", "infrastructure-management/vulnerability-management", "2.3.3.", "Network vuln mgmt"),
  q("8.4", "7.4", "infrastructure-management/recovery-objectives", "2.3.4.", "Recovery objectives"),
  q("8.5", "7.5", "infrastructure-management/infra-review", "2.3.5.", "Infra review"),
  q("9.1", "8.1", "change-management-and-agility/change-policy", "2.4.1.", "Change/agility policy"),
  q("9.2", "8.2", "change-management-and-agility/change-request", "2.4.2.", "RFC structure"),
  q("9.3", "8.3", "change-management-and-agility/change-process", "2.4.3.", "Change process"),
  q("9.4", "8.4", "change-management-and-agility/agility-requirements", "2.4.4.", "Agility requirements"),
  q("9.5", "8.5", "change-management-and-agility/change-mgmt-review", "2.4.5.", "Change review"),
  q("10.1", "9.1", "resilience/risk-assessment", "3.1.1.", "Risk assessment & BIA"),
  q("10.2", "9.2", "resilience/incident-planning", "3.1.2.", "Cyber-sec & incident planning"),
  q("10.3", "9.3", "resilience/business-continuity", "3.1.3.", "BCP/DR"),
  q("10.4", "9.4", "resilience/future-proofing", "3.1.4.", "Future-proofing"),
  q("10.5", "9.5", "resilience/competence-sharing", "3.1.5.", "Competence sharing"),
  q("10.6", "9.6", "resilience/continual-improvement", "3.1.6.", "Continual improvement"),
  q("11.1", "10.1", "automation/automation-description", "3.4.1.", "Automation description"),
  q("11.2", "10.2", "automation/automation-monitoring", "3.4.2.", "Automation monitoring"),
  q("11.3", "10.3", "automation/exception-handling", "3.4.3.", "Exceptions handling"),
  q("12.1", "11.1", "interoperability/interop-strategy", "3.2.1.", "Interop strategy"),
  q("12.2", "11.2", "interoperability/integration-guidance", "3.2.2.", "Integration guidance"),
  q("12.3", "11.3", "interoperability/open-standards", "3.2.3.", "Open standards"),
  q("13.1", "12.1", "monitoring-and-auditing/logging-requirements", "3.3.1.", "Logging requirements"),
  q("13.2", "12.2", "monitoring-and-auditing/log-collection", "3.3.2.", "Log collection"),
  q("13.3", "12.3", "monitoring-and-auditing/audit-trail", "3.3.3.", "Audit trail"),
  q("13.4", "12.4", "monitoring-and-auditing/event-monitoring", "3.3.4.", "Event monitoring"),
  q("13.5", "12.5", "monitoring-and-auditing/critical-event-alerting", "3.3.5.", "Critical alerting"),
  q("13.6", "12.6", "monitoring-and-auditing/log-review", "3.3.6.", "Log review"),
  q("14.1", "13.1", "sourcing/resource-identification", "4.1.1.", "Resource identification"),
  q("14.2", "13.2", "sourcing/resource-definition", "4.1.2.", "Resource definition"),
  q("14.3", "13.3", "sourcing/resource-availability", "4.1.3.", "Resource availability"),
  q("14.4", "13.4", "sourcing/resource-review", "4.1.4.", "Resource review"),
  q("15.1", "14.1", "knowledge-and-training/training-plan", "4.2.1.", "Training plan"),
  q("15.2", "14.2", "knowledge-and-training/personnel-training", "4.2.2.", "Personnel training"),
  q("15.3", "14.3", "knowledge-and-training/security-awareness-training", "4.2.3.", "Security awareness training"),
  q("15.4", "14.4", "knowledge-and-training/education-plan", "4.2.4.", "Education plan"),
  q("15.5", "14.5", "knowledge-and-training/knowledge-review", "4.2.5.", "Knowledge review"),
  q("16.1", "15.1", "awareness/awareness-plan", "4.3.1.", "Awareness plan"),
  q("16.2", "15.2", "awareness/pki-disclosure", "4.3.2.", "PKI information disclosure"),
  q("16.3", "15.3", "awareness/single-point-of-contact", "4.3.3.", "Single point of contact"),
  q("16.4", "15.4", "awareness/timely-communication", "4.3.4.", "Timely communication"),
];

/** Every category of model 1.1.0 with its ids in the other versions. */
export const CATEGORY_MAP: readonly CategoryMapping[] = [
  { id110: '1', id100: '1', slug200: 'strategy-and-vision', excel: '1.1' },
  { id110: '2', id100: '2', slug200: 'policies-and-documentation', excel: '1.2' },
  { id110: '3', id100: '3', slug200: 'compliance', excel: '1.3' },
  { id110: '4', id100: '4', slug200: 'processes-and-procedures', excel: '1.4' },
  { id110: '5', slug200: 'cryptography' },
  { id110: '6', id100: '5', slug200: 'key-management', excel: '2.1' },
  { id110: '7', id100: '6', slug200: 'certificate-management', excel: '2.2' },
  { id110: '8', id100: '7', slug200: 'infrastructure-management', excel: '2.3' },
  { id110: '9', id100: '8', slug200: 'change-management-and-agility', excel: '2.4' },
  { id110: '10', id100: '9', slug200: 'resilience', excel: '3.1' },
  { id110: '11', id100: '10', slug200: 'automation', excel: '3.4' },
  { id110: '12', id100: '11', slug200: 'interoperability', excel: '3.2' },
  { id110: '13', id100: '12', slug200: 'monitoring-and-auditing', excel: '3.3' },
  { id110: '14', id100: '13', slug200: 'sourcing', excel: '4.1' },
  { id110: '15', id100: '14', slug200: 'knowledge-and-training', excel: '4.2' },
  { id110: '16', id100: '15', slug200: 'awareness', excel: '4.3' },
];

/** The 1.1.0 requirements that the 2.0.0 draft drops (key-management and certificate cipher suites). */
export const DEPRECATED_IN_200: readonly string[] = ['6.5', '7.2'];

const byRef110 = new Map(REQUIREMENT_MAP.map((m) => [m.ref110, m]));
const byRef100 = new Map(REQUIREMENT_MAP.flatMap((m) => (m.ref100 === undefined ? [] : [[m.ref100, m] as const])));
const bySlug = new Map(REQUIREMENT_MAP.flatMap((m) => (m.slug200 === undefined ? [] : [[m.slug200, m] as const])));
const byExcel = new Map(REQUIREMENT_MAP.flatMap((m) => (m.excel === undefined ? [] : [[m.excel.replace(/\.$/, ''), m] as const])));
const catById110 = new Map(CATEGORY_MAP.map((c) => [c.id110, c]));
const catById100 = new Map(CATEGORY_MAP.flatMap((c) => (c.id100 === undefined ? [] : [[c.id100, c] as const])));
const catBySlug = new Map(CATEGORY_MAP.map((c) => [c.slug200, c]));
const catByExcel = new Map(CATEGORY_MAP.flatMap((c) => (c.excel === undefined ? [] : [[c.excel, c] as const])));

/** Numbering schemes a reference can be written in. */
export type RefScheme = '1.0.0' | '1.1.0' | '2.0.0' | 'excel';

/** Returns the mapping row for a requirement reference written in the given scheme, or undefined. */
export function findRequirement(ref: string, scheme: RefScheme): RequirementMapping | undefined {
  switch (scheme) {
    case '1.0.0':
      return byRef100.get(ref);
    case '1.1.0':
      return byRef110.get(ref);
    case '2.0.0':
      return bySlug.get(ref);
    case 'excel':
      return byExcel.get(ref.replace(/\.$/, ''));
  }
}

/** Returns the mapping row for a category id written in the given scheme, or undefined. */
export function findCategory(id: string, scheme: RefScheme): CategoryMapping | undefined {
  switch (scheme) {
    case '1.0.0':
      return catById100.get(id);
    case '1.1.0':
      return catById110.get(id);
    case '2.0.0':
      return catBySlug.get(id);
    case 'excel':
      return catByExcel.get(id.replace(/\.$/, ''));
  }
}

/** Returns a requirement's reference in the given scheme, or undefined when that version has no such requirement. */
export function requirementRefIn(mapping: RequirementMapping, scheme: RefScheme): string | undefined {
  switch (scheme) {
    case '1.0.0':
      return mapping.ref100;
    case '1.1.0':
      return mapping.ref110;
    case '2.0.0':
      return mapping.slug200;
    case 'excel':
      return mapping.excel;
  }
}

/** Returns a category's id in the given scheme, or undefined when that version has no such category. */
export function categoryIdIn(mapping: CategoryMapping, scheme: RefScheme): string | undefined {
  switch (scheme) {
    case '1.0.0':
      return mapping.id100;
    case '1.1.0':
      return mapping.id110;
    case '2.0.0':
      return mapping.slug200;
    case 'excel':
      return mapping.excel;
  }
}

/** Returns the numbering scheme of a model version ("2.0.0" for any 2.x, "1.0.0" or "1.1.0"), or undefined. */
export function schemeOf(modelVersion: string): RefScheme | undefined {
  if (modelVersion === '1.0.0' || modelVersion === '1.1.0') return modelVersion;
  if (modelVersion.startsWith('2.')) return '2.0.0';
  return undefined;
}
