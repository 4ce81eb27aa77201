/** An OCSP response (fetched or stapled). Owner: the OCSP collector (issue 4). */
export type OcspResponseData = Readonly<Record<string, unknown>>;
