import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html/page.js';
import { fixtureReport, manyCertificates } from './html-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 900 };
/** Background of the level badge per level (styles.ts), the colour repeating the level written in the badge. */
const BADGE_BACKGROUND: Readonly<Record<number, string>> = {
  1: 'rgb(255, 235, 233)',
  2: 'rgb(255, 241, 229)',
  3: 'rgb(255, 248, 197)',
  4: 'rgb(218, 251, 225)',
  5: 'rgb(221, 244, 255)',
};

/** Pixel statistics of a PNG, computed by the browser's own decoder. */
interface PngStats {
  width: number;
  height: number;
  /** Distinct colours after dropping the low 4 bits of each channel. */
  colours: number;
  /** Share of pixels that are not near-white. */
  inked: number;
  /** [r, g, b] at each probe point. */
  probes: [number, number, number][];
}

describe.runIf(existsSync(CHROMIUM))('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  const report = fixtureReport({ trends: true });

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    dir = await mkdtemp(join(tmpdir(), 'pkimm-html-'));
  });
  afterAll(async () => {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the page to the temp dir and opens it from disk; returns the page and the errors and warnings it logs. */
  async function open(html: string, name: string): Promise<{ page: Page; problems: string[] }> {
    const path = join(dir, name);
    await writeFile(path, html);
    const page = await browser.newPage({ viewport: VIEWPORT });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    return { page, problems };
  }

  /** Returns a computed style property of the first element matching `selector`. */
  async function style(page: Page, selector: string, property: string): Promise<unknown> {
    return page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}]`);
  }

  /** Decodes a PNG in a blank page and returns its size, colour variety, ink share and the colours at `probes`. */
  async function pngStats(png: Buffer, probes: readonly [number, number][]): Promise<PngStats> {
    const page = await browser.newPage();
    try {
      const source = `(async () => {
        const img = new Image();
        img.src = 'data:image/png;base64,${png.toString('base64')}';
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set(); let inked = 0;
        for (let i = 0; i < d.length; i += 4) {
          seen.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
          if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) inked++;
        }
        const probes = ${JSON.stringify(probes)}.map(([x, y]) => { const p = (y * c.width + x) * 4; return [d[p], d[p + 1], d[p + 2]]; });
        return { width: c.width, height: c.height, colours: seen.size, inked: inked / (d.length / 4), probes };
      })()`;
      return await page.evaluate<PngStats>(source);
    } finally {
      await page.close();
    }
  }

  it('renders the detailed report without errors, draws every chart and shows hostile strings as inert text', async () => {
    const { page, problems } = await open(renderHtmlReport(await report, 'detailed'), 'detailed.html');
    const charts = await page.evaluate<{ id: string; width: number; painted: number }[]>(`(() => {
      const ids = Object.keys(JSON.parse(document.getElementById('pkimm-data').textContent).charts);
      return ids.map((id) => {
        const c = document.getElementById(id);
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
        return { id, width: c.width, painted };
      });
    })()`);
    expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(['chart-modules', 'chart-categories', 'chart-expiry', 'chart-issuers', 'chart-keys', 'chart-signatures', 'chart-extension-0', 'chart-trend-overall', 'chart-trend-categories']));
    for (const c of charts) expect(c.painted, c.id).toBeGreaterThan(1_000);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('img, svg, iframe').count()).toBe(0);
    await expect.poll(() => page.locator('#inventory-rows th', { hasText: '<script>window.__pwned=1</script>' }).count()).toBe(1);
    expect(await page.locator('#inventory-rows .sans', { hasText: 'DNS:"><img src=x onerror="window.__pwned=2">' }).count()).toBe(1);
    expect(await page.locator('#problems td', { hasText: 'evil.test:443"><script>window.__pwned=4</script>' }).count()).toBe(1);
    // Evidence links in a requirement and in the inventory land on their appendix entries.
    const inventoryLink = (await page.locator('#inventory-rows th a').first().getAttribute('href')) ?? '';
    expect(await page.locator(`article.evidence${inventoryLink}`).count()).toBe(1);
    const requirementLink = page.locator('#req-6-2 a.ev').first();
    const target = (await requirementLink.getAttribute('href')) ?? '';
    await requirementLink.click();
    await expect.poll(() => page.evaluate('location.hash')).toBe(target);
    const topOfTarget = `document.querySelector('article.evidence${target}').getBoundingClientRect().top`;
    await expect.poll(() => page.evaluate(`${topOfTarget} > -2 && ${topOfTarget} < innerHeight`)).toBe(true);
    expect(await page.locator(`article.evidence${target} h4`).textContent()).toBe(await requirementLink.textContent());
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters and sorts the inventory', async () => {
    const { page, problems } = await open(renderHtmlReport(await report, 'detailed'), 'inventory.html');
    const rows = page.locator('#inventory-rows tr');
    const status = page.locator('#inventory-status');
    await expect.poll(() => status.textContent()).toBe('Showing certificates 1–7 of 7.');
    expect(await rows.count()).toBe(7);
    // Soonest expiry first: the expired certificate leads and says so in words.
    expect(await rows.first().locator('td').nth(1).textContent()).toMatch(/^2025-12-31 \(expired 326 d ago\)$/);

    await page.locator('#inventory-filter').fill('ml-dsa');
    await expect.poll(() => status.textContent()).toBe('Showing certificates 1–1 of 1 (filtered from 7).');
    expect(await rows.first().locator('td').nth(2).textContent()).toBe('ML-DSA-65');

    await page.locator('#inventory-filter').fill('');
    await page.locator('#inventory-expiry').selectOption('30');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toContain('CN=soon.example.test');
    await page.locator('#inventory-expiry').selectOption('all');

    const issuerHeader = page.locator('th[data-key="issuer"]');
    await issuerHeader.locator('button').click();
    await expect.poll(() => issuerHeader.getAttribute('aria-sort')).toBe('ascending');
    const issuers = async (): Promise<string[]> => (await rows.locator('td:nth-child(2)').allTextContents());
    const ascending = await issuers();
    expect(ascending).toEqual([...ascending].sort());
    expect(ascending[0]).toBe('CN=Evil CA "<b>", O=Evil');
    await issuerHeader.locator('button').click();
    await expect.poll(() => issuerHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await issuers()).toEqual([...ascending].sort().reverse());
    expect(await page.locator('th[data-key="expires"]').getAttribute('aria-sort')).toBe('none');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('pages 10 000 certificates 100 at a time and still filters them', async () => {
    const big = await fixtureReport({ extraCertificates: manyCertificates(10_000) });
    const { page, problems } = await open(renderHtmlReport(big, 'detailed'), 'big.html');
    const rows = page.locator('#inventory-rows tr');
    const status = page.locator('#inventory-status');
    await expect.poll(() => status.textContent()).toBe('Showing certificates 1–100 of 10\u202f007.');
    expect(await rows.count()).toBe(100);
    expect(await page.locator('#inventory-page').textContent()).toBe('Page 1 of 101');
    await page.locator('#inventory-next').click();
    await expect.poll(() => status.textContent()).toBe('Showing certificates 101–200 of 10\u202f007.');
    await page.locator('#inventory-filter').fill('ca 3,');
    await expect.poll(() => status.textContent()).toBe('Showing certificates 1–100 of 1\u202f250 (filtered from 10\u202f007).');
    await page.locator('#inventory-filter').fill('host-09999.bulk');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.locator('#inventory-prev').isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes a screenshot whose header band, level badge and charts carry the expected colours', async () => {
    const r = await report;
    const { page } = await open(renderHtmlReport(r, 'assessment'), 'assessment.html');
    const badge = page.locator('.overall-level .lvl');
    expect(await badge.textContent()).toBe(`${r.assessment.overall.level} ${r.assessment.overall.label}`);
    const headerColour = await style(page, 'header.page-header', 'backgroundColor');
    const badgeColour = await style(page, '.overall-level .lvl', 'backgroundColor');
    expect(headerColour).toBe('rgb(11, 61, 145)');
    const box = await badge.boundingBox();
    const chart = await page.locator('#chart-modules').boundingBox();
    expect(box).not.toBeNull();
    expect(chart).not.toBeNull();
    const png = await page.screenshot({ path: join(dir, 'assessment.png') });
    const stats = await pngStats(png, [
      [20, 20],
      [Math.round((box?.x ?? 0) + 4), Math.round((box?.y ?? 0) + (box?.height ?? 0) / 2)],
    ]);
    expect([stats.width, stats.height]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    expect(stats.colours).toBeGreaterThan(20);
    expect(stats.inked).toBeGreaterThan(0.1);
    expect(stats.inked).toBeLessThan(0.9);
    expect(`rgb(${stats.probes[0]?.join(', ') ?? ''})`).toBe(headerColour);
    expect(badgeColour).toBe(BADGE_BACKGROUND[r.assessment.overall.level]);
    expect(`rgb(${stats.probes[1]?.join(', ') ?? ''})`).toBe(badgeColour);
    // The module chart is in the screenshot's lower part and drawn with the raw-value colour (#1f6feb).
    const chartShot = await pngStats(await page.locator('#chart-modules').screenshot(), []);
    expect(chartShot.colours).toBeGreaterThan(5);
    expect(
      await page.evaluate(`(() => {
        const c = document.getElementById('chart-modules');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) if (d[i] === 0x1f && d[i + 1] === 0x6f && d[i + 2] === 0xeb) return true;
        return false;
      })()`),
    ).toBe(true);
    await page.close();
  });

  it('prints on A4 with a page per section, no sticky headers and charts within the page', async () => {
    const { page, problems } = await open(renderHtmlReport(await report, 'detailed'), 'print.html');
    await page.emulateMedia({ media: 'print' });
    expect(await style(page, 'nav.toc', 'display')).toBe('none');
    expect(await style(page, '.inventory-table thead th', 'position')).toBe('static');
    expect(await style(page, '#levels', 'breakBefore')).toBe('page');
    expect(await style(page, '#overview', 'breakBefore')).toBe('auto');
    const overflowing = await page.evaluate(`[...document.querySelectorAll('canvas')].filter((c) => c.getBoundingClientRect().width > c.parentElement.getBoundingClientRect().width + 1).length`);
    expect(overflowing).toBe(0);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const pageCount = text.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    const sections = await page.locator('main > section').count();
    expect(sections).toBe(15);
    expect(pageCount).toBeGreaterThanOrEqual(sections);
    expect(text).toMatch(/\/Title \(PKI maturity detailed assessment report/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the attestation without any script and prints it on one or two pages', async () => {
    const { page, problems } = await open(renderHtmlReport(await report, 'attestation'), 'attestation.html');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('.statement-text').textContent()).toMatch(/^The public key infrastructure of Example <Corp> & "Sons" was assessed on 2026-11-20/);
    const pdf = await page.pdf({ format: 'A4' });
    const pageCount = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pageCount).toBeGreaterThanOrEqual(1);
    expect(pageCount).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
    await page.close();
  });
});
