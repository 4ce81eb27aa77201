// certbot's renewal configuration files (configobj INI): top-level `key = value` lines, [renewalparams] and nested
// [[webroot_map]] sections, `#` comments. A line that is none of these is reported with its number, as configobj does.
import { ConfigParseError } from '../../src/ca-config/read-config-file.js';

/** A parsed renewal file: top-level values and sections ("renewalparams", "renewalparams.webroot_map"). */
export interface RenewalConf {
  readonly top: Readonly<Record<string, string>>;
  readonly sections: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Removes configobj quoting, or an unquoted value's trailing " # comment". */
function unquote(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2) {
    const end = value.indexOf(quote, 1);
    if (end > 0) return value.slice(1, end);
  }
  return value.replace(/\s+#.*$/, '');
}

/** Parses a renewal file; throws ConfigParseError naming the first line that is not a value, section or comment. */
export function parseRenewalConf(text: string): RenewalConf {
  const top: Record<string, string> = {};
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> = top;
  let parent = '';
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = /^(\[+)\s*([^\]]+?)\s*(\]+)\s*(#.*)?$/.exec(line);
    if (section) {
      const depth = section[1]!.length;
      if (depth !== section[3]!.length || depth > 2) throw new ConfigParseError('unbalanced section brackets', index + 1);
      const name = depth === 1 ? section[2]! : `${parent}.${section[2]!}`;
      if (depth === 1) parent = section[2]!;
      current = sections[name] ??= {};
      return;
    }
    const pair = /^([^=\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (!pair) throw new ConfigParseError('not "key = value", a [section] or a comment', index + 1);
    current[pair[1]!] = unquote(pair[2]!);
  });
  return { top, sections };
}
