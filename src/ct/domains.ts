// Domain names as CT searches use them: normalised, validated and matched against certificate names.

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** Normalises a configured domain: lowercase, no trailing dot, no leading "*."; returns undefined when it is not a DNS name. */
export function normaliseDomain(input: string): string | undefined {
  const name = input.trim().toLowerCase().replace(/\.$/, '').replace(/^\*\./, '');
  if (name.length === 0 || name.length > 253) return undefined;
  const labels = name.split('.');
  // An all-numeric last label is an IPv4 address, never a top-level domain (RFC 3696 §2).
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) return undefined;
  return name;
}

/**
 * Returns the configured domains a certificate's DNS names fall under, sorted: a name matches a domain when it equals
 * it or, with `includeSubdomains`, ends with "." + domain (so "*.example.org" matches "example.org").
 */
export function matchDomains(dnsNames: readonly string[], domains: readonly string[], includeSubdomains: boolean): string[] {
  const matched = new Set<string>();
  for (const domain of domains) {
    const suffix = `.${domain}`;
    if (dnsNames.some((n) => n === domain || (includeSubdomains && n.endsWith(suffix)))) matched.add(domain);
  }
  return [...matched].sort();
}

/** Returns the DNS names a certificate covers: its SAN dNSNames (as "DNS:name") plus a host-like CN, lowercase, sorted, unique. */
export function certificateDnsNames(subjectAltNames: readonly string[], commonName: string | undefined): string[] {
  const names = new Set<string>();
  for (const san of subjectAltNames) if (san.startsWith('DNS:')) names.add(san.slice(4).trim().toLowerCase().replace(/\.$/, ''));
  if (commonName !== undefined && /^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)+\.?$/i.test(commonName.trim())) names.add(commonName.trim().toLowerCase().replace(/\.$/, ''));
  names.delete('');
  return [...names].sort();
}

/** Returns the value of the last CN attribute of a DN formatted as "C=.., O=.., CN=..", or undefined. */
export function commonNameOf(dn: string): string | undefined {
  const matches = [...dn.matchAll(/(?:^|,\s*|\+\s*)CN=((?:\\.|[^,+\\])*)/g)];
  const last = matches.at(-1)?.[1];
  return last === undefined ? undefined : last.trim();
}
