import type { Writable } from 'node:stream';
import ejs from 'ejs';
import type { AnalysisService } from '../analysis/service';
import { fixedT } from '../i18n';
import type { ExportService } from '../reporting/exports/service';
import { exportFileName } from '../reporting/exports/names';
import { AppError } from '../shared/errors';
import { asset } from '../shared/assets';
import { scriptClasses } from '../i18n/scripts';
import { fromRoot } from '../shared/paths';
import type { StreamJob, StreamStart, ValueJob } from './schema';

/** What a job needs: the services over one database connection (the server's own, or a worker's read-only one). */
export interface JobServices {
  analysis: AnalysisService;
  exports: ExportService;
}

export const pdfFileName = (survey: string, lang: string, by?: string) => `diagnosis-${survey}-${lang}${by ? `-by-${by}` : ''}.pdf`;

/**
 * The report jobs themselves, the same in a worker thread and in process (tests, `:memory:` databases): each is the
 * analysis service's `build()` followed by one way of writing its result. Heavy libraries (PDFKit, ExcelJS, the chart
 * renderer) are loaded on first use, so a server that never exports never loads them.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see below */
export function createTasks(services: JobServices, options: { cacheViews: boolean }) {
  const views = fromRoot('views');

  async function value(job: ValueJob): Promise<string> {
    const report = services.analysis.build(job.request);
    if (job.kind === 'report-json') return JSON.stringify(report);
    const { dashboardView } = require('../reporting/view-model') as typeof import('../reporting/view-model');
    const locals = {
      ...job.page,
      t: fixedT(job.page.lang, 'admin'),
      languages: [],
      surveyTitle: 'Needsmap',
      asset,
      scriptClasses,
      ...dashboardView(report, job.query, fixedT(report.lang, 'report'), job.page.lang),
    };
    return ejs.renderFile(`${views}/reporting/dashboard.ejs`, locals, { cache: options.cacheViews, views: [views] });
  }

  /** Calls `start` once the file is certain to come (the survey exists, the report was built), then writes it to `out`. */
  async function stream(job: StreamJob, out: Writable, start: (s: StreamStart) => void): Promise<void> {
    if (job.kind === 'pdf') {
      const report = services.analysis.build(job.request);
      const { renderReportPdf } = require('../reporting/pdf') as typeof import('../reporting/pdf');
      start({ fileName: pdfFileName(report.survey.id, report.lang, report.comparison?.by.id) });
      await renderReportPdf(report, fixedT(report.lang, 'report'), out);
      return;
    }
    const set = services.exports.prepare(job.request);
    if (!set) throw new AppError(404, 'not_found', 'survey_not_found');
    start({ fileName: exportFileName(set.surveyId, 'responses', job.kind) });
    const write =
      job.kind === 'csv'
        ? (require('../reporting/exports/csv') as typeof import('../reporting/exports/csv')).writeCsv
        : (require('../reporting/exports/xlsx') as typeof import('../reporting/exports/xlsx')).writeXlsx;
    await write(set, out, { labels: job.labels });
  }

  return { value, stream };
}
export type Tasks = ReturnType<typeof createTasks>;
