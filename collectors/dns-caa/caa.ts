// CAA record handling (RFC 8659): the tree climb over an injected lookup, and the parsing of issue/issuewild values.
import type { CaaIssuer, CaaLookup, CaaRecord } from '../../model/evidence.js';

/** The answer for one name: a CAA RRset, or none there (the name exists without CAA, or does not exist). */
export type CaaAnswer = { readonly result: 'records'; readonly records: readonly CaaRecord[] } | { readonly result: 'no-data' | 'nxdomain' };

/** The relevant RRset of a domain: where it was found (if anywhere) and every name asked on the way. */
export interface CaaClimb {
  readonly foundAt?: string;
  readonly records: readonly CaaRecord[];
  readonly lookups: readonly CaaLookup[];
}

/** The names a climb asks, from the domain itself up to its top-level domain ("a.b.example" → a.b.example, b.example, example). */
export function climbNames(domain: string): string[] {
  const labels = domain.split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

/** Climbs from the domain towards its top-level domain and stops at the first name with CAA records (RFC 8659 §3). Lookup errors propagate. */
export async function climb(domain: string, lookup: (name: string) => Promise<CaaAnswer>): Promise<CaaClimb> {
  const lookups: CaaLookup[] = [];
  for (const name of climbNames(domain)) {
    const answer = await lookup(name);
    lookups.push({ name, result: answer.result });
    if (answer.result === 'records') return { foundAt: name, records: sortRecords(answer.records), lookups };
  }
  return { records: [], lookups };
}

/** Sorts records by tag, then value, then flags: the RRset is a set, so its order carries no meaning. */
export function sortRecords(records: readonly CaaRecord[]): CaaRecord[] {
  return [...records].sort((a, b) => a.tag.localeCompare(b.tag) || a.value.localeCompare(b.value) || a.flags - b.flags);
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const PARAMETER = /^([a-z0-9]+)\s*=\s*([\x21-\x3a\x3c-\x7e]*)$/i;

/**
 * Parses an issue or issuewild value ("letsencrypt.org; accounturi=https://...; validationmethods=dns-01") into the
 * issuer domain and its parameters. A value with no domain (";") authorises no CA. Malformed parameters are dropped.
 */
export function parseIssueValue(tag: 'issue' | 'issuewild', value: string): CaaIssuer {
  const semicolon = value.indexOf(';');
  const head = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase().replace(/\.$/, '');
  const domain = head !== '' && head.split('.').every((l) => LABEL.test(l)) ? head : undefined;
  const parameters =
    semicolon < 0
      ? []
      : value
          .slice(semicolon + 1)
          .split(';')
          .map((p) => PARAMETER.exec(p.trim()))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => ({ key: m[1]!.toLowerCase(), value: m[2]! }));
  return { tag, ...(domain === undefined ? {} : { domain }), parameters };
}

/** The parsed issue and issuewild properties of an RRset, in record order. */
export const issuersOf = (records: readonly CaaRecord[]): CaaIssuer[] =>
  records.flatMap((r) => (r.tag === 'issue' || r.tag === 'issuewild' ? [parseIssueValue(r.tag, r.value)] : []));

/** The values of one property tag, in record order. */
export const valuesOf = (records: readonly CaaRecord[], tag: string): string[] => records.filter((r) => r.tag === tag).map((r) => r.value);
