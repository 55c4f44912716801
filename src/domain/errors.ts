// Named business errors of the domain core. The API's single error mapper turns
// ValidationError into HTTP 400 and RuleViolation into HTTP 409; workflows treat both as
// non-retryable (retrying cannot change a contract rule). Kept plain and serialisable so
// they survive Temporal payload conversion and JSON error bodies.

/** Which HTTP status family the API's mapper uses: 400, 409, 404. */
export type DomainErrorKind = 'validation' | 'rule' | 'not-found';

export interface DomainErrorJSON {
  name: string;
  kind: DomainErrorKind;
  code: string;
  message: string;
  clause?: string;
  field?: string;
}

export interface DomainErrorDetails {
  clause?: string;
  field?: string;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind = 'rule';
  readonly code: string;
  readonly clause?: string;
  readonly field?: string;

  constructor(code: string, message: string, details: DomainErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    if (details.clause !== undefined) this.clause = details.clause;
    if (details.field !== undefined) this.field = details.field;
    // Keep instanceof working when compiled to ES5-style classes by some bundlers.
    Object.setPrototypeOf(this, new.target.prototype);
  }

  toJSON(): DomainErrorJSON {
    const out: DomainErrorJSON = { name: this.name, kind: this.kind, code: this.code, message: this.message };
    if (this.clause !== undefined) out.clause = this.clause;
    if (this.field !== undefined) out.field = this.field;
    return out;
  }
}

/** The input is malformed or outside what the contract allows (HTTP 400). */
export class ValidationError extends DomainError {
  override readonly kind = 'validation';
}

/** The input is well-formed but a contract rule refuses the action (HTTP 409). */
export class RuleViolation extends DomainError {
  override readonly kind = 'rule';
}

/** A referenced contract object does not exist (HTTP 404). */
export class NotFoundError extends DomainError {
  override readonly kind = 'not-found';
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
