import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AnswersFile } from '../../model/answers.js';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { scoreAnswers } from '../../src/engine/score-answers.js';
import { renderHtmlReport } from '../../src/report/html/page.js';
import { HTML_REPORT_TYPES, REPORT_TYPE_INFO, type HtmlReportType } from '../../src/report/html/report-types.js';
import { APPENDIX_LIMIT } from '../../src/report/html/sections/more.js';
import { render, reporters } from '../../src/report/render.js';
import { fixtureReport, HOSTILE, manyCertificates } from './html-fixture.js';

const report = await fixtureReport({ trends: true });
const pages = Object.fromEntries(HTML_REPORT_TYPES.map((t) => [t, renderHtmlReport(report, t)])) as Record<HtmlReportType, string>;

/** The section ids of a page, in order. */
const sectionIds = (html: string): string[] => [...html.matchAll(/<section id="([a-z-]+)"/g)].map((m) => m[1] ?? '');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

describe('html reporter', () => {
  it('is registered as html (detailed) and as one format per other official report type', () => {
    expect(render(report, 'html')).toBe(pages.detailed);
    expect(render(report, 'html-assessment')).toBe(pages.assessment);
    expect(render(report, 'html-self-assessment')).toBe(pages['self-assessment']);
    expect(render(report, 'html-attestation')).toBe(pages.attestation);
    expect([reporters.html.extension, reporters['html-attestation'].extension]).toEqual(['html', 'attestation.html']);
  });

  it.each([
    { type: 'self-assessment', title: 'PKI maturity self-assessment report', sections: ['overview', 'levels', 'extensions', 'problems'] },
    {
      type: 'assessment',
      title: 'PKI maturity assessment report',
      sections: ['overview', 'levels', 'recommendations', 'automation', 'conflicts', 'findings', 'health', 'extensions', 'trends', 'problems'],
    },
    {
      type: 'detailed',
      title: 'PKI maturity detailed assessment report',
      sections: ['overview', 'levels', 'recommendations', 'automation', 'conflicts', 'requirements', 'findings', 'health', 'inventory', 'revocation', 'ct', 'extensions', 'trends', 'problems', 'evidence'],
    },
    { type: 'attestation', title: 'PKI maturity attestation', sections: ['attestation'] },
  ] as const)('$type: says what it is and shows its sections', ({ type, title, sections }) => {
    const html = pages[type];
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<title>${title}: Example &lt;Corp&gt; &amp; &quot;Sons&quot;</title>`);
    expect(sectionIds(html)).toEqual(sections);
    expect(REPORT_TYPE_INFO[type].sections).toEqual(expect.arrayContaining([...sections]));
  });

  it('states the overall level with its name, the progress to the next level and what the level means', () => {
    const o = report.assessment.overall;
    expect(o.status).toBe('scored');
    const html = pages.assessment;
    expect(html).toContain(`<span class="lvl lvl-${o.level}">${o.level} ${o.label}</span>`);
    expect(html).toContain(`weighted average ${o.raw?.toFixed(2) ?? ''}`);
    expect(html).toMatch(new RegExp(`Progress from level ${o.level} ${o.label} to level ${o.level + 1} [A-Za-z]+: ${Math.round(o.progress * 100)} %`));
    expect(html).toContain(`<meter id="overall-progress" min="0" max="1" value="${o.progress.toFixed(4)}">`);
  });

  it('writes the attestation as a formal statement with scope, date, model version, scoring mode and assessor', () => {
    const html = pages.attestation;
    const o = report.assessment.overall;
    expect(html).toContain(
      `The public key infrastructure of Example &lt;Corp&gt; &amp; &quot;Sons&quot; was assessed on 2026-11-20 against the PKI Maturity Model (PKIMM) version 1.1.0 of the PKI Consortium. Within the scope stated below, the overall maturity level achieved is level ${o.level}, ${o.label}`,
    );
    for (const term of ['Date of the assessment', 'Assessor', 'Model', 'Scoring mode', 'Scope']) expect(html).toContain(`<dt>${term}</dt>`);
    expect(html).toContain('<dd>A. Person</dd>');
    expect(html).toContain('8 Infrastructure management: no own infrastructure');
    expect(html).toContain('methodology: unanswered requirements are left out of the averages');
    // No charts, so neither Chart.js nor any script.
    expect(html).not.toContain('<script');
    expect(html).toContain("script-src 'none'");
    expect(html.length).toBeLessThan(40_000);
  });

  it('lists conflicts, requirement reasons and links requirement evidence to the appendix', () => {
    const html = pages.detailed;
    const conflict = Object.values(report.assessment.requirements).flatMap((r) => r.conflicts)[0];
    expect(conflict).toBeDefined();
    expect(html).toContain(conflict?.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    expect(html).toContain('<article class="requirement" id="req-7-4"><h4>7.4 ');
    const block = /<article class="requirement" id="req-6-2">([^]*?)<\/article>/.exec(html)?.[1] ?? '';
    expect(block).toContain('5 RSA certificates have no key inventory record. <span class="muted">(rsa_unrecorded = 5.000, threshold 0.000)</span>');
    expect(block).toContain('answer above the evidence cap (cap applied): answered 4, evidence caps at 2: 5 RSA certificates have no key inventory record.');
    const links = [...block.matchAll(/<a class="ev" href="#(ev-[0-9a-f]{16})">([^<]*)<\/a>/g)];
    expect(links.map((m) => m[2])).toEqual(expect.arrayContaining(['CN=www.example.test', 'CN=&lt;script&gt;window.__pwned=1&lt;/script&gt;, O=Evil']));
    expect(links).toHaveLength(5);
    for (const [, anchor] of links) expect(html).toContain(`<article class="evidence" id="${anchor ?? ''}">`);
    expect(/<dt>Checks<\/dt><dd>[^]*?<span class="sev sev-high">\d+ failed<\/span>/.test(html)).toBe(true);
  });

  it('shows revocation and CT health from crl, ocsp-response, ct-query and ct-log-entry evidence', () => {
    const html = pages.detailed;
    expect(html).toContain('<caption>CRLs</caption>');
    expect(html).toContain('not fetched (unsupported-scheme, ldap)');
    expect(html).toContain('<caption>OCSP responses</caption>');
    expect(html).toContain('successful: good');
    expect(html).toContain('missing staple');
    expect(html).toContain('<caption>CT searches</caption>');
    expect(html).toContain('C=US, O=Shadow CA, CN=S1');
  });

  it('shows the extension view and the trends with the comparison to the previous scan', () => {
    expect(pages.detailed).toContain('<h3>Fixture extension 0.0.1</h3>');
    expect(pages.detailed).toContain('Compared with the previous assessment (2026-10-22 00:00 UTC), the overall weighted average rose by 0.30: 2.10 → 2.40.');
    expect(pages.detailed).toContain('<th scope="row">certificates.expiring-30d</th>');
    expect(sectionIds(renderHtmlReport({ ...report, trends: undefined } as never, 'detailed'))).not.toContain('trends');
  });

  it('escapes every report string: hostile subjects, SANs, URLs and targets render as text', () => {
    for (const html of Object.values(pages)) {
      for (const raw of [...Object.values(HOSTILE), '<b>review</b>', '<img', '<svg', 'onerror="', '<script>window']) expect(html).not.toContain(raw);
      expect(html.match(/<script/g)?.length ?? 0).toBeLessThanOrEqual(2);
    }
    expect(pages.detailed).toContain('CN=&lt;script&gt;window.__pwned=1&lt;/script&gt;, O=Evil');
    expect(pages.detailed).toContain('DNS:&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
    const data = /<script type="application\/json" id="pkimm-data">([^]*?)<\/script>/.exec(pages.detailed)?.[1] ?? '';
    expect(data).toContain('CN=\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e, O=Evil');
    expect(JSON.parse(data)).toHaveProperty('inventory');
  });

  it('allows exactly its own inline script and stylesheet by hash, and nothing from the network', () => {
    for (const html of Object.values(pages)) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      expect(csp).toMatch(/^default-src 'none'; script-src [^;]+; style-src 'sha256-[^']+'; img-src data:; base-uri 'none'; form-action 'none'$/);
      const style = /<style>([^]*?)<\/style>/.exec(html)?.[1] ?? '';
      expect(csp).toContain(`style-src 'sha256-${sha256(style)}'`);
      const script = /<script>([^]*?)<\/script>/.exec(html)?.[1];
      if (script !== undefined) expect(csp).toContain(`script-src 'sha256-${sha256(script)}'`);
      expect(html).not.toMatch(/\sstyle="|\son[a-z]+="|\ssrc="|<link|<iframe|<img/);
      expect([...html.matchAll(/\shref="([^"]*)"/g)].every((m) => m[1]?.startsWith('#'))).toBe(true);
    }
  });

  it('inlines Chart.js once with its MIT licence banner and stays near the size of Chart.js itself', () => {
    const html = pages.assessment;
    expect(html.match(/Chart\.js v4\.\d+\.\d+/g)).toHaveLength(1);
    expect(html).toContain('Released under the MIT License');
    expect(html).toMatch(/Charts drawn with Chart\.js 4\.\d+\.\d+ \(MIT licence/);
    expect(html.length).toBeGreaterThan(200_000);
    expect(html.length).toBeLessThan(320_000);
  });

  it('renders the same bytes for the same report, whatever the object identity', () => {
    const copy = structuredClone(report);
    for (const type of HTML_REPORT_TYPES) expect(renderHtmlReport(copy, type)).toBe(pages[type]);
  });

  it('renders a report without scan, evidence or answers (score of category levels) in every type', () => {
    const file = AnswersFile.parse({ model: '1.1.0', categories: { '1': 3, '5': 2, '7': { level: 4 } } });
    const bare = scoreAnswers({ model: builtinModel('1.1.0'), answers: { file, source: 'self.yaml' }, now: () => new Date('2026-11-22T00:00:00Z') });
    const detailed = renderHtmlReport(bare, 'detailed');
    expect(sectionIds(detailed)).toEqual(['overview', 'levels', 'recommendations', 'automation', 'conflicts', 'requirements', 'findings', 'revocation', 'ct', 'problems', 'evidence']);
    expect(detailed).toContain('No CRL or OCSP evidence was collected in this scan');
    expect(detailed).toContain('self-assessment (category levels)');
    expect(renderHtmlReport(bare, 'self-assessment')).toContain('3 of 16 in-scope categories have a level');
    expect(renderHtmlReport(bare, 'attestation')).toContain('the overall maturity level achieved is level');
  });

  it(`keeps the evidence appendix to ${APPENDIX_LIMIT} items and links only to items it holds`, async () => {
    const big = await fixtureReport({ extraCertificates: manyCertificates(2_000) });
    const html = renderHtmlReport(big, 'detailed');
    const articles = html.match(/<article class="evidence" id="ev-/g) ?? [];
    expect(articles).toHaveLength(APPENDIX_LIMIT);
    expect(html).toContain(`${APPENDIX_LIMIT.toLocaleString('en').replace(',', '\u202f')} of ${big.evidence.length.toLocaleString('en').replace(',', '\u202f')} evidence items; the rest are in the JSON report.`);
    const anchors = new Set([...html.matchAll(/ id="(ev-[0-9a-f]{16})"/g)].map((m) => m[1]));
    const data = JSON.parse(/<script type="application\/json" id="pkimm-data">([^]*?)<\/script>/.exec(html)?.[1] ?? '{}') as { inventory: string[][] };
    expect(data.inventory).toHaveLength(big.evidence.filter((e) => e.kind === 'certificate').length);
    expect(data.inventory.filter((row) => row[9] !== '').every((row) => anchors.has(row[9]))).toBe(true);
  });
});
