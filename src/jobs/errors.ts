import { AppError } from '../shared/errors';
import type { SerializedError } from './schema';

/** An error as it crosses between threads: an AppError keeps its status, code and message key. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof AppError) {
    return { app: true, status: err.status, code: err.code, messageKey: err.messageKey, params: err.params, issues: err.issues, message: err.message };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { app: false, message: e.message, stack: e.stack };
}

/** A worker error back on the main thread: an AppError again (so the error middleware answers 404, 400...), or an Error. */
export function deserializeError(e: SerializedError): Error {
  if (e.app) return new AppError(e.status, e.code, e.messageKey, e.params, e.issues);
  return Object.assign(new Error(e.message), { stack: e.stack ?? e.message });
}
