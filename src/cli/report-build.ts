import path from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { ReportData } from '../analysis/schema';
import type { ReportRequest } from '../analysis/service';
import { deserializeError } from '../jobs/errors';
import type { SerializedError } from '../jobs/schema';

/** What the thread is given. */
interface BuildData {
  role: 'report-build';
  file: string;
  request: ReportRequest;
}

type Message = { ok: true; report: ReportData } | { ok: false; error: SerializedError };

/**
 * `needsmap report` builds the report's data in a thread of its own with its own connection, while the main thread
 * loads the PDF renderer (pdfkit, fontkit, the sections: a tenth of a second of a 0.8 s process); the two cores then
 * work at once. Sealing, as in process, is done by this connection when it can (the file is not read-only).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the thread loads what it needs when it starts */
function run(port: NonNullable<typeof parentPort>, data: BuildData) {
  const { serializeError } = require('../jobs/errors') as typeof import('../jobs/errors');
  try {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const { createAnalysisService } = require('../analysis/service') as typeof import('../analysis/service');
    const { createQuestionnaireService } = require('../questionnaires/service') as typeof import('../questionnaires/service');
    const { createSurveyService } = require('../surveys/service') as typeof import('../surveys/service');
    const db = new Database(data.file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    try {
      const questionnaires = createQuestionnaireService(db);
      const report = createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }).build(data.request);
      port.postMessage({ ok: true, report } satisfies Message);
    } finally {
      db.close();
    }
  } catch (err) {
    port.postMessage({ ok: false, error: serializeError(err) } satisfies Message);
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */

if (parentPort && (workerData as BuildData | undefined)?.role === 'report-build') run(parentPort, workerData as BuildData);

/** The report data of `request`, built in a thread on the database file `file`; errors keep their kind (AppError). */
export function buildInThread(file: string, request: ReportRequest): Promise<ReportData> {
  const data: BuildData = { role: 'report-build', file, request };
  const entry = path.join(__dirname, `report-build${path.extname(__filename)}`);
  const worker = entry.endsWith('.js') ? new Worker(entry, { workerData: data }) : new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData: data });
  return new Promise<ReportData>((resolve, reject) => {
    worker.once('message', (m: Message) => (m.ok ? resolve(m.report) : reject(deserializeError(m.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the report thread stopped (exit code ${code})`)));
  });
}
