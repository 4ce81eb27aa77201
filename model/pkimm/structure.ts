// Structural facts of the official PKIMM model files (MIT, © PKI Consortium): module, category and
// requirement ids, category names and weights. No guidance, assessment or level texts: those come from the
// loaded YAML at run time. Checked against ../shared/pkimm/model/*.yaml by test/model/pkimm/structure.test.ts.
import type { ModuleId } from './types.js';

/** One requirement's id and weight. */
export interface StructureRequirement {
  readonly id: string;
  readonly weight: number;
}

/** One category's id, name, weight and requirements. */
export interface StructureCategory {
  readonly id: string;
  readonly name: string;
  readonly weight: number;
  readonly requirements: readonly StructureRequirement[];
}

/** One module and its categories. */
export interface StructureModule {
  readonly id: ModuleId;
  readonly name: string;
  readonly categories: readonly StructureCategory[];
}

/** The structure of one model version. */
export interface ModelStructure {
  readonly version: string;
  readonly schemaVersion: string;
  /** Level names 1..5 as the model file writes them (1.x: "1 - Initial"; 2.0.0: "Initial"). */
  readonly levelNames: readonly [string, string, string, string, string];
  readonly modules: readonly StructureModule[];
}

const r = (id: string, weight: number): StructureRequirement => ({ id, weight });

const v1_0_0: ModelStructure = {
  version: '1.0.0',
  schemaVersion: '1.0.0',
  levelNames: ["1 - Initial", "2 - Basic", "3 - Advanced", "4 - Managed", "5 - Optimized"],
  modules: [
    { id: 'G', name: 'Governance', categories: [
      { id: '1', name: "Strategy and Vision", weight: 5, requirements: [r('1', 3), r('2', 2), r('3', 2), r('4', 1)] },
      { id: '2', name: "Policies and documentation", weight: 4, requirements: [r('1', 2), r('2', 5), r('3', 5), r('4', 4), r('5', 3)] },
      { id: '3', name: "Compliance", weight: 2, requirements: [r('1', 3), r('2', 4), r('3', 3), r('4', 5)] },
      { id: '4', name: "Processes and procedures", weight: 3, requirements: [r('1', 4), r('2', 3), r('3', 5), r('4', 3), r('5', 2)] },
    ] },
    { id: 'M', name: 'Management', categories: [
      { id: '5', name: "Key management", weight: 4, requirements: [r('1', 2), r('2', 2), r('3', 1), r('4', 2), r('5', 2), r('6', 3)] },
      { id: '6', name: "Certificate management", weight: 4, requirements: [r('1', 2), r('2', 3), r('3', 4), r('4', 3), r('5', 2), r('6', 4), r('7', 2)] },
      { id: '7', name: "Infrastructure management", weight: 2, requirements: [r('1', 4), r('2', 3), r('3', 3), r('4', 1), r('5', 2)] },
      { id: '8', name: "Change management and agility", weight: 3, requirements: [r('1', 4), r('2', 3), r('3', 4), r('4', 2), r('5', 2)] },
    ] },
    { id: 'O', name: 'Operations', categories: [
      { id: '9', name: "Resilience", weight: 4, requirements: [r('1', 6), r('2', 4), r('3', 5), r('4', 3), r('5', 3), r('6', 4)] },
      { id: '10', name: "Automation", weight: 2, requirements: [r('1', 3), r('2', 1), r('3', 1)] },
      { id: '11', name: "Interoperability", weight: 2, requirements: [r('1', 3), r('2', 1), r('3', 3)] },
      { id: '12', name: "Monitoring and auditing", weight: 2, requirements: [r('1', 4), r('2', 4), r('3', 5), r('4', 5), r('5', 3), r('6', 2)] },
    ] },
    { id: 'R', name: 'Resources', categories: [
      { id: '13', name: "Sourcing", weight: 4, requirements: [r('1', 5), r('2', 3), r('3', 4), r('4', 3)] },
      { id: '14', name: "Knowledge and training", weight: 3, requirements: [r('1', 2), r('2', 2), r('3', 2), r('4', 1), r('5', 2)] },
      { id: '15', name: "Awareness", weight: 3, requirements: [r('1', 2), r('2', 2), r('3', 1), r('4', 2)] },
    ] },
  ],
};

