/** Where a certificate was seen. One certificate may have many sightings (file, endpoint, secret...). */
export interface Sighting {
  readonly collector: string;
  /** What the user configured: "example.org:443", "pki/issuing.pem". */
  readonly target: string;
  /** Finer position inside the target: "chain[1]", "bundle.pem#2", "file.der". */
  readonly location?: string;
  /** Facts about this place, as the source states them: {"managedBy": "cert-manager", "fileMode": "0644", "renewalEligibility": "ELIGIBLE"}. */
  readonly attributes?: Readonly<Record<string, string>>;
}
