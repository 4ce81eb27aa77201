import { describe, expect, it } from 'vitest';
import type { Evidence, SecurityTxtData } from '../../../model/evidence.js';
import rule from '../../../rules/16-awareness/security-txt-present.js';
import { NOW, type DataOverrides } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

/** Drops keys whose value is undefined (an override removing an optional field). */
const defined = <T,>(value: DataOverrides<T>): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const WELL_KNOWN = 'https://example.test/.well-known/security.txt';
const txt = (data: DataOverrides<SecurityTxtData>): Evidence<'security-txt'> => ({
  id: 'security-txt:example.test',
  kind: 'security-txt',
  collector: 'security-txt',
  target: 'example.test',
  observedAt: NOW.toISOString(),
  data: defined<SecurityTxtData>({ domain: 'example.test', outcome: 'found', url: WELL_KNOWN, status: 200, redirects: [], httpsVerified: true, ...data }),
});

describe(rule.id, () => {
  it('passes a file found over verified HTTPS', () => {
    expect(resultFor(rule, txt({})).status).toBe('pass');
  });

  it.each([
    [{ outcome: 'not-found', status: 404 }, `No security.txt at ${WELL_KNOWN} (HTTP 404) nor at the legacy /security.txt.`],
    [{ outcome: 'not-text', contentType: 'text/html' }, `${WELL_KNOWN} serves text/html instead of a text security.txt.`],
    [{ outcome: 'invalid-certificate', httpsVerified: false, certificateError: 'CERT_HAS_EXPIRED', status: undefined }, 'The HTTPS certificate of example.test does not verify (CERT_HAS_EXPIRED), so its security.txt cannot be trusted.'],
    [{ outcome: 'http-error', status: 503 }, `${WELL_KNOWN} answered HTTP 503.`],
    [{ httpsVerified: false, url: 'http://example.test/.well-known/security.txt' }, 'The security.txt of example.test ends at http://example.test/.well-known/security.txt, not on verified HTTPS.'],
  ] as const)('flags %o', (data, message) => {
    const result = resultFor(rule, txt(data));
    expect(result.status).toBe('fail');
    expect(result.message).toBe(message);
  });
});
