import certFile from './cert-file/index.js';
import tlsEndpoint from './tls-endpoint/index.js';

/** Every collector shipped with the tool, in run order. */
export const builtInCollectors = [certFile, tlsEndpoint] as const;
