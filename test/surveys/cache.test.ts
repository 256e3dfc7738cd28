import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/shared/db';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import { buildQuestionnaire } from '../helpers/factories';

describe('survey cache', () => {
  test('when another process changes a survey or adds a collector, then the next lookup sees it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nm-cache-')), 'db.sqlite');
    const server = openDb(file);
    createQuestionnaireService(server).importText(JSON.stringify(buildQuestionnaire()), 'q.json');
    const surveys = createSurveyService(server);
    expect(surveys.find('test-survey')!.row.closes_at).toBeNull();
    expect(surveys.collector('test-survey', 'sofia')).toBeUndefined();

    const cli = openDb(file);
    cli.prepare("UPDATE surveys SET closes_at = '2000-01-01T00:00:00Z'").run();
    createSurveyService(cli).saveCollector('test-survey', { id: 'sofia', label: 'Sofia', invited: 3 });
    cli.close();

    expect(surveys.find('test-survey')!.row.closes_at).toBe('2000-01-01T00:00:00Z');
    expect(surveys.collector('test-survey', 'sofia')).toMatchObject({ label: 'Sofia' });
    server.close();
  });
});
