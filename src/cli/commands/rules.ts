import type { Command } from 'commander';
import { builtInAssessors, builtInRules } from '../../../rules/index.js';
import type { Assessor } from '../../engine/define-assessor.js';
import type { AnyRule } from '../../engine/define-rule.js';
import { ConfigError } from '../../errors.js';
import { ExitCode, type CliCommand, type CliIo } from '../types.js';

interface RulesCliOptions {
  json?: boolean;
  kind?: string;
  pkimm?: string;
}

/** One check or assessor as `pkimm rules` shows it (also its --json shape). */
export type RuleCatalogueEntry =
  | {
      readonly kind: 'check';
      readonly id: string;
      readonly title: string;
      readonly description: string;
      readonly severity: string;
      readonly pkimm: readonly string[];
      readonly references: readonly string[];
      readonly remediation: string;
      readonly scope: 'item' | 'set';
      readonly appliesTo: readonly string[];
      readonly messages: Readonly<Record<string, string>>;
      readonly options: Readonly<Record<string, { readonly default: unknown; readonly description: string }>>;
      readonly docs?: string;
      readonly deprecated?: { readonly replacedBy?: string };
    }
  | {
      readonly kind: 'assessor';
      readonly id: string;
      readonly title: string;
      readonly description: string;
      readonly pkimm: readonly string[];
      readonly automation: 'A' | 'P';
      readonly uses: readonly string[];
    };

/** The catalogue entry of a check. */
export function checkEntry(rule: AnyRule): RuleCatalogueEntry {
  return {
    kind: 'check',
    id: rule.id,
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    pkimm: rule.pkimm,
    references: rule.references,
    remediation: rule.remediation,
    scope: rule.scope,
    appliesTo: typeof rule.appliesTo === 'string' ? [rule.appliesTo] : [...(rule.appliesTo as readonly string[])],
    messages: rule.messages,
    options: rule.options ?? {},
    ...(rule.docs === undefined ? {} : { docs: rule.docs }),
    ...(rule.deprecated === undefined ? {} : { deprecated: rule.deprecated }),
  };
}

/** The catalogue entry of an assessor. */
export function assessorEntry(assessor: Assessor): RuleCatalogueEntry {
  return { kind: 'assessor', id: assessor.id, title: assessor.title, description: assessor.description, pkimm: [assessor.pkimm], automation: assessor.automation, uses: assessor.uses };
}

/** Every built-in check and assessor, checks first, each group sorted by id. */
export function catalogue(rules: readonly AnyRule[] = builtInRules, assessors: readonly Assessor[] = builtInAssessors): RuleCatalogueEntry[] {
  const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id);
  return [...[...rules].sort(byId).map(checkEntry), ...[...assessors].sort(byId).map(assessorEntry)];
}

const printJson = (io: CliIo, value: unknown): void => io.out(`${JSON.stringify(value, null, 2)}\n`);

