/**
 * An error the user can act on: printed as one line (no stack trace unless --debug) and mapped to
 * an exit code by the CLI's top-level handler. Exit 2 means "could not do the job" (cli.md).
 */
export class TactError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 130 = 2,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'TactError';
  }
}
