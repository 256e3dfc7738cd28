import type { NextFunction, Request, Response } from 'express';
import { fixedT, getI18n } from '../i18n';
import { LANGUAGES, nativeLanguageName, textDirection } from '../i18n/languages';
import { pickLanguage } from '../i18n/negotiate';
import { intlFormat, withGroupedCounts } from '../i18n/intl-format';
import { cookieOptions, readDisplay } from '../responses/context';
import type { AuthUser } from '../auth/schema';
import { hasPermission, type Permission } from '../auth/policy';

/** Remembers the language an admin chose (`?lang=` or the selector), apart from the respondent pages' `nm_lang`. */
export const ADMIN_LANG_COOKIE = 'nm_admin_lang';
const YEAR = 365 * 24 * 3600 * 1000;
/** Pages where `?lang=` names something else: the report's language, the previewed language, an export's language. */
const OWNS_LANG_PARAM = /\/(report(\.pdf)?|preview|translations\/export)$/;

/** Admin pages are shown in the languages the `admin` namespace has been translated into (English until then). */
export function adminLanguages(): string[] {
  const i18n = getI18n();
  return LANGUAGES.filter((lng) => lng === 'en' || i18n.hasResourceBundle(lng, 'admin'));
}

const NAV: { href: string; key: string; permission: Permission }[] = [
  { href: '/admin', key: 'navSurveys', permission: 'survey:view' },
  { href: '/admin/import', key: 'navImport', permission: 'survey:admin' },
  { href: '/admin/users', key: 'navUsers', permission: 'users:admin' },
  { href: '/admin/audit', key: 'navAudit', permission: 'audit:view' },
  { href: '/admin/password', key: 'navPassword', permission: 'survey:view' },
];

/**
 * What views/partials/head.ejs and the admin views need: `t` is the admin namespace (it also carries the few
 * shared keys the partials use), no respondent language switcher, the interface languages for the admin's own
 * selector, and the navigation the user's role allows. The language comes from `?lang=` (remembered in a cookie)
 * except where that parameter means another language, then the cookie, then Accept-Language.
 */
export function adminPageLocals(req: Request, res: Response, next: NextFunction) {
  const available = adminLanguages();
  const query = OWNS_LANG_PARAM.test(req.path) ? undefined : req.query.lang;
  const cookie = req.cookies?.[ADMIN_LANG_COOKIE] ?? req.cookies?.nm_lang;
  const lang = pickLanguage({ query, cookie, acceptLanguage: req.get('Accept-Language') }, available, 'en');
  if (typeof query === 'string' && available.includes(query)) res.cookie(ADMIN_LANG_COOKIE, query, cookieOptions(req, YEAR));
  res.locals.lang = lang;
  res.locals.uiLanguages = available.map((code) => ({ code, name: nativeLanguageName(code), current: code === lang }));
  res.locals.returnTo = req.originalUrl;
  res.locals.dir = textDirection(lang);
  res.locals.t = withGroupedCounts(fixedT(lang, 'admin'), lang);
  /** Dates (UTC, named), days and counts in the admin's language: `intl.dateTime(at)`, `intl.count(n)`. */
  res.locals.intl = intlFormat(lang);
  res.locals.display = readDisplay(req, res);
  res.locals.languages = [];
  res.locals.surveyTitle = 'Needsmap';
  const user = res.locals.user as AuthUser | undefined;
  res.locals.nav = user
    ? NAV.filter((item) => hasPermission(user, item.permission)).map((item) => ({ ...item, current: req.path === item.href }))
    : [];
  next();
}
