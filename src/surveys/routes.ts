import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { TEXT_LANGUAGES } from '../i18n/languages';
import { localizeDefinition } from '../questionnaires/localize-definition';
import { valid, validate } from '../shared/validate';
import type { SurveyService } from './service';

const DefinitionQuery = z.object({ lang: z.enum(TEXT_LANGUAGES).optional() });

export function surveyApiRoutes(deps: { surveys: SurveyService }): Router {
  const router = Router();

  router.get('/api/surveys', (_req, res) => {
    const surveys = deps.surveys.listOpen().map(({ row, current }) => ({
      id: row.id,
      title: current.definition.title,
      version: current.version,
      defaultLanguage: row.default_lang,
      languages: current.definition.languages,
      closesAt: row.closes_at,
    }));
    res.json({ surveys });
  });

  router.get('/api/surveys/:id', validate(DefinitionQuery, 'query'), (req, res) => {
    const survey = deps.surveys.find(req.params.id as string);
    if (!survey) throw new AppError(404, 'not_found', 'survey_not_found');
    const { lang } = valid(res, 'query', DefinitionQuery);
    const definition = lang ? localizeDefinition(survey.current.definition, lang, TEXT_LANGUAGES) : survey.current.definition;
    res.json({ id: survey.row.id, version: survey.current.version, lang: lang ?? null, definition });
  });

  return router;
}
