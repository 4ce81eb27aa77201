// How certificates are matched across sources (declared inventories, observed evidence): one normalisation,
// shared by the inventory loader and the assessors.

/** Normalises a fingerprint: lowercase hex without separators; undefined when it is not 64 hex digits. */
export function normaliseSha256(value: string): string | undefined {
  const hex = value.replace(/^sha256[:=]/i, '').replace(/[:\s-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/** Normalises a serial number: uppercase hex without separators or leading zero bytes. */
export function normaliseSerial(value: string): string {
  const hex = value.replace(/^0x/i, '').replace(/[:\s-]/g, '').toUpperCase();
  return hex.replace(/^(00)+(?=[0-9A-F]{2})/, '');
}

/** Returns the "issuer|SERIAL" key used to match certificates without a fingerprint. */
export function issuerSerialKey(issuer: string, serialHex: string): string {
  return `${issuer.replace(/\s+/g, ' ').trim().toLowerCase()}|${normaliseSerial(serialHex)}`;
}
