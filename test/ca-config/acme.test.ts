import { describe, expect, it } from 'vitest';
import { describeAcmeServer } from '../../src/ca-config/acme.js';

describe('describeAcmeServer', () => {
  it.each([
    ['https://acme-v02.api.letsencrypt.org/directory', { operator: "Let's Encrypt", staging: false }],
    ['https://acme-staging-v02.api.letsencrypt.org/directory', { operator: "Let's Encrypt", staging: true }],
    ['https://acme-staging.api.letsencrypt.org/directory', { operator: "Let's Encrypt", staging: true }],
    ['https://dv.acme-v02.api.pki.goog/directory', { operator: 'Google Trust Services', staging: false }],
    ['https://dv.acme-v02.test-api.pki.goog/directory', { operator: 'Google Trust Services', staging: true }],
    ['https://api.buypass.com/acme/directory', { operator: 'Buypass', staging: false }],
    ['https://api.test4.buypass.no/acme/directory', { operator: 'Buypass', staging: true }],
    ['https://acme.zerossl.com/v2/DV90', { operator: 'ZeroSSL', staging: false }],
    ['https://acme.sandbox.example.com/directory', { staging: true }],
    ['https://localhost:14000/dir', { staging: false }],
    ['https://pebble:14000/dir', { staging: true }],
    ['https://ca.internal.example/acme/acme/directory', { staging: false }],
    ['https://my-acme-server-with-eab.com/directory', { staging: false }],
    ['not a url', { staging: false }],
  ])('%s', (url, expected) => {
    expect(describeAcmeServer(url)).toEqual(expected);
  });
});