const v1_1_0: ModelStructure = {
  version: '1.1.0',
  schemaVersion: '1.0.0',
  levelNames: ["1 - Initial", "2 - Basic", "3 - Advanced", "4 - Managed", "5 - Optimized"],
  modules: [
    { id: 'G', name: 'Governance', categories: [
      { id: '1', name: "Strategy and Vision", weight: 5, requirements: [r('1', 3), r('2', 2), r('3', 2), r('4', 1)] },
      { id: '2', name: "Policies and documentation", weight: 4, requirements: [r('1', 2), r('2', 5), r('3', 5), r('4', 4), r('5', 3)] },
      { id: '3', name: "Compliance", weight: 2, requirements: [r('1', 3), r('2', 4), r('3', 3), r('4', 5)] },
      { id: '4', name: "Processes and procedures", weight: 3, requirements: [r('1', 4), r('2', 3), r('3', 5), r('4', 3), r('5', 2)] },
      { id: '5', name: "Cryptography", weight: 5, requirements: [r('1', 3), r('2', 5), r('3', 3), r('4', 5), r('5', 4), r('6', 5)] },
    ] },
    { id: 'M', name: 'Management', categories: [
      { id: '6', name: "Key management", weight: 4, requirements: [r('1', 2), r('2', 2), r('3', 1), r('4', 2), r('5', 2), r('6', 3)] },
      { id: '7', name: "Certificate management", weight: 4, requirements: [r('1', 2), r('2', 3), r('3', 4), r('4', 3), r('5', 2), r('6', 4), r('7', 2)] },
      { id: '8', name: "Infrastructure management", weight: 2, requirements: [r('1', 4), r('2', 3), r('3', 3), r('4', 1), r('5', 2)] },
      { id: '9', name: "Change management and agility", weight: 3, requirements: [r('1', 4), r('2', 3), r('3', 4), r('4', 2), r('5', 2)] },
    ] },
    { id: 'O', name: 'Operations', categories: [
      { id: '10', name: "Resilience", weight: 4, requirements: [r('1', 6), r('2', 4), r('3', 5), r('4', 3), r('5', 3), r('6', 4)] },
      { id: '11', name: "Automation", weight: 2, requirements: [r('1', 3), r('2', 1), r('3', 1)] },
      { id: '12', name: "Interoperability", weight: 2, requirements: [r('1', 3), r('2', 1), r('3', 3)] },
      { id: '13', name: "Monitoring and auditing", weight: 2, requirements: [r('1', 4), r('2', 4), r('3', 5), r('4', 5), r('5', 3), r('6', 2)] },
    ] },
    { id: 'R', name: 'Resources', categories: [
      { id: '14', name: "Sourcing", weight: 4, requirements: [r('1', 5), r('2', 3), r('3', 4), r('4', 3)] },
      { id: '15', name: "Knowledge and training", weight: 3, requirements: [r('1', 2), r('2', 2), r('3', 2), r('4', 1), r('5', 2)] },
      { id: '16', name: "Awareness", weight: 3, requirements: [r('1', 2), r('2', 2), r('3', 1), r('4', 2)] },
    ] },
  ],
};

