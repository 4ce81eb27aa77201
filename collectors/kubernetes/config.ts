import { z } from 'zod';
import { byteSize, durationMs } from '../../src/config/units.js';

/** Live-cluster access: which kubeconfig, contexts and namespaces to read. */
export const KubernetesClusterConfig = z
  .object({
    /** kubeconfig file, relative to the scan's base directory. Default: the files of $KUBECONFIG (merged), else ~/.kube/config, else the pod's service account. */
    kubeconfig: z.string().min(1).optional(),
    /** Contexts to read. Default: the kubeconfig's current-context. */
    contexts: z.array(z.string().min(1)).default([]),
    /** Namespaces to read Secrets and namespaced cert-manager resources from. Default: all namespaces. */
    namespaces: z.array(z.string().min(1)).default([]),
    /** Items per list request (`limit`); the collector follows `continue` tokens. */
    pageSize: z.number().int().min(1).max(5_000).default(250),
    /** Most items read per resource type and context; the rest are reported as a problem. */
    maxItems: z.number().int().positive().default(100_000),
    /** Deadline per API request. */
    timeoutMs: durationMs().default(30_000),
    /** Largest API response body read. */
    maxResponseBytes: byteSize().default(50_000_000),
  })
  .strict();

/** Configuration of the kubernetes collector; defaults live here. */
export const KubernetesConfig = z
  .object({
    /** `kubectl get … -o yaml|json` exports and manifests: files or folders, relative to the scan's base directory. */
    paths: z.array(z.string().min(1)).default([]),
    /** Descend into sub-folders of `paths`. */
    recursive: z.boolean().default(true),
    /** File name endings read inside folders (case-insensitive); files named directly are always read. */
    extensions: z.array(z.string().min(1)).default(['.yaml', '.yml', '.json']),
    /** Larger files are reported as too large and not read. */
    maxFileBytes: byteSize().default(20_000_000),
    /** Stop after this many files per configured path. */
    maxFiles: z.number().int().positive().default(10_000),
    /** Read a live cluster through a kubeconfig (omit to read files only). */
    cluster: KubernetesClusterConfig.optional(),
    /** Read TLS Secrets (certificates, private-key metadata). */
    secrets: z.boolean().default(true),
    /** Record private-key metadata for `tls.key` entries. */
    privateKeys: z.boolean().default(true),
    /** Read cert-manager resources (Issuer, ClusterIssuer, Certificate, CertificateRequest, annotated Ingress). */
    certManager: z.boolean().default(true),
  })
  .strict();
/** Parsed kubernetes configuration. */
export type KubernetesConfig = z.infer<typeof KubernetesConfig>;
/** Parsed live-cluster configuration. */
export type KubernetesClusterConfig = z.infer<typeof KubernetesClusterConfig>;
