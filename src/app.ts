import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import express, { type Express } from 'express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { Config } from './config';
import { fromRoot } from './shared/paths';
import { asset, STATIC_DIRS, staticHeaders } from './shared/assets';
import { scriptClasses } from './i18n/scripts';
import { createJobs } from './jobs/service';
import { perAddressRateLimit, perUserRateLimit } from './auth/throttle';
import { createExportService } from './reporting/exports/service';
import type { Db } from './shared/db';
import { AppError } from './shared/errors';
import { errorMiddleware } from './shared/error-middleware';
import { createQuestionnaireService } from './questionnaires/service';
import { createSurveyService } from './surveys/service';
import { surveyApiRoutes } from './surveys/routes';
import { createResponseService } from './responses/service';
import { createJourney } from './responses/journey';
import { responseApiRoutes } from './responses/api-routes';
import { respondentRoutes } from './responses/routes';
import { recoveryRoutes } from './responses/recovery-routes';
import { createAuth } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { adminBodyParsers, adminRoutes } from './admin/routes';
import { adminPageLocals } from './admin/context';
import { requireAccess } from './auth/middleware';
import { createAnalysisService } from './analysis/service';
import { reportRoutes } from './reporting/routes';
import { planRoutes } from './plan/routes';
import { outcomeRoutes } from './outcomes/routes';
import { createOutcomeService } from './outcomes/service';
import { exportRoutes } from './reporting/exports/routes';
import { exportScope } from './reporting/scope';
import { translationBodyParsers, translationRoutes } from './translations/routes';

const ROOT = fromRoot();

/** JSON is UTF-8 (RFC 8259): other bytes are refused as malformed (400) instead of silently becoming U+FFFD. */
function utf8Only(_req: unknown, _res: unknown, body: Buffer) {
  if (!isUtf8(body)) throw Object.assign(new Error('the body is not UTF-8'), { type: 'entity.parse.failed' });
}

/**
 * Builds the whole application around an open database; `main.ts` only listens.
 * `extend` mounts extra routes before the 404 handler: the load bench adds its echo route there; production passes none.
 */
export function createApp({ db, config, extend, exactFigures }: { db: Db; config: Config; extend?: (app: Express) => void; /** Tests of the statistics only: reports without perturbation. */ exactFigures?: boolean }): Express {
  const questionnaires = createQuestionnaireService(db);
  const surveys = createSurveyService(db, questionnaires);
  const responses = createResponseService(db);
  const journey = createJourney(db, { surveys, questionnaires, responses });
  const auth = createAuth(db);
  const analysis = createAnalysisService(db, { surveys, questionnaires }, { perturb: !exactFigures });

  // Reports and exports run in worker threads with their own read-only connections (in process for `:memory:`).
  const jobs = createJobs(db, { analysis, exports: createExportService({ db, surveys }) }, { workers: config.reportWorkers, dbFile: config.dbFile, cacheViews: config.env === 'production', pacing: config.reportShare >= 1 ? false : { share: config.reportShare } });
  const reportLimit = perUserRateLimit(config.limits.report);
  const exportLimit = perUserRateLimit(config.limits.export);
  const submitLimit = perAddressRateLimit(config.limits.submit);

  const app = express();
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  // Only the named proxies' X-Forwarded-For is believed: from anywhere else, the connection's own address counts.
  app.set('trust proxy', config.trustProxy);
  app.locals.asset = asset;
  app.locals.scriptClasses = scriptClasses;
  app.locals.jobs = jobs;
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null } },
      strictTransportSecurity: false,
    }),
  );
  // gzip or brotli for HTML, CSS, JS, JSON and CSV (PDF and XLSX are compressed already).
  app.use(compression());
  // Templates link static files through asset(): a fingerprinted URL is cached for a year (src/shared/assets.ts).
  for (const [prefix, dir] of Object.entries(STATIC_DIRS)) app.use(prefix, express.static(dir, { setHeaders: staticHeaders }));
  app.use(cookieParser());
  app.use(adminBodyParsers());
  app.use(translationBodyParsers());
  app.use('/api', express.json({ limit: '256kb', verify: utf8Only }));
  app.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 2000 }));
  app.use(auth.csrf);
  app.use(['/admin', '/api/admin'], auth.requireUser);

  app.get('/healthz', (_req, res) => {
    db.prepare('SELECT 1').get();
    res.json({ status: 'ok' });
  });
  // Browsers ask for /favicon.ico wherever a page names no icon (JSON, PDF): the same icon as public/favicon.svg.
  app.get('/favicon.ico', (_req, res) => res.sendFile(path.join(ROOT, 'public', 'favicon.ico'), { maxAge: '1d' }));
  app.get('/', (_req, res) => {
    // the shipped default questionnaire first (the quick start's survey), else the first open survey
    const open = surveys.listOpen();
    const first = open.find((s) => s.row.id === 'youth-worker-tna') ?? open[0];
    res.redirect(302, first ? `/s/${first.row.id}` : '/api/surveys');
  });
  app.post(['/api/surveys/:id/responses', '/s/:surveyId/start', '/s/:surveyId/p/:page'], submitLimit);
  app.use(['/api/surveys/:surveyId/report', '/admin/surveys/:surveyId/report', '/admin/surveys/:surveyId/report.pdf', '/admin/surveys/:surveyId/plan', '/admin/surveys/:surveyId/plan.xlsx', '/admin/surveys/:surveyId/outcomes'], auth.requireUser, reportLimit);
  app.use(['/api/surveys/:surveyId/responses.csv', '/api/surveys/:surveyId/responses.xlsx'], auth.requireUser, exportLimit);
  app.use(surveyApiRoutes({ surveys }));
  app.use(responseApiRoutes({ surveys, responses }));
  app.use(respondentRoutes({ surveys, journey, peekUser: auth.peekUser }));
  app.use(recoveryRoutes({ surveys, journey, responses }));
  app.use(authRoutes({ auth }));
  app.use(reportRoutes({ jobs, requireUser: auth.requireUser, pageLocals: adminPageLocals }));
  app.use(planRoutes({ jobs, requireUser: auth.requireUser, pageLocals: adminPageLocals }));
  app.use(outcomeRoutes({ jobs, surveys, outcomes: createOutcomeService(db, { audit: auth.service.audit }), requireUser: auth.requireUser, pageLocals: adminPageLocals }));
  app.use(exportRoutes({ db, surveys, jobs }, [auth.requireUser, requireAccess('export:data'), exportScope]));
  app.use(translationRoutes({ db, questionnaires, surveys, auth: auth.service, pageLocals: adminPageLocals }));
  app.use(adminRoutes({ db, auth: auth.service, surveys, questionnaires, config }));
  extend?.(app);

  app.use((_req, _res, next) => next(new AppError(404, 'not_found', 'not_found')));
  app.use(errorMiddleware());
  return app;
}
