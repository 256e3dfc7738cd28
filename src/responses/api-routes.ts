import { Router } from 'express';
import { AppError } from '../shared/errors';
import type { SurveyService } from '../surveys/service';
import { acceptApiSubmission } from './api-submission';
import { ErasureSchema } from './schema';
import type { ResponseService } from './service';

export function responseApiRoutes(deps: { surveys: SurveyService; responses: ResponseService }): Router {
  const router = Router();

  router.post('/api/surveys/:id/responses', async (req, res) => {
    const result = await acceptApiSubmission(deps, req.params.id, req.body, req.get('Idempotency-Key'));
    if (result.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(201).json({ id: result.publicId, erasureCode: result.erasureCode });
  });

  router.post('/api/erasure', (req, res) => {
    const body = ErasureSchema.safeParse(req.body);
    if (!body.success) throw new AppError(422, 'invalid_request', 'invalid_request', {}, [{ path: 'code', message: 'required' }]);
    if (!deps.responses.erase(body.data.code)) throw new AppError(404, 'not_found', 'erasure_not_found');
    res.status(204).end();
  });

  return router;
}
