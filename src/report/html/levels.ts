// Level names and one-line descriptions of what each level means (our own summary of the model's level definitions).

const NAMES_1X = ['Not evaluated', 'Initial', 'Basic', 'Advanced', 'Managed', 'Optimized'] as const;

/** Returns the name of a level (1–5) in the given model version (2.x calls level 2 "Foundational"). */
export function levelName(level: number, modelVersion: string): string {
  if (level === 2 && modelVersion.startsWith('2.')) return 'Foundational';
  return NAMES_1X[level] ?? String(level);
}

const DESCRIPTIONS: readonly string[] = [
  'No level could be computed from the answers and evidence in this report.',
  'PKI work is ad hoc and reactive; results depend on individuals and are hard to predict.',
  'Work is organised case by case or per project; controls exist but are mostly reactive.',
  'Organisation-wide standards govern the PKI, and controls are applied proactively.',
  'Processes are measured and controlled against targets, with a proactive approach.',
  'Processes improve continuously, and the PKI plans ahead for coming technology changes.',
];

/** Returns one sentence on what a level (0–5) means for the PKI. */
export function levelDescription(level: number): string {
  return DESCRIPTIONS[level] ?? DESCRIPTIONS[0] ?? '';
}
