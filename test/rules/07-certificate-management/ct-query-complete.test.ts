import { describe, expect, it } from 'vitest';
import type { CtCrtshQueryData, Evidence } from '../../../model/evidence.js';
import rule from '../../../rules/07-certificate-management/ct-query-complete.js';
import { NOW } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const query = (data: Partial<CtCrtshQueryData>): Evidence<'ct-query'> => ({
  id: `ct-query:${data.complete === false ? 'b' : 'a'}`,
  kind: 'ct-query',
  collector: 'crtsh',
  target: 'example.test',
  observedAt: NOW.toISOString(),
  data: { source: 'crtsh', domain: 'example.test', baseUrl: 'https://crt.sh', includeSubdomains: true, excludeExpired: true, requests: [], rowsReturned: 3, entries: 2, entriesEmitted: 2, certificatesDownloaded: 0, unfetched: [], complete: true, ...data },
});

describe(rule.id, () => {
  it('passes a complete search', () => {
    expect(resultFor(rule, query({})).status).toBe('pass');
  });

  it('flags an incomplete search', () => {
    const result = resultFor(rule, query({ complete: false, requests: [{ query: '%.example.test', outcome: 'failed', reason: 'timeout' }, { query: 'example.test', outcome: 'ok' }] }));
    expect(result.message).toBe('CT query for example.test is incomplete: 1 request(s) failed or were skipped.');
  });
});
