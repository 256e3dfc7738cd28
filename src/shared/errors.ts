/** A located problem with a request, e.g. one invalid answer. `path` is the field ("answers.role"). */
export interface Issue {
  path: string;
  message: string;
}

/**
 * The one error type a route may throw. `messageKey` is an i18n key in the "errors" namespace,
 * translated by the error middleware into the request's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string = code,
    readonly params: Record<string, unknown> = {},
    readonly issues: Issue[] = [],
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${messageKey}`, options);
  }
}

export const notFound = (what = 'not_found') => new AppError(404, 'not_found', what);
export const forbidden = () => new AppError(403, 'forbidden', 'forbidden');
export const unauthorized = () => new AppError(401, 'unauthorized', 'unauthorized');