const v2_0_0: ModelStructure = {
  version: '2.0.0',
  schemaVersion: '2.0.0',
  levelNames: ["Initial", "Foundational", "Advanced", "Managed", "Optimized"],
  modules: [
    { id: 'G', name: 'Governance', categories: [
      { id: 'strategy-and-vision', name: "Strategy and vision", weight: 5, requirements: [r('sponsor-support', 3), r('responsible-leadership', 2), r('scope-and-drivers', 2), r('architecture', 1)] },
      { id: 'policies-and-documentation', name: "Policies and documentation", weight: 4, requirements: [r('policy-scope', 2), r('certificate-policy', 5), r('practice-statement', 5), r('disclosure-statement', 4), r('policy-review', 3)] },
      { id: 'compliance', name: "Compliance", weight: 2, requirements: [r('compliance-policies', 3), r('compliance-monitoring', 4), r('compliance-responsibilities', 3), r('regulatory-inventory', 5)] },
      { id: 'processes-and-procedures', name: "Processes and procedures", weight: 3, requirements: [r('process-scope', 4), r('process-documentation', 3), r('bau-execution', 5), r('process-evidence', 3), r('process-improvement', 2)] },
      { id: 'cryptography', name: "Cryptography", weight: 5, requirements: [r('crypto-terminology', 3), r('crypto-algorithms', 5), r('crypto-protocols', 3), r('crypto-visibility', 5), r('crypto-lifecycle', 4), r('crypto-agility', 5)] },
    ] },
    { id: 'M', name: 'Management', categories: [
      { id: 'key-management', name: "Key management", weight: 4, requirements: [r('key-mgmt-roles', 2), r('key-inventory', 2), r('device-inventory', 1), r('key-lifecycle', 2), r('key-mgmt-review', 3)] },
      { id: 'certificate-management', name: "Certificate management", weight: 4, requirements: [r('cert-profiles', 2), r('cert-lifecycle', 4), r('cert-inventory', 3), r('cert-discovery', 2), r('cert-mgmt-review', 4), r('pki-governance', 2)] },
      { id: 'infrastructure-management', name: "Infrastructure management", weight: 2, requirements: [r('infra-documentation', 4), r('network-segmentation', 3), r('vulnerability-management', 3), r('recovery-objectives', 1), r('infra-review', 2)] },
      { id: 'change-management-and-agility', name: "Change management and agility", weight: 3, requirements: [r('change-policy', 4), r('change-request', 3), r('change-process', 4), r('agility-requirements', 2), r('change-mgmt-review', 2)] },
    ] },
    { id: 'O', name: 'Operations', categories: [
      { id: 'resilience', name: "Resilience", weight: 4, requirements: [r('risk-assessment', 6), r('incident-planning', 4), r('business-continuity', 5), r('future-proofing', 3), r('competence-sharing', 3), r('continual-improvement', 4)] },
      { id: 'automation', name: "Automation", weight: 2, requirements: [r('automation-description', 3), r('automation-monitoring', 1), r('exception-handling', 1)] },
      { id: 'interoperability', name: "Interoperability", weight: 2, requirements: [r('interop-strategy', 3), r('integration-guidance', 1), r('open-standards', 3)] },
      { id: 'monitoring-and-auditing', name: "Monitoring and auditing", weight: 2, requirements: [r('logging-requirements', 4), r('log-collection', 4), r('audit-trail', 5), r('event-monitoring', 5), r('critical-event-alerting', 3), r('log-review', 2)] },
    ] },
    { id: 'R', name: 'Resources', categories: [
      { id: 'sourcing', name: "Sourcing", weight: 4, requirements: [r('resource-identification', 5), r('resource-definition', 3), r('resource-availability', 4), r('resource-review', 3)] },
      { id: 'knowledge-and-training', name: "Knowledge and training", weight: 3, requirements: [r('training-plan', 2), r('personnel-training', 2), r('security-awareness-training', 2), r('education-plan', 1), r('knowledge-review', 2)] },
      { id: 'awareness', name: "Awareness", weight: 3, requirements: [r('awareness-plan', 2), r('pki-disclosure', 2), r('single-point-of-contact', 1), r('timely-communication', 2)] },
    ] },
  ],
};

/** The model versions whose structure ships with the tool, so scoring works offline. */
export const BUILTIN_STRUCTURES: Readonly<Record<string, ModelStructure>> = {
  '1.0.0': v1_0_0,
  '1.1.0': v1_1_0,
  '2.0.0': v2_0_0,
};

/** The current official model version, used when nothing else is asked for. */
export const DEFAULT_MODEL_VERSION = '1.1.0';
