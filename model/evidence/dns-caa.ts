// DNS CAA evidence (RFC 8659). Owner: the dns-caa collector.

/** Where a looked-up domain came from. */
export type DnsCaaDomainSource = 'configured' | 'certificate-san';

/** One CAA resource record as the resolver returned it. */
export interface CaaRecord {
  /** The flags octet (128: issuer critical). */
  readonly flags: number;
  /** Property tag, lowercase ("issue", "issuewild", "iodef", "contactemail", "contactphone", or any other tag). */
  readonly tag: string;
  readonly value: string;
}

/** A parsed `issue` or `issuewild` property (RFC 8659 §4.2). */
export interface CaaIssuer {
  readonly tag: 'issue' | 'issuewild';
  /** The issuer domain name, lowercase; absent for ";" (no CA may issue). */
  readonly domain?: string;
  /** Parameters after the domain ("accounturi", "validationmethods", ...), keys lowercase, in record order. */
  readonly parameters: readonly { readonly key: string; readonly value: string }[];
}

/** The answer for one name the climb asked about. */
export interface CaaLookup {
  readonly name: string;
  /** `records`: a CAA RRset; `no-data`: the name exists without CAA; `nxdomain`: the name does not exist. */
  readonly result: 'records' | 'no-data' | 'nxdomain';
}

/**
 * The relevant CAA record set of one domain, found by climbing from the domain towards the top-level domain
 * (RFC 8659 §3) until a name has CAA records. Resolver failures are collection problems, never "no CAA".
 */
export interface DnsCaaData {
  /** The domain looked up, lowercase, without a trailing dot or "*." prefix. */
  readonly domain: string;
  readonly source: DnsCaaDomainSource;
  /** `found`: a CAA RRset at `foundAt`; `none`: no name from the domain up to its top-level domain has CAA records. */
  readonly outcome: 'found' | 'none';
  /** The name where the relevant RRset was found (the domain itself or an ancestor). */
  readonly foundAt?: string;
  /** The names asked, in climbing order, with their answers. */
  readonly lookups: readonly CaaLookup[];
  /** The relevant RRset, sorted by tag then value; unknown tags kept. */
  readonly records: readonly CaaRecord[];
  /** `issue` and `issuewild` properties, parsed. */
  readonly issuers: readonly CaaIssuer[];
  /** `iodef` URLs (mailto:, http:, https:). */
  readonly iodef: readonly string[];
  /** `contactemail` values (CA/B Forum BR §3.2.2.4.13). */
  readonly contactEmails: readonly string[];
  /** `contactphone` values (CA/B Forum BR §3.2.2.4.16). */
  readonly contactPhones: readonly string[];
}
