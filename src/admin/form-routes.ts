import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { TFunction } from 'i18next';
import { notFound } from '../shared/errors';
import { currentUser, requireAccess } from '../auth/middleware';
import { MAX_FORM_BYTES, PublishFormSchema, type FormProblem } from '../xlsform/schema';
import type { FormService } from '../xlsform/service';
import { checkPage, problemRows } from '../xlsform/view-model';

const UPLOAD_ERROR = 'formUploadError';

/**
 * Reads the multipart body of a form upload (one file, kept in memory up to MAX_FORM_BYTES) before the CSRF check,
 * which then finds the `_csrf` field in it. A refused upload is not an error page: the route shows it as a problem.
 */
export function formUpload() {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_FORM_BYTES, files: 1, fields: 8, parts: 10, fieldSize: 4096 } }).single('form');
  return (req: Request, res: Response, next: NextFunction) =>
    upload(req, res, (err: unknown) => {
      if (err) res.locals[UPLOAD_ERROR] = err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE' ? 'fileTooLarge' : 'fileMissing';
      next();
    });
}

const renderProblems = (res: Response, problems: FormProblem[], file: string) =>
  res.status(422).render('admin/form-import', { problems: problemRows(res.locals.t as TFunction, problems), file });

/** Spreadsheet (XLSForm) upload, its check page with the preview in every language, publishing, and download. */
export function formRoutes(forms: FormService): Router {
  const router = Router();

  router.get('/admin/import/form', requireAccess('survey:admin'), (_req, res) => {
    res.render('admin/form-import', { problems: [], file: '' });
  });

  router.post('/admin/import/form', requireAccess('survey:admin'), async (req, res) => {
    const refused = res.locals[UPLOAD_ERROR] as 'fileTooLarge' | 'fileMissing' | undefined;
    const file = req.file;
    const name = file?.originalname ?? '';
    if (refused || !file) return renderProblems(res, [{ key: refused ?? 'fileMissing', ...(refused === 'fileTooLarge' ? { params: { limit: MAX_FORM_BYTES / 1024 / 1024 } } : {}) }], name);
    const result = await forms.read(file.buffer, name);
    if (!result.ok) return renderProblems(res, result.problems, name);
    const check = checkPage(res.locals.t as TFunction, { ...result, plan: forms.plan(result.questionnaire), file: name, adminLang: res.locals.lang as string });
    res.render('admin/form-check', { check });
  });

  router.post('/admin/import/form/publish', requireAccess('survey:admin'), (req, res) => {
    const form = PublishFormSchema.safeParse(req.body);
    if (!form.success) return renderProblems(res, [{ key: 'fileMissing' }], '');
    const { definition, file, controllerName, controllerContact } = form.data;
    const result = forms.publish(currentUser(res), definition, file, { ...(controllerName ? { controllerName } : {}), ...(controllerContact ? { controllerContact } : {}) });
    const values = { questionnaire: '', file: '' };
    if (!result.ok) return res.status(422).render('admin/import', { values, problems: result.problems, result: undefined });
    res.render('admin/import', { values, problems: [], result });
  });

  router.get('/admin/surveys/:surveyId/form.xlsx', requireAccess('survey:view'), async (req, res) => {
    const exported = await forms.exportForm(String(req.params.surveyId), 'xlsx');
    if (!exported) throw notFound('survey_not_found');
    res.attachment(exported.fileName).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(exported.data);
  });

  return router;
}
