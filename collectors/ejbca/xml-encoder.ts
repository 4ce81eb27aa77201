import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A value decoded from a Java XMLEncoder document: what EJBCA's profile exports hold. */
export type JavaValue = string | number | boolean | null | readonly JavaValue[] | JavaMap | JavaObject;

/** A java.util.*Map, keys in document order. */
export interface JavaMap {
  readonly kind: 'map';
  readonly entries: ReadonlyMap<string, JavaValue>;
}

/** Any other object (a class the decoder does not model), kept by class name and, for enum constants, their name. */
export interface JavaObject {
  readonly kind: 'object';
  readonly className: string;
  /** The constant of `<object class="…Enum" field="NAME"/>` or `<object class="…" method="valueOf"><string>NAME</string></object>`. */
  readonly constant?: string;
}

/** Thrown when a document is not well-formed XML or not an XMLEncoder document; the message names the position, never content. */
export class XmlEncoderError extends Error {
  override name = 'XmlEncoderError';
}

/** Deepest element nesting decoded; EJBCA profiles nest about 6 levels. */
const MAX_DEPTH = 32;
/** Most values decoded in one document; a profile holds a few hundred. */
const MAX_VALUES = 200_000;

type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  // Trimming drops the whitespace between elements (half the parse time); entities are decoded in textOf.
  trimValues: true,
  processEntities: false,
  maxNestedTags: MAX_DEPTH * 2,
});

/** Returns "line N" for a character offset in `text`. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parses a Java XMLEncoder document (`<java><object class="java.util.HashMap">…</object></java>`) and returns its
 * top-level value. DTDs are refused (no entity declarations, internal or external, are ever expanded).
 * Throws XmlEncoderError with a line and column for malformed XML and for documents that are not XMLEncoder output.
 */
export function decodeXmlEncoder(text: string): JavaValue {
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (doctype) throw new XmlEncoderError(`line ${lineOf(text, doctype.index)}: a DTD (<!DOCTYPE>/<!ENTITY>) is not allowed in a profile export`);
  // The parser itself accepts unclosed tags silently; the validator (deprecated in favour of fast-xml-validator, which is
  // not a dependency) still ships with fast-xml-parser 5 and gives the line and column of the first error.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) throw new XmlEncoderError(`line ${valid.err.line}, column ${valid.err.col}: malformed XML (${valid.err.code})`);
  let tree: unknown;
  try {
    tree = parser.parse(text);
  } catch (error) {
    // fast-xml-parser messages may quote document text: only what they are about is kept.
    const message = error instanceof Error ? error.message : '';
    if (/nest/i.test(message)) throw new XmlEncoderError(`elements nested deeper than ${MAX_DEPTH * 2} levels`, { cause: error });
    throw new XmlEncoderError('XML could not be parsed', { cause: error });
  }
  const java = elements(tree).find((e) => e.name === 'java');
  if (!java) throw new XmlEncoderError('line 1: no <java> root element: not an XMLEncoder (Java bean) export');
  const values = elements(java.children).filter((e) => !e.name.startsWith('?'));
  const first = values[0];
  if (!first) throw new XmlEncoderError('the <java> element is empty');
  const budget = { left: MAX_VALUES };
  return decode(first, 0, budget);
}

interface Element {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: unknown;
}

/** The element children of a preserveOrder node list, skipping text and comments. */
function elements(list: unknown): Element[] {
  if (!Array.isArray(list)) return [];
  const out: Element[] = [];
  for (const item of list as unknown[]) {
    if (item === null || typeof item !== 'object') continue;
    const node = item as Node;
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
    if (name === undefined) continue;
    const attrs = (node[':@'] ?? {}) as Record<string, string>;
    out.push({ name, attrs, children: node[name] });
  }
  return out;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and character references (a DTD, which could define others, is refused). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (!name.startsWith('#')) return XML_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The concatenated, entity-decoded text content of an element. */
function textOf(element: Element): string {
  if (!Array.isArray(element.children)) return '';
  return decodeEntities((element.children as Node[]).map((n) => (typeof n['#text'] === 'string' || typeof n['#text'] === 'number' ? String(n['#text']) : '')).join(''));
}

const NUMBER_TAGS = new Set(['int', 'long', 'short', 'byte', 'float', 'double']);

function decode(element: Element, depth: number, budget: { left: number }): JavaValue {
  if (--budget.left < 0) throw new XmlEncoderError(`more than ${MAX_VALUES} values: not a profile export`);
  if (depth > MAX_DEPTH) throw new XmlEncoderError(`values nested deeper than ${MAX_DEPTH} levels`);
  const { name } = element;
  if (name === 'string') return textOf(element);
  if (name === 'boolean') return textOf(element).trim() === 'true';
  if (name === 'null') return null;
  if (name === 'char') return textOf(element);
  if (NUMBER_TAGS.has(name)) {
    const n = Number(textOf(element).trim());
    return Number.isFinite(n) ? n : null;
  }
  if (name === 'array') return calls(element, 'index', depth, budget).map(([, v]) => v);
  if (name === 'object') {
    const className = element.attrs.class ?? '';
    if (/Map$/.test(className) || className === 'java.util.Properties') {
      const entries = new Map<string, JavaValue>();
      calls(element, 'put', depth, budget).forEach(([key, value], i) => entries.set(keyText(key, i), value));
      return { kind: 'map', entries };
    }
    if (/(List|Set|Vector|Collection)$/.test(className)) return calls(element, 'add', depth, budget).map(([, v]) => v);
    const field = element.attrs.field;
    const valueOf = element.attrs.method === 'valueOf' ? elements(element.children).find((e) => e.name === 'string') : undefined;
    const constant = field ?? (valueOf ? textOf(valueOf) : undefined);
    return constant === undefined ? { kind: 'object', className } : { kind: 'object', className, constant };
  }
  return { kind: 'object', className: name };
}

/** A map key as text: strings and numbers as they are, enum constants as "Class.NAME", anything else by position. */
function keyText(key: JavaValue, index: number): string {
  if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') return String(key);
  if (key !== null && !Array.isArray(key) && 'kind' in key && key.kind === 'object' && key.constant !== undefined) return `${key.className}.${key.constant}`;
  return `#${index}`;
}

/**
 * The `<void method="put|add">` (or `<void index="n">` for arrays) calls of a container element, decoded as
 * [first argument, last argument] pairs (put: key and value; add and index: the value twice).
 */
function calls(element: Element, method: 'put' | 'add' | 'index', depth: number, budget: { left: number }): [JavaValue, JavaValue][] {
  const out: [JavaValue, JavaValue][] = [];
  for (const call of elements(element.children)) {
    if (call.name !== 'void') continue;
    if (method === 'index' ? call.attrs.index === undefined : call.attrs.method !== method) continue;
    const args = elements(call.children).map((a) => decode(a, depth + 1, budget));
    if (args.length === 0) continue;
    out.push([args[0]!, args[args.length - 1]!]);
  }
  return out;
}
