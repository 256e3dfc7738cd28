import type { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../shared/errors';

const SECOND = 1000;
export const MAX_DELAY_MS = 15 * 60 * SECOND;

/**
 * The growing delay after failed sign-ins: `free` failures cost nothing, then each further failure doubles the wait
 * (1 s, 2 s, 4 s, …) up to 15 minutes. A correct password during the wait is refused too, so guessing cannot race it.
 */
export function backoffMs(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(SECOND * 2 ** (failures - free - 1), MAX_DELAY_MS);
}

export const ACCOUNT_FREE_FAILURES = 3;
/** Addresses are shared (offices, schools, mobile networks), so an address gets more tries than one account. */
export const ADDRESS_FREE_FAILURES = 10;

/**
 * Failed sign-ins per network address, kept in memory only: addresses are never written to disk or logs
 * (respondents and staff alike). Entries are forgotten once their wait is over and 15 minutes passed.
 */
export function createAddressThrottle(now: () => number = Date.now, maxEntries = 10_000) {
  const entries = new Map<string, { failures: number; lockedUntil: number; seen: number }>();

  const prune = () => {
    const t = now();
    for (const [key, e] of entries) if (e.lockedUntil <= t && t - e.seen > MAX_DELAY_MS) entries.delete(key);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };

  return {
    /** Milliseconds this address must still wait (0: may try). */
    waitMs: (address: string) => Math.max(0, (entries.get(address)?.lockedUntil ?? 0) - now()),
    fail(address: string) {
      if (entries.size >= maxEntries) prune();
      const failures = (entries.get(address)?.failures ?? 0) + 1;
      entries.set(address, { failures, lockedUntil: now() + backoffMs(failures, ADDRESS_FREE_FAILURES), seen: now() });
    },
  };
}
export type AddressThrottle = ReturnType<typeof createAddressThrottle>;

export const tooManyAttempts = (waitMs: number) => new AppError(429, 'rate_limited', 'rate_limited', { retryAfter: Math.ceil(waitMs / SECOND) });

/** A hard ceiling on sign-in requests per address (express-rate-limit's in-memory store), on top of the delays. */
export function loginRateLimit() {
  return rateLimit({
    windowMs: 15 * 60 * SECOND,
    limit: 60,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req: Request, res: Response, next: NextFunction) => {
      res.set('Retry-After', String(15 * 60));
      next(tooManyAttempts(15 * 60 * SECOND));
    },
  });
}

const MINUTE = 60 * SECOND;
const passThrough = (_req: Request, _res: Response, next: NextFunction) => next();

/** At most `perMinute` requests a minute per key (the network address unless `keyGenerator` says otherwise); 0: off. */
function perMinuteLimit(perMinute: number, keyGenerator?: (req: Request, res: Response) => string) {
  if (perMinute <= 0) return passThrough;
  return rateLimit({
    windowMs: MINUTE,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(keyGenerator ? { keyGenerator } : {}),
    handler: (_req: Request, res: Response, next: NextFunction) => {
      res.set('Retry-After', '60');
      next(tooManyAttempts(MINUTE));
    },
  });
}

/**
 * At most `perMinute` requests a minute per signed-in user (after requireUser) on costly routes: reports, PDFs,
 * exports. 0 turns it off. Counted in memory, by user id: a shared office address does not share the budget.
 */
export const perUserRateLimit = (perMinute: number) =>
  perMinuteLimit(perMinute, (_req, res) => `user:${(res.locals.user as { id?: number } | undefined)?.id ?? 'none'}`);

/**
 * At most `perMinute` anonymous submissions a minute per network address (the address as the trusted proxies report
 * it, kept in memory only). Generous on purpose: the respondents of a youth centre or a school share one address.
 */
export const perAddressRateLimit = (perMinute: number) => perMinuteLimit(perMinute);
