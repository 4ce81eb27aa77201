import adcs from './adcs/index.js';
import awsAcm from './aws-acm/index.js';
import awsPca from './aws-pca/index.js';
import azureKeyVault from './azure-key-vault/index.js';
import certbot from './certbot/index.js';
import certFile from './cert-file/index.js';
import cfssl from './cfssl/index.js';
import crl from './crl/index.js';
import crtsh from './crtsh/index.js';
import ctLog from './ct-log/index.js';
import dnsCaa from './dns-caa/index.js';
import ejbca from './ejbca/index.js';
import gcpCertificateManager from './gcp-certificate-manager/index.js';
import kubernetes from './kubernetes/index.js';
import ocsp from './ocsp/index.js';
import opensslCa from './openssl-ca/index.js';
import platform from './platform/index.js';
import securityTxt from './security-txt/index.js';
import stepCa from './step-ca/index.js';
import tlsEndpoint from './tls-endpoint/index.js';
import vaultPki from './vault-pki/index.js';

/** Every collector shipped with the tool, in run order. */
export const builtInCollectors = [certFile, tlsEndpoint, awsAcm, azureKeyVault, gcpCertificateManager, kubernetes, stepCa, certbot, opensslCa, crtsh, ctLog, vaultPki, ejbca, adcs, cfssl, awsPca, crl, ocsp, dnsCaa, securityTxt, platform] as const;
