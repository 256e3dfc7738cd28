import type { NextFunction, Request, Response } from 'express';
import { fixedT, localize } from '../i18n';
import { nativeLanguageName, textDirection } from '../i18n/languages';
import { pickLanguage } from '../i18n/negotiate';
import { AppError } from '../shared/errors';
import type { OpenSurvey, SurveyService } from '../surveys/service';

const YEAR = 365 * 24 * 3600 * 1000;

export interface Display {
  lowVision: boolean;
  dyslexia: boolean;
}

export function cookieOptions(req: Request, maxAge: number, path = '/') {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, maxAge, path };
}

/** Reads display preferences from ?lowvision= / ?dyslexia= (remembered in cookies) or the cookies. */
export function readDisplay(req: Request, res: Response): Display {
  const pick = (param: string, cookie: string) => {
    const q = req.query[param];
    if (q === '1' || q === '0') {
      res.cookie(cookie, q, cookieOptions(req, YEAR));
      return q === '1';
    }
    return req.cookies?.[cookie] === '1';
  };
  return { lowVision: pick('lowvision', 'nm_lv'), dyslexia: pick('dyslexia', 'nm_dx') };
}

/** Sets what every page template needs: language, direction, translations, display mode. */
export function setPageLocals(req: Request, res: Response, lang: string, languages: readonly string[]) {
  res.locals.lang = lang;
  res.locals.dir = textDirection(lang);
  res.locals.t = fixedT(lang, 'respondent');
  res.locals.display = readDisplay(req, res);
  res.locals.languages = languages.map((code) => ({ code, name: nativeLanguageName(code), current: code === lang }));
  res.locals.path = req.path;
}

/** Loads the survey of /s/:surveyId and the respondent's language; 404 page for an unknown survey. */
export function respondentContext(surveys: SurveyService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const survey = surveys.find(req.params.surveyId as string);
    if (!survey) return next(new AppError(404, 'not_found', 'survey_not_found'));
    const languages = survey.current.definition.languages;
    const lang = pickLanguage(
      { query: req.query.lang, cookie: req.cookies?.nm_lang, acceptLanguage: req.get('Accept-Language') },
      languages,
      survey.row.default_lang,
    );
    if (typeof req.query.lang === 'string' && languages.includes(req.query.lang as never)) res.cookie('nm_lang', lang, cookieOptions(req, YEAR));
    setPageLocals(req, res, lang, languages);
    res.locals.survey = survey;
    res.locals.surveyTitle = localize(survey.current.definition.title, lang, survey.row.default_lang).text;
    next();
  };
}

export function surveyOf(res: Response): OpenSurvey {
  return res.locals.survey as OpenSurvey;
}
