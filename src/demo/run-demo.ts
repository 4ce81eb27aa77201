import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScoringMode } from '../../model/assessment.js';
import { ScanConfig } from '../config/scan-config.js';
import type { Logger } from '../engine/collector-context.js';
import { scan } from '../engine/scan.js';
import type { ScanReport } from '../report/report.js';
import { buildDemoPki } from './pki.js';
import { startDemoTlsServers } from './tls-servers.js';

/** Options of the demo scan. */
export interface DemoOptions {
  readonly log: Logger;
  readonly model?: string;
  readonly mode?: ScoringMode;
  readonly cacheDir?: string;
  /** Directory a relative --model path resolves against. */
  readonly cwd?: string;
  readonly now?: () => Date;
}

/** Leaves served on loopback TLS ports; "+no-intermediate" serves the leaf without its issuing CA. */
const SERVED = ['good', 'expiring', 'weak-rsa', 'good+no-intermediate'] as const;

/** The answers a demo organisation gave: some agree with the evidence, one is capped by it. */
const DEMO_ANSWERS = `# Answers of the demo organisation (what a person would enter in the official assessment).
model: 1.1.0
organisation: Demo Corp
assessor: { name: Demo Assessor, type: internal }
useCase: pkimm-scan demo
scope:
  "8": { notApplicable: "demo: the infrastructure is outsourced" }
requirements:
  "1.1": { level: 3, notes: sponsor named in the PKI charter }
  "1.2": { level: 2 }
  "2.2": { level: 3, notes: CP published on the intranet }
  "2.3": { level: 2 }
  "5.2": { level: 3 }
  "5.4": { level: 3, notes: quarterly crypto inventory }
  "7.1": { level: 2 }
  "7.3": { level: 3 }
  "7.4": { level: 4, notes: the CMDB is believed complete, evidence: [cmdb-export.csv] }
  "11.1": { level: 2 }
  "13.4": { level: 2 }
`;

/**
 * Builds a small PKI in a temporary folder, serves some of it on 127.0.0.1, scans files and endpoints with a declared
 * inventory and sample answers, and returns the report. Needs no network; removes everything it created.
 */
export async function runDemo(options: DemoOptions): Promise<ScanReport> {
  const now = options.now ?? (() => new Date());
  const dir = await mkdtemp(join(tmpdir(), 'pkimm-demo-'));
  options.log.info(`demo: building a PKI in a temporary folder`);
  const pki = await buildDemoPki(join(dir, 'pki'), { now: now() });
  const servers = await startDemoTlsServers(pki, SERVED);
  try {
    options.log.info(`demo: serving ${servers.endpoints.length} TLS endpoints on 127.0.0.1`);
    // The declared inventory knows the CAs and two of the leaves; the rest of what the scan finds is unknown to it.
    const known = [pki.root, pki.intermediate, pki.leaves.good, pki.leaves.expiring];
    await writeFile(
      join(dir, 'cmdb-export.csv'),
      `sha256,subject,owner,location,state\n${known.map((c) => `${c.sha256},"${c.subject}",pki-team,${c.name}.demo.test,active`).join('\n')}\n`,
    );
    await writeFile(join(dir, 'answers.yaml'), DEMO_ANSWERS);
    const config = ScanConfig.parse({
      ...(options.model === undefined ? {} : { model: options.model }),
      collectors: {
        'cert-file': { paths: ['pki'], recursive: false },
        'tls-endpoint': { targets: servers.endpoints.map((e) => `${e.host}:${e.port}`), caFiles: ['pki/root.pem'], timeoutMs: 5_000 },
      },
      inventory: { declared: 'cmdb-export.csv' },
      answers: 'answers.yaml',
      scoring: { mode: options.mode ?? 'methodology' },
    });
    return await scan({
      config,
      baseDir: dir,
      configSource: 'demo configuration',
      log: options.log,
      now,
      previousScans: [],
      ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    });
  } finally {
    await servers.close();
    await rm(dir, { recursive: true, force: true });
  }
}
