import { createHash } from 'node:crypto';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values; returns the escaped text. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Serialises a value as JSON that is safe inside `<script type="application/json">`: `<`, `>`, `&` and the line
 * separators are written as \u escapes, so no report string can close the element. Returns the JSON text.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Returns the page anchor of an evidence item: "ev-" and 16 hex digits of the SHA-256 of its id (ids carry ':' and attacker text). */
export function evidenceAnchor(evidenceId: string): string {
  return `ev-${createHash('sha256').update(evidenceId).digest('hex').slice(0, 16)}`;
}

/** Returns the base64 SHA-256 of a text as a CSP source expression: 'sha256-…'. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
