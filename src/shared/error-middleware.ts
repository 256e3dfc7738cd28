import type { NextFunction, Request, Response } from 'express';
import { fixedT } from '../i18n';
import { isLanguage } from '../i18n/languages';
import { AppError } from './errors';
import { readDisplay } from '../responses/context';

/** Maps body-parser's errors to ours: malformed JSON is 400, an oversized body 413. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; code?: string };
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'malformed_json', 'malformed_json');
  if (e?.type === 'entity.too.large') return new AppError(413, 'too_large', 'too_large');
  if (e?.code === 'EBADCSRFTOKEN' || e?.code === 'ERR_BAD_CSRF_TOKEN') return new AppError(403, 'csrf', 'csrf');
  if (e?.status && e.status >= 400 && e.status < 500) return new AppError(e.status, 'invalid_request', 'invalid_request');
  return new AppError(500, 'internal', 'internal', {}, [], { cause: err });
}

const wantsJson = (req: Request) => req.path.startsWith('/api/') || (req.accepts(['html', 'json']) === 'json');

/** The one error handler: JSON `{ error: { code, message, issues } }` for the API, error.ejs for pages. */
export function errorMiddleware(log: (err: unknown) => void = console.error) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err);
    if (appError.status >= 500) log(appError.cause ?? err);
    const requested = appError.params.lang ?? res.locals.lang;
    const lang = typeof requested === 'string' && (isLanguage(requested) || requested === 'ar') ? requested : 'en';
    const t = fixedT(lang, 'errors');
    const message = t(appError.messageKey, appError.params);
    if (res.headersSent) return;
    res.status(appError.status);
    if (wantsJson(req)) {
      res.json({ error: { code: appError.code, message, issues: appError.issues } });
      return;
    }
    res.locals.lang ??= lang;
    res.locals.dir ??= 'ltr';
    res.locals.t ??= fixedT(lang, 'respondent');
    res.locals.display ??= readDisplay(req, res);
    res.locals.languages ??= [];
    res.render('error', { status: appError.status, message, title: t('errorTitle'), back: t('backHome') });
  };
}
