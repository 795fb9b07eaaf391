import { type ErrorCode, errorCatalog } from '../../shared/errors.js';

/**
 * The one error type services throw for anything a caller should see. The HTTP layer maps it to
 * `{ requestId, code, message }` using the shared catalogue, so status codes live in one place.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.status = errorCatalog[code].status;
  }
}

/** SQLSTATE of a database error, looking through drizzle's DrizzleQueryError wrapper. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 3; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Constraint name of a database error, for mapping unique violations to coded errors. */
export function pgConstraint(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 3; depth++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
