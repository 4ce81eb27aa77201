// RFC 9116 security.txt parsing: OpenPGP cleartext framing removed (RFC 4880 §7), fields collected, comments skipped.
import type { SecurityTxtFields } from '../../model/evidence.js';

/** The parsed content of one security.txt file. */
export interface ParsedSecurityTxt {
  readonly signed: boolean;
  readonly fields: SecurityTxtFields;
  readonly invalidLines: readonly number[];
  readonly otherFields: readonly string[];
}

const MAX_INVALID_LINES = 20;
const FIELD = /^([A-Za-z0-9-]+):[ \t]*(.*)$/;
const SIGNED_BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----';
const SIGNATURE_BEGIN = '-----BEGIN PGP SIGNATURE-----';

type Key = keyof SecurityTxtFields;
const KNOWN: Readonly<Record<string, Key>> = {
  contact: 'contact',
  expires: 'expires',
  encryption: 'encryption',
  acknowledgments: 'acknowledgments',
  'preferred-languages': 'preferredLanguages',
  canonical: 'canonical',
  policy: 'policy',
  hiring: 'hiring',
  csaf: 'csaf',
};

/** The lines that carry fields: for a cleartext-signed file, the signed text with dash-escaping undone. */
function contentLines(lines: readonly string[]): { signed: boolean; lines: string[] } {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0 || lines[first]!.trim() !== SIGNED_BEGIN) return { signed: false, lines: [...lines] };
  // Armor headers ("Hash: SHA512") end at the first empty line; the signed text ends at the signature block.
  const bodyStart = lines.findIndex((l, i) => i > first && l.trim() === '');
  const signatureAt = lines.findIndex((l, i) => i > bodyStart && l.trim() === SIGNATURE_BEGIN);
  if (bodyStart < 0 || signatureAt < 0) return { signed: false, lines: [...lines] };
  return { signed: true, lines: lines.slice(bodyStart + 1, signatureAt).map((l) => (l.startsWith('- ') ? l.slice(2) : l)) };
}

/** Parses the text of a security.txt file; never throws. */
export function parseSecurityTxt(text: string): ParsedSecurityTxt {
  const { signed, lines } = contentLines(text.replace(/^\uFEFF/, '').split(/\r?\n/));
  const fields: Record<Key, string[]> = { contact: [], expires: [], encryption: [], acknowledgments: [], preferredLanguages: [], canonical: [], policy: [], hiring: [], csaf: [] };
  const invalidLines: number[] = [];
  const other = new Set<string>();
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = FIELD.exec(line);
    if (match === null) {
      if (invalidLines.length < MAX_INVALID_LINES) invalidLines.push(index + 1);
      return;
    }
    const name = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    const key = KNOWN[name];
    if (key === undefined) other.add(name);
    else if (key === 'preferredLanguages') fields.preferredLanguages.push(...value.split(',').map((t) => t.trim()).filter((t) => t !== ''));
    else fields[key].push(value);
  });
  return { signed, fields, invalidLines, otherFields: [...other].sort() };
}

/** Whether a body is not a text file: HTML served in its place (a "soft 404"), or binary content. */
export function looksLikeNonText(text: string, contentType: string | undefined): boolean {
  if (contentType !== undefined && /^\s*(text\/html|application\/xhtml)/i.test(contentType)) return true;
  if (/^\s*<(!doctype\s+html|html|head|body)\b/i.test(text)) return true;
  return text.includes('\u0000') || text.includes('\uFFFD');
}
