import type { NextFunction, Request, Response } from 'express';
import { fixedT, getI18n } from '../i18n';
import { LANGUAGES, textDirection } from '../i18n/languages';
import { pickLanguage } from '../i18n/negotiate';
import { readDisplay } from '../responses/context';
import type { AuthUser } from '../auth/schema';
import { hasPermission, type Permission } from '../auth/policy';

/** Admin pages are shown in the languages the `admin` namespace has been translated into (English until then). */
function adminLanguages(): string[] {
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
 * shared keys the partials use), no respondent language switcher, and the navigation the user's role allows.
 */
export function adminPageLocals(req: Request, res: Response, next: NextFunction) {
  const lang = pickLanguage({ cookie: req.cookies?.nm_lang, acceptLanguage: req.get('Accept-Language') }, adminLanguages(), 'en');
  res.locals.lang = lang;
  res.locals.dir = textDirection(lang);
  res.locals.t = fixedT(lang, 'admin');
  res.locals.display = readDisplay(req, res);
  res.locals.languages = [];
  res.locals.surveyTitle = 'Needsmap';
  const user = res.locals.user as AuthUser | undefined;
  res.locals.nav = user
    ? NAV.filter((item) => hasPermission(user, item.permission)).map((item) => ({ ...item, current: req.path === item.href }))
    : [];
  next();
}
