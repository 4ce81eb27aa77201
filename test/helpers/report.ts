import type { AnyEvidence } from '../../model/evidence.js';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { assess } from '../../src/engine/assess.js';
import { buildReport } from '../../src/report/build-report.js';
import type { ScanReport } from '../../src/report/report.js';
import { scanFacts } from './evidence.js';

/** Runs the built-in checks and assessors over evidence and returns the JSON report of a scan that finished at `at`. */
export function reportOf(evidence: readonly AnyEvidence[], at: string): ScanReport {
  const now = new Date(at);
  const model = builtinModel('1.1.0');
  const { results, statements, assessment } = assess({
    model,
    evidence,
    facts: scanFacts({ now, targets: { 'tls-endpoint': { configured: evidence.length, observed: evidence.length } } }),
  });
  return buildReport({
    model,
    assessment,
    generatedAt: now,
    results,
    statements,
    evidence,
    scan: { startedAt: at, finishedAt: at, collectors: {}, previousScans: [] },
  });
}
