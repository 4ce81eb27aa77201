// How the HTML report scales with the inventory: render time and size in node, and in headless Chromium the time to
// load the page (charts drawn, first inventory page built), to filter the inventory and to sort it.
//
//   npx tsx bench/html-report-bench.ts [sizes...]        default sizes: 1000 10000 50000
//
// Builds the test fixture report (real checks and assessors over a small estate) plus N generated certificates, renders
// the detailed report (inventory, evidence appendix) and the assessment report (charts, no inventory), 3 runs each,
// fastest kept. Same-run baselines: the JSON reporter in node, the assessment page in Chromium. Files only, no network.
import 'reflect-metadata';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { installCrypto } from '../src/pki/crypto.js';
import { render } from '../src/report/render.js';
import { fixtureReport, manyCertificates } from '../test/report/html-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 3;
const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);

function fastest(run: () => string): { ms: number; bytes: number } {
  let best = Number.POSITIVE_INFINITY;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    bytes = Buffer.byteLength(run());
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, bytes };
}

/** Polls an expression until it is true (the page's CSP forbids waitForFunction's eval); at most 60 s. */
async function until(page: Page, expression: string): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (!(await page.evaluate<boolean>(expression))) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
  }
}

/** Loads a page from disk and returns the milliseconds to the load event (scripts run, charts drawn) and, with an inventory, to filter and to sort it. */
async function inBrowser(browser: Browser, path: string, inventory: boolean): Promise<{ loadMs: number; filterMs?: number; sortMs?: number }> {
  let loadMs = Number.POSITIVE_INFINITY;
  let filterMs = Number.POSITIVE_INFINITY;
  let sortMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let t = performance.now();
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load', timeout: 120_000 });
    loadMs = Math.min(loadMs, performance.now() - t);
    if (inventory) {
      const first = await page.locator('#inventory-rows tr').first().textContent();
      t = performance.now();
      await page.locator('th[data-key="subject"] button').click();
      await until(page, `document.querySelector('#inventory-rows tr').textContent !== ${JSON.stringify(first)}`);
      sortMs = Math.min(sortMs, performance.now() - t);
      const before = await page.locator('#inventory-status').textContent();
      t = performance.now();
      await page.locator('#inventory-filter').fill('ca 3,');
      await until(page, `document.getElementById('inventory-status').textContent !== ${JSON.stringify(before)}`);
      filterMs = Math.min(filterMs, performance.now() - t - 120); // minus the filter's typing debounce
    }
    await page.close();
  }
  return inventory ? { loadMs, filterMs, sortMs } : { loadMs };
}

const fmt = (ms: number | undefined): string => (ms === undefined ? '—' : ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
const kb = (bytes: number): string => String(Math.round(bytes / 1024));

installCrypto();
const dir = mkdtempSync(join(tmpdir(), 'pkimm-html-bench-'));
const browser = existsSync(CHROMIUM) ? await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }) : undefined;
console.log('| certificates | json ms (baseline) | json KB | detailed ms | detailed KB | assessment ms | assessment KB | Chromium load detailed ms | load assessment ms (baseline) | filter ms | sort ms |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
try {
  for (const n of sizes.length > 0 ? sizes : [1_000, 10_000, 50_000]) {
    const report = await fixtureReport({ extraCertificates: manyCertificates(n) });
    const json = fastest(() => render(report, 'json'));
    const detailed = fastest(() => render(report, 'html'));
    const assessment = fastest(() => render(report, 'html-assessment'));
    const detailedPath = join(dir, `detailed-${n}.html`);
    const assessmentPath = join(dir, `assessment-${n}.html`);
    writeFileSync(detailedPath, render(report, 'html'));
    writeFileSync(assessmentPath, render(report, 'html-assessment'));
    const d = browser === undefined ? undefined : await inBrowser(browser, detailedPath, true);
    const a = browser === undefined ? undefined : await inBrowser(browser, assessmentPath, false);
    console.log(
      `| ${report.evidence.filter((e) => e.kind === 'certificate').length} | ${fmt(json.ms)} | ${kb(json.bytes)} | ${fmt(detailed.ms)} | ${kb(detailed.bytes)} | ${fmt(assessment.ms)} | ${kb(assessment.bytes)} | ${fmt(d?.loadMs)} | ${fmt(a?.loadMs)} | ${fmt(d?.filterMs)} | ${fmt(d?.sortMs)} |`,
    );
  }
} finally {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
}
