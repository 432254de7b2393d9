/**
 * Bad input from a user: invalid parameters, malformed files, unknown ids.
 * The CLI prints `message` (never a stack) and exits with status 2.
 */
export class InputError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. "INVALID_PARAMS". */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** Recognised by shape, so that an InputError from another copy of this module (a user module) is one too. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return x instanceof Error && x.name === 'InputError' && typeof (x as { code?: unknown }).code === 'string';
  }
}
