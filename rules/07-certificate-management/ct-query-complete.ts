/**
 * A CT search or log window must have been read completely for its results to count as the full list of logged
 * certificates.
 *
 * Requirement: discovery whose coverage is known (PKIMM 7.5): an incomplete CT query (failed requests, cut by a bound)
 * hides certificates and makes `ct_match` unreliable.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ct-query-complete',
  title: 'CT searches were read completely',
  description: 'Flags CT queries (crt.sh searches, CT log windows) that did not complete: failed or skipped requests, or results cut by a bound.',
  severity: 'low',
  pkimm: ['7.5'],
  references: ['RFC 6962 §4.6'],
  remediation: 'Re-run with higher limits or narrower identities, or read the log directly (ct-log collector) when crt.sh times out.',
  docs: 'Incomplete queries are reported so that the CT-based numbers are read with care; the missing identities are in the evidence.',
  messages: { incomplete: 'CT query {{what}} is incomplete: {{detail}}.' },
  scope: 'item',
  appliesTo: 'ct-query',
  evaluate(query) {
    if (query.data.complete) return pass();
    const what = query.data.source === 'crtsh' ? `for ${query.data.domain}` : `of ${query.data.logUrl}`;
    const failed = query.data.requests.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped').length;
    return fail('incomplete', { what, detail: `${failed} request(s) failed or were skipped` });
  },
});
