/**
 * A second process writing responses while a test backs up: `tsx test/backup/writer.ts <db> <batches>` inserts
 * batches of BATCH responses, one transaction each, as the server would, and prints "started" after the first.
 */
import { openDb } from '../../src/shared/db';
import { createSurveyService } from '../../src/surveys/service';
import { createResponseRepo } from '../../src/responses/repo';
import { createDemoGenerator } from '../../src/demo/generator';
import { encodeAnswers } from '../../src/questionnaires/codebook';

export const BATCH = 10;
const [file = '', batchesArg = '100'] = process.argv.slice(2);
const db = openDb(file);
const current = createSurveyService(db).find('youth-worker-tna')!.current;
const repo = createResponseRepo(db);
const generator = createDemoGenerator(current.definition, 9);
const writeBatch = db.transaction((b: number) => {
  for (let i = 0; i < BATCH; i++) {
    const r = generator.next();
    const id = `w-${process.pid}-${b}-${i}`;
    repo.insert({ publicId: id, surveyId: 'youth-worker-tna', version: current.version, collectorId: r.collector, lang: r.lang, erasureHash: id, isDemo: false, answers: JSON.stringify(r.answers), codes: encodeAnswers(current.layout, r.answers) });
  }
});
for (let b = 0; b < Number(batchesArg); b++) {
  writeBatch(b);
  if (b === 0) process.stdout.write('started\n');
}
db.close();
