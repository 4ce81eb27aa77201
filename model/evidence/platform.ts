// Platform evidence (analysis E8): one software or hardware platform in or around the PKI, its version and the
// lifecycle facts a maintained end-of-life table gives for it. Owner: the platform collector. Dates are recorded as the
// table states them; whether a platform is past its end of life is for checks to decide against the scan's "now".

/** What the platform does in the PKI. */
export type PlatformRole = 'ca' | 'ra' | 'client' | 'library' | 'os' | 'hsm' | 'web-server';

/** Where the platform and its version were seen. */
export type PlatformSource =
  | {
      /** A person listed it in the collector's `declared` configuration. */
      readonly kind: 'declared';
      /** Position in the scan configuration, e.g. "collectors.platform.declared[2]". */
      readonly pointer: string;
    }
  | {
      /** Read from other evidence of the same scan (a version a CA-configuration collector recorded). */
      readonly kind: 'evidence';
      /** The field the version came from, e.g. "ca-config details.certbotVersion". */
      readonly field: string;
      /** Ids of the evidence items that recorded this product and version (sorted, at most 50). */
      readonly evidenceIds: readonly string[];
      /** Files the version was read from, as those collectors recorded them (sorted, at most 50). */
      readonly paths?: readonly string[];
    };

/** The release cycle of an end-of-life table the version belongs to, with its lifecycle dates as the table states them. */
export interface PlatformLifecycle {
  /** `matched`: a cycle of the table covers the version; `no-cycle`: the table has no cycle for it; `no-data`: no table for the product. */
  readonly status: 'matched' | 'no-cycle' | 'no-data';
  /** The table's product name (endoflife.date slug) the product was looked up under. */
  readonly tableProduct: string;
  /** Where the table came from: a file path (relative to the scan's base directory) or a URL; absent with `no-data`. */
  readonly tableSource?: string;
  /** When the table was read or fetched (ISO-8601 UTC); absent with `no-data`. */
  readonly tableDate?: string;
  /** The matched cycle ("3.0", "2019", "1.18"). */
  readonly cycle?: string;
  /** Release date of the cycle (YYYY-MM-DD). */
  readonly releaseDate?: string;
  /** End of life (security support) of the cycle: a date (YYYY-MM-DD), or `true` / `false` when the table gives no date. */
  readonly eol?: string | boolean;
  /** End of active support, when the table gives it: a date or a boolean. */
  readonly support?: string | boolean;
  /** Whether the cycle is a long-term-support release, or the date it became one. */
  readonly lts?: string | boolean;
  /** The newest version of the matched cycle. */
  readonly latestInCycle?: string;
  /** The newest cycle in the table (of the same track, LTS or not, as the matched one). */
  readonly latestCycle?: string;
  /**
   * How many cycles of the table were released after the matched one. When the matched cycle is a long-term-support
   * release, only newer long-term-support cycles count (Windows Server 2019 is behind 2022 and 2025, not behind every
   * semi-annual release).
   */
  readonly cyclesBehind?: number;
}

/** What a post-quantum capability table says about the product at this version (analysis §4.7 PQ-6). */
export interface PlatformPqc {
  /** The version meets the lowest minimum version the table lists for the product. */
  readonly capable: boolean;
  /** Capabilities of every row whose minimum version the version meets ("ML-KEM", "ML-DSA", "X25519MLKEM768 default"). */
  readonly capabilities: readonly string[];
  /** The lowest version of the product the table lists as PQC-capable, when this version is not: the upgrade path. */
  readonly upgradeTo?: { readonly version: string; readonly capabilities: readonly string[] };
  /** The sources the table cites for the rows used (vendor release notes, documentation URLs). */
  readonly sources: readonly string[];
  /** The table file (relative to the scan's base directory). */
  readonly table: string;
}

/** One observed or declared platform instance: product, version and role, with its lifecycle and PQC facts. */
export interface PlatformData {
  /** Normalised product id: lowercase, e.g. "ejbca", "vault", "openbao", "step-ca", "certbot", "openssl", "windows-server". */
  readonly product: string;
  /** The version as observed or declared ("3.0.13", "2019", "v1.18.2"). */
  readonly version: string;
  readonly role: PlatformRole;
  /** A name for the instance ("issuing CA host", "HSM cluster A"), when known. */
  readonly name?: string;
  /** The environment declared for the instance ("production", "test", "staging"), when known. */
  readonly environment?: string;
  readonly source: PlatformSource;
  readonly lifecycle: PlatformLifecycle;
  /** Present when a PQC capability table lists the product. */
  readonly pqc?: PlatformPqc;
}
