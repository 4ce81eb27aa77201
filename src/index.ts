// The library: everything the CLI does is available here. Importing this module has no side effects.
// @peculiar/x509 (used only to generate demo and test certificates) needs `import 'reflect-metadata'` and
// `installCrypto()` from the caller's entry point; nothing imported here loads it eagerly.
export { scan, type ScanOptions } from './engine/scan.js';
export { collect, validateCollectorConfigs } from './engine/collect.js';
export { assess, type AssessOptions, type AssessResult } from './engine/assess.js';
export { evaluate, runAssessors, coverageOf } from './engine/evaluate.js';
export { scoreAnswers, type ScoreAnswersOptions } from './engine/score-answers.js';
export { score } from './score/score.js';
export { normalizeAnswers } from './score/normalize-answers.js';
export { loadAnswersFile } from './score/load-answers.js';
export { render, reporters, type ReportFormat } from './report/render.js';
export { buildReport } from './report/build-report.js';
export { readReport } from './report/read-report.js';
export { writeReports } from './report/write-reports.js';
export { evaluateGate, type GateConditions, type GateResult } from './gate/gate.js';
export { ScanConfig } from './config/scan-config.js';
export { loadDeclaredInventory } from './inventory/declared.js';
export {
  buildInventory,
  chainOf,
  filterRecords,
  InventoryBuilder,
  reconcile,
  reconcileEvidence,
  renderCsv,
  renderJson,
  renderTable,
  renderTree,
  summariseInventory,
  summariseReconciliation,
  type Inventory,
  type InventoryFilter,
  type InventoryRecord,
  type InventorySummary,
  type Reconciliation,
  type ReconciliationSummary,
} from './inventory/index.js';
export { toCertificateFacts, verifiesIssuedBy, CertificateParseError } from './pki/certificate-facts.js';
export { DebianWeakKeys, loadDebianWeakKeys } from './pki/weak-keys.js';
export { defineRule, pass, fail } from './engine/define-rule.js';
export { loadPolicyProfile, resolvePolicyConfig, loadWaivers } from './policy/load-policy.js';
export { BUILTIN_PROFILES, defaultPolicy } from './policy/builtin-profiles.js';
export { PolicyProfile } from './policy/profile.js';
export { applyWaivers, Waiver, type WaiverOutcome } from './policy/waivers.js';
export { mergeExtensionRelevance } from './score/merge-policy.js';
export { answersTemplate } from './cli/commands/answers.js';
export { defineAssessor } from './engine/define-assessor.js';
export { defineCollector } from './engine/define-collector.js';
export { ConfigError, ModelError, ScanError } from './errors.js';
export { REPORT_SCHEMA_VERSION, ScanReportSchema, type ScanReport } from './report/report.js';
export { loadModel, builtinModel } from '../model/pkimm/load-model.js';
export { loadExtension } from '../model/pkimm/extension.js';
export { builtInRules, builtInAssessors } from '../rules/index.js';
export { builtInCollectors } from '../collectors/index.js';
export type { Assessment, RequirementResult, CategoryResult, ModuleResult, ScoringMode } from '../model/assessment.js';
export type { Evidence, AnyEvidence, CertificateFacts, CollectionProblem } from '../model/evidence.js';
export type { RuleResult, Severity } from '../model/finding.js';
export type { Statement, Level } from '../model/statement.js';
export type { AnswersFile } from '../model/answers.js';
export type { PkimmModel, PkimmExtension } from '../model/pkimm/types.js';
