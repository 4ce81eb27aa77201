/** Base class of every error a user can cause or the tool expects. Printed as one line by the CLI. */
export class ScanError extends Error {
  override name = 'ScanError';
}

/** A configuration, answers, model or extension file (or option) is wrong. `source` names the file or option. */
export class ConfigError extends ScanError {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly source?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The PKIMM model could not be loaded, fetched or verified. */
export class ModelError extends ScanError {
  override name = 'ModelError';
  constructor(
    message: string,
    readonly source?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Returns whether an error is one the tool expects (printed as one line, exit 2). */
export const isScanError = (error: unknown): error is ScanError => error instanceof ScanError;

/** Returns a one-line description of any thrown value, without a stack. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
