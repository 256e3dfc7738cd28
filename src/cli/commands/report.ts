import fs from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import type { Filter } from '../../analysis/selection';
import { isTextLanguage } from '../../i18n/languages';
import { AppError } from '../../shared/errors';
import type { Db } from '../../shared/db';
import { withDb } from '../context';
import { cliLanguage, num, t } from '../i18n';

export interface ReportCommandOptions {
  survey: string;
  lang?: string;
  groupBy?: string;
  out?: string;
  /** `question=value` pairs; repeating a question allows several values. */
  filter?: string[];
}

/** `["country=BG", "country=SI", "role=volunteer"]` to the analysis filters. */
export function parseFilterOptions(pairs: readonly string[]): Filter[] {
  const filters = new Map<string, string[]>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new Error(t('report.badFilter', { value: pair }));
    const question = pair.slice(0, at).trim();
    const values = pair.slice(at + 1).split(',').map((v) => v.trim()).filter(Boolean);
    filters.set(question, [...(filters.get(question) ?? []), ...values]);
  }
  return [...filters].map(([questionId, values]) => ({ questionId, values }));
}

const describe = (err: AppError) => (err.issues.length ? err.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : t(`errors:${err.messageKey}`));

/**
 * Builds the diagnosis of a survey and writes it as a PDF. The command line is the local operator: every collector's
 * free text is readable (`freeText: 'all'`); disclosure control applies as everywhere. The file appears only when
 * complete (written as .part, then renamed).
 */
export async function runReport(db: Db, o: ReportCommandOptions, onProgress?: (step: number, total: number) => void): Promise<{ file: string; lang: string; n: number }> {
  if (o.lang !== undefined && !isTextLanguage(o.lang)) throw new Error(t('unknownLanguage', { lang: o.lang }));
  // Loaded here, not at the top: `needsmap --help` and the other commands start without the PDF libraries.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createAnalysisService } = require('../../analysis/service') as typeof import('../../analysis/service');
  const { fixedT } = require('../../i18n') as typeof import('../../i18n');
  const { createQuestionnaireService } = require('../../questionnaires/service') as typeof import('../../questionnaires/service');
  const { renderReportPdf } = require('../../reporting/pdf') as typeof import('../../reporting/pdf');
  const { createSurveyService } = require('../../surveys/service') as typeof import('../../surveys/service');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const questionnaires = createQuestionnaireService(db);
  // One process per report: the counts are kept with the rows after the last segment, so the next run reads none.
  const analysis = createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { keepCounts: { tails: true } });
  let report;
  try {
    report = analysis.build({ surveyId: o.survey, lang: o.lang, groupBy: o.groupBy, filters: parseFilterOptions(o.filter ?? []), viewer: { freeText: 'all' } });
  } catch (err) {
    if (err instanceof AppError) throw new Error(err.status === 404 ? t('unknownSurvey', { survey: o.survey }) : describe(err), { cause: err });
    throw err;
  }
  const file = path.resolve(o.out ?? path.join('reports', `diagnosis-${report.survey.id}-${report.lang}.pdf`));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const part = `${file}.part`;
  try {
    await renderReportPdf(report, fixedT(report.lang, 'report'), fs.createWriteStream(part), { onProgress });
    fs.renameSync(part, file);
  } finally {
    fs.rmSync(part, { force: true });
  }
  return { file, lang: report.lang, n: typeof report.sample.n === 'number' ? report.sample.n : 0 };
}

export function registerReport(program: Command) {
  program
    .command('report')
    .description(t('report.description'))
    .requiredOption('--survey <id>', t('option.survey'))
    .option('--lang <lang>', t('report.lang'))
    .option('--group-by <questionId>', t('report.groupBy'))
    .option('--filter <question=value>', t('report.filter'), (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--out <file>', t('report.out'))
    .action((o: ReportCommandOptions) => {
      // A one-shot process: keep V8's young generation at its first size rather than letting it grow to 16 MB
      // semi-spaces, which only raised this command's peak memory (bench/RESULTS.md, "PDF at 10,000").
      setFlagsFromString('--semi-space-growth-factor=1');
      return withDb(async (db) => {
        const started = Date.now();
        let bar: { update(n: number): void; stop(): void } | undefined;
        const result = await runReport(db, o, (step, total) => {
          // the progress bar's modules load only where there is a terminal to draw it on (not under cron or systemd)
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          if (process.stderr.isTTY) bar ??= (require('../progress') as typeof import('../progress')).progressBar(total, t('progress.steps'));
          bar?.update(step);
        });
        bar?.stop();
        const seconds = new Intl.NumberFormat(cliLanguage(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format((Date.now() - started) / 1000);
        console.log(t('report.done', { file: result.file, lang: result.lang, n: num(result.n), seconds }));
      });
    });
}
