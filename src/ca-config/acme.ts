// Recognising ACME directory URLs: which CA runs them and whether they are a staging/test endpoint (whose
// certificates chain to an untrusted root). Shared by the cert-manager, certbot, step-ca and other collectors.

/** What an ACME directory URL tells about the CA behind it. */
export interface AcmeServerInfo {
  /** Operator of a well-known endpoint: "Let's Encrypt", "Google Trust Services", "Buypass", "ZeroSSL", ... */
  readonly operator?: string;
  /** The endpoint is a staging / test endpoint. */
  readonly staging: boolean;
}

/** Well-known ACME endpoints by host name. */
const KNOWN_HOSTS: Readonly<Record<string, AcmeServerInfo>> = {
  'acme-v02.api.letsencrypt.org': { operator: "Let's Encrypt", staging: false },
  'acme-v01.api.letsencrypt.org': { operator: "Let's Encrypt", staging: false },
  'acme-staging-v02.api.letsencrypt.org': { operator: "Let's Encrypt", staging: true },
  'acme-staging.api.letsencrypt.org': { operator: "Let's Encrypt", staging: true },
  'dv.acme-v02.api.pki.goog': { operator: 'Google Trust Services', staging: false },
  'dv.acme-v02.test-api.pki.goog': { operator: 'Google Trust Services', staging: true },
  'api.buypass.com': { operator: 'Buypass', staging: false },
  'api.test4.buypass.no': { operator: 'Buypass', staging: true },
  'acme.zerossl.com': { operator: 'ZeroSSL', staging: false },
  'acme.sectigo.com': { operator: 'Sectigo', staging: false },
  'acme.ssl.com': { operator: 'SSL.com', staging: false },
  'acme.digicert.com': { operator: 'DigiCert', staging: false },
  'acme.entrust.net': { operator: 'Entrust', staging: false },
};

/** Host-name labels that mark a test endpoint on unknown servers: "acme-staging.example", "ca.test.example", Pebble. */
const TEST_LABEL = /(^|[.-])(staging|stage|stg|test|testing|sandbox|pebble)\d*([.-]|$)/i;

/** Returns the operator and staging status of an ACME directory URL; unparseable URLs are not staging. */
export function describeAcmeServer(url: string): AcmeServerInfo {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return { staging: false };
  }
  return KNOWN_HOSTS[host] ?? { staging: TEST_LABEL.test(host) };
}
