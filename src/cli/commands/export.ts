import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { Option, type Command } from 'commander';
import type { Db } from '../../shared/db';
import { isTextLanguage } from '../../i18n/languages';
import { withDb } from '../context';
import { num, t } from '../i18n';

export interface ExportCommandOptions {
  survey: string;
  format: 'csv' | 'xlsx' | 'sps';
  out: string;
  labels?: boolean;
  lang?: string;
  /** commander's `--no-free-text`: false leaves the free-text columns out. */
  freeText?: boolean;
  /** For sps: the CSV the syntax reads; by default the output path with .csv. */
  csv?: string;
}

/**
 * Writes one export file. The command line runs with the database owner's rights: every row, free text unless
 * `--no-free-text`. The file appears only when complete (written as .part, then renamed).
 */
export async function runExport(db: Db, o: ExportCommandOptions): Promise<{ rows: number | null; variables: number; file: string }> {
  if (o.lang !== undefined && !isTextLanguage(o.lang)) throw new Error(t('unknownLanguage', { lang: o.lang }));
  // Loaded here, not at the top: `needsmap --help` and the other commands start without the export libraries.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createSurveyService } = require('../../surveys/service') as typeof import('../../surveys/service');
  const { createExportService } = require('../../reporting/exports/service') as typeof import('../../reporting/exports/service');
  // Only the running format's writer (the XLSX one brings zlib with it).
  const spssSyntax = () => (require('../../reporting/exports/sps') as typeof import('../../reporting/exports/sps')).spssSyntax;
  const writeCsv = () => (require('../../reporting/exports/csv') as typeof import('../../reporting/exports/csv')).writeCsv;
  const writeXlsx = () => (require('../../reporting/exports/xlsx') as typeof import('../../reporting/exports/xlsx')).writeXlsx;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const set = createExportService({ db, surveys: createSurveyService(db), ownConnection: true }).prepare({
    surveyId: o.survey,
    lang: o.lang,
    scope: { collectors: 'all', includeFreeText: o.freeText !== false },
  });
  if (!set) throw new Error(t('unknownSurvey', { survey: o.survey }));
  const file = path.resolve(o.out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const part = `${file}.part`;
  let rows: number | null = null;
  try {
    if (o.format === 'sps') {
      fs.writeFileSync(part, spssSyntax()(set, path.resolve(o.csv ?? file.replace(/\.sps$/i, '') + '.csv')));
    } else {
      // The XLSX writer makes many short-lived strings; V8 otherwise lets its heap grow by tens of megabytes before
      // collecting them. This command is the process's only work, so trading a few per cent of speed is fine.
      if (o.format === 'xlsx') v8.setFlagsFromString('--optimize-for-size');
      const write = o.format === 'csv' ? writeCsv() : writeXlsx();
      // A few batches queued for the file: the next batch is made while the last one is written.
      rows = await write(set, fs.createWriteStream(part, { highWaterMark: 256 * 1024 }), { labels: Boolean(o.labels) });
    }
    fs.renameSync(part, file);
  } finally {
    fs.rmSync(part, { force: true });
  }
  return { rows, variables: set.variables.length, file };
}

export function registerExport(program: Command) {
  program
    .command('export')
    .description(t('export.description'))
    .requiredOption('--survey <id>', t('option.survey'))
    .addOption(new Option('--format <format>', t('option.format')).choices(['csv', 'xlsx', 'sps']).makeOptionMandatory())
    .requiredOption('--out <file>', t('export.out'))
    .option('--labels', t('export.labels'))
    .option('--lang <lang>', t('export.lang'))
    .option('--no-free-text', t('export.noFreeText'))
    .option('--csv <file>', t('export.csv'))
    .action((o: ExportCommandOptions) =>
      withDb(async (db) => {
        const result = await runExport(db, o);
        const counts = { rows: result.rows === null ? '' : num(result.rows), variables: num(result.variables) };
        console.log(t(result.rows === null ? 'export.doneSyntax' : 'export.done', { file: result.file, ...counts }));
      }),
    );
}
