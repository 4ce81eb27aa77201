/** A fetched certificate revocation list. Owner: the CRL collector (issue 4). */
export type CrlData = Readonly<Record<string, unknown>>;
