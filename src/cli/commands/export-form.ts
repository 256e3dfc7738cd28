import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Db } from '../../shared/db';
import { withDb } from '../context';
import { t } from '../i18n';

/** Writes the current questionnaire of a survey as a spreadsheet form that `needsmap import` reads back unchanged. */
export async function runFormExport(db: Db, o: { survey: string; format: 'xlsx' | 'csv'; out?: string }): Promise<{ file: string }> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createAuthService } = require('../../auth/service') as typeof import('../../auth/service');
  const { createQuestionnaireService } = require('../../questionnaires/service') as typeof import('../../questionnaires/service');
  const { createSurveyService } = require('../../surveys/service') as typeof import('../../surveys/service');
  const { createFormService } = require('../../xlsform/service') as typeof import('../../xlsform/service');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const questionnaires = createQuestionnaireService(db);
  const forms = createFormService(db, { questionnaires, surveys: createSurveyService(db, questionnaires), auth: createAuthService(db) });
  const exported = await forms.exportForm(o.survey, o.format);
  if (!exported) throw new Error(t('unknownSurvey', { survey: o.survey }));
  const file = path.resolve(o.out ?? exported.fileName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, exported.data);
  return { file };
}

export function registerExportForm(program: Command) {
  program
    .command('export-form')
    .description(t('exportForm.description'))
    .requiredOption('--survey <id>', t('option.survey'))
    .addOption(new Option('--format <format>', t('option.format')).choices(['xlsx', 'csv']).default('xlsx'))
    .option('--out <file>', t('exportForm.out'))
    .action((o: { survey: string; format: 'xlsx' | 'csv'; out?: string }) =>
      withDb(async (db) => {
        const { file } = await runFormExport(db, o);
        console.log(t('written', { file }));
      }),
    );
}
