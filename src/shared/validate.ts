import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { AppError } from './errors';
import { formatPath } from '../questionnaires/schema';

type Part = 'body' | 'query' | 'params';

/** Validates one part of the request; the parsed value replaces it in res.locals.valid[part]. */
export function validate<S extends z.ZodType>(schema: S, part: Part) {
  return (req: Request, res: Response, next: NextFunction) => {
    const result = schema.safeParse(req[part]);
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
      return next(new AppError(400, 'invalid_request', 'invalid_request', {}, issues));
    }
    res.locals.valid = { ...(res.locals.valid ?? {}), [part]: result.data };
    next();
  };
}

/** The validated part, typed by the schema that validated it. */
export function valid<S extends z.ZodType>(res: Response, part: Part, _schema: S): z.infer<S> {
  return res.locals.valid[part] as z.infer<S>;
}