function list(options: RulesCliOptions, io: CliIo): void {
  if (options.kind !== undefined && options.kind !== 'check' && options.kind !== 'assessor') {
    throw new ConfigError(`rules list --kind ${options.kind}: expected check or assessor`, '--kind');
  }
  const entries = catalogue().filter((e) => (options.kind === undefined || e.kind === options.kind) && (options.pkimm === undefined || e.pkimm.includes(options.pkimm)));
  if (options.json === true) {
    printJson(io, entries);
    return;
  }
  const rows = entries.map((e) => [e.id, e.kind, e.kind === 'check' ? e.severity : `class ${e.automation}`, e.pkimm.join(', '), e.title]);
  const header = ['ID', 'KIND', 'SEVERITY', 'PKIMM', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const checks = entries.filter((e) => e.kind === 'check').length;
  io.out(`${[line(header), ...rows.map(line), '', `${checks} check(s), ${entries.length - checks} assessor(s). Details: pkimm rules show ID`].join('\n')}\n`);
}

/** The closest ids to an unknown one, for the error message. */
function suggestions(id: string, entries: readonly RuleCatalogueEntry[]): string[] {
  const words = id.toLowerCase().split('-').filter((w) => w.length > 2);
  return entries
    .map((e) => ({ id: e.id, score: words.filter((w) => e.id.includes(w)).length }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((s) => s.id);
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? '' : `  ${l}`))
    .join('\n');

function show(id: string, options: RulesCliOptions, io: CliIo): void {
  const entries = catalogue();
  const entry = entries.find((e) => e.id === id);
  if (entry === undefined) {
    const near = suggestions(id, entries);
    throw new ConfigError(`rules show ${id}: no check or assessor has this id${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}; see pkimm rules list`, id);
  }
  if (options.json === true) {
    printJson(io, entry);
    return;
  }
  const lines = [`${entry.id} — ${entry.title}`, ''];
  if (entry.kind === 'check') {
    lines.push(
      `kind:        check (${entry.scope === 'item' ? `one result per ${entry.appliesTo[0] ?? 'item'}` : `one result over all ${entry.appliesTo.join(', ')} evidence`})`,
      `severity:    ${entry.severity}`,
      `PKIMM:       ${entry.pkimm.join(', ')} (model 1.1.0 refs)`,
      ...(entry.deprecated === undefined ? [] : [`deprecated:  yes${entry.deprecated.replacedBy === undefined ? '' : `, replaced by ${entry.deprecated.replacedBy}`}`]),
      '',
      'Description:',
      indent(entry.description),
    );
    if (entry.docs !== undefined) lines.push('', 'Details:', indent(entry.docs));
    lines.push('', 'Remediation:', indent(entry.remediation), '', 'References:', ...entry.references.map((r) => `  - ${r}`), '', 'Messages:');
    for (const [messageId, template] of Object.entries(entry.messages)) lines.push(`  ${messageId}: ${template}`);
    const optionEntries = Object.entries(entry.options);
    lines.push('', 'Options (rules.options in the scan configuration):');
    if (optionEntries.length === 0) lines.push('  none');
    for (const [name, option] of optionEntries) lines.push(`  ${name} (default ${JSON.stringify(option.default)}): ${option.description}`);
  } else {
    lines.push(
      `kind:        assessor (class ${entry.automation}: ${entry.automation === 'A' ? 'proposes a level' : 'caps or supports a level a person confirms'})`,
      `PKIMM:       ${entry.pkimm.join(', ')} (model 1.1.0 ref)`,
      `reads:       ${entry.uses.length === 0 ? 'evidence and scan facts' : entry.uses.join(', ')}`,
      '',
      'Description:',
      indent(entry.description),
    );
  }
  lines.push('', `Full specification (levels, thresholds, sources): docs/rules.md#${entry.id}`);
  io.out(`${lines.join('\n')}\n`);
}

/** `pkimm rules list|show`: the built-in checks and assessors with their metadata. */
export const rulesCommand: CliCommand = {
  register(program: Command, io: CliIo, setExitCode) {
    const rules = program.command('rules').description('List and explain the built-in checks and assessors');
    rules
      .command('list')
      .description('List every check and assessor: id, kind, severity or class, PKIMM refs, title')
      .option('--kind <kind>', 'only checks or only assessors: check | assessor')
      .option('--pkimm <ref>', 'only those informing one requirement (1.1.0 ref, e.g. 7.4)')
      .option('--json', 'print JSON')
      .action((options: RulesCliOptions) => {
        list(options, io);
        setExitCode(ExitCode.Ok);
      });
    rules
      .command('show')
      .description('Show one check or assessor: metadata, PKIMM refs, references, messages, options with defaults, docs')
      .argument('<id>', 'check or assessor id, e.g. cert-rsa-key-min-2048')
      .option('--json', 'print JSON')
      .action((id: string, options: RulesCliOptions) => {
        show(id, options, io);
        setExitCode(ExitCode.Ok);
      });
  },
};
