import express, { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../shared/db';
import type { QuestionnaireService } from '../questionnaires/service';
import type { SurveyService } from '../surveys/service';
import type { AuthService } from '../auth/service';
import { adminApiRoutes } from './api-routes';
import { adminPageLocals } from './context';
import { collectorRoutes } from './collector-routes';
import { responseRoutes } from './response-routes';
import { createAdminService, type AdminService } from './service';
import { createFormService } from '../xlsform/service';
import { formRoutes, formUpload } from './form-routes';
import { surveyRoutes } from './survey-routes';
import { userRoutes } from './user-routes';

export interface AdminDeps {
  admin: AdminService;
  auth: AuthService;
  surveys: SurveyService;
  config: Config;
}

/** A questionnaire file is larger than other forms (about 200 kB, more once URL-encoded). */
const IMPORT_LIMIT = '5mb';

/**
 * Body parsers for the questionnaire import only (JSON text, and the spreadsheet upload read by multer); mounted before the app's general parsers, which then skip the
 * already-read body. The API route reads the file as text so that JSON syntax errors can be reported as problems.
 */
export function adminBodyParsers(): Router {
  const router = Router();
  router.post('/admin/import/form', formUpload());
  router.use('/admin/import', express.urlencoded({ extended: false, limit: IMPORT_LIMIT }));
  router.use('/api/admin/questionnaires', express.text({ type: ['application/json', 'text/plain'], limit: IMPORT_LIMIT }));
  return router;
}

/**
 * Everything under /admin and /api/admin. src/app.ts puts `requireUser` in front of both prefixes; each route
 * here names the permission it needs with `requireAccess`.
 */
export function adminRoutes(deps: { db: Db; auth: AuthService; surveys: SurveyService; questionnaires: QuestionnaireService; config: Config }): Router {
  const admin = createAdminService(deps.db, deps);
  const routeDeps: AdminDeps = { admin, auth: deps.auth, surveys: deps.surveys, config: deps.config };
  const router = Router();
  router.use('/admin', adminPageLocals);
  router.use(surveyRoutes(routeDeps));
  router.use(collectorRoutes(routeDeps));
  router.use(responseRoutes(routeDeps));
  router.use(userRoutes(routeDeps));
  router.use(adminApiRoutes(routeDeps));
  router.use(formRoutes(createFormService(deps.db, { questionnaires: deps.questionnaires, surveys: deps.surveys, auth: deps.auth })));
  return router;
}
