/** A failure the user should see, with a Chinese message. Anything else is logged and hidden. */
export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    /** Messages to show at the form fields they concern (key: the field's path, e.g. `supply.dealDate`). */
    public readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RULE_VIOLATION';

export const GENERIC_FAILURE = '操作失败，请稍后重试';

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** PostgreSQL unique violation, raised by both drivers with SQLSTATE 23505. */
export function isUniqueViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    if (typeof cur === 'object' && cur !== null && 'code' in cur && (cur as { code: unknown }).code === '23505') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
