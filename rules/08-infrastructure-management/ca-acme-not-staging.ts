/**
 * Production setups must not obtain certificates from an ACME staging or test endpoint: those chain to roots no
 * client trusts.
 *
 * Requirement: separation of test and production (PKIMM 8.2 segmentation: "test certificates or test issuers on
 * production endpoints"), and a working lifecycle (7.3). RFC 8555 §7.1.1 directory; Let's Encrypt staging environment.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ca-acme-not-staging',
  title: 'ACME clients use production endpoints',
  description: 'Flags CA or client configurations that point at a known or apparent ACME staging/test endpoint (or that the collector observed doing so). Setups without a CA endpoint are not applicable.',
  severity: 'high',
  pkimm: ['8.2', '7.3'],
  references: ['RFC 8555 §7.1.1', "Let's Encrypt staging environment documentation"],
  remediation: 'Point the issuer at the production directory (e.g. https://acme-v02.api.letsencrypt.org/directory); keep staging issuers out of production clusters.',
  docs: 'Test clusters legitimately use staging: waive the finding for their targets.',
  messages: { staging: '{{name}} uses the staging endpoint {{url}}.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.ca?.staging !== undefined || config.data.observations.some((o) => o.code === 'acme-staging-endpoint'),
  evaluate(config) {
    const staging = config.data.ca?.staging === true || config.data.observations.some((o) => o.code === 'acme-staging-endpoint');
    return staging ? fail('staging', { name: config.data.name, url: config.data.ca?.url ?? '(see observations)' }) : pass();
  },
});
