/**
 * OCSP responses must be current: thisUpdate not in the future and nextUpdate (when given) not passed.
 *
 * Requirement: RFC 6960 §4.2.2.1 (time), CA/B Forum TLS BR §4.9.10 (responses refreshed at least every 4 days, valid
 * at most 10 days); stale responses are a missed recurring activity (PKIMM 4.3, 7.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ocsp-response-current',
  title: 'OCSP responses are current',
  description: 'Flags successful OCSP responses (fetched or stapled) that were not current when observed (nextUpdate passed or thisUpdate in the future).',
  severity: 'high',
  pkimm: ['4.3', '7.3'],
  references: ['RFC 6960 §4.2.2.1', 'CABF TLS BR §4.9.10'],
  remediation: 'Fix the responder\'s pre-generation schedule or the server\'s stapling cache.',
  docs: 'Relies on the collector\'s `current` verdict, which allows five minutes of clock skew.',
  messages: { stale: 'OCSP response ({{source}}) for certificate {{serial}} was not current (thisUpdate {{thisUpdate}}, nextUpdate {{nextUpdate}}).' },
  scope: 'item',
  appliesTo: 'ocsp-response',
  applies: (r) => r.data.status === 'response' && r.data.current !== undefined,
  evaluate(r) {
    if (r.data.status !== 'response' || r.data.current !== false) return pass();
    return fail('stale', { source: r.data.url ?? r.data.endpoint ?? r.data.source, serial: r.data.serialNumberHex, thisUpdate: r.data.thisUpdate ?? 'none', nextUpdate: r.data.nextUpdate ?? 'none' });
  },
});
