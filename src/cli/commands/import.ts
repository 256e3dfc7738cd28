import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Db } from '../../shared/db';
import { createQuestionnaireService } from '../../questionnaires/service';
import { withDb } from '../context';
import { cliLanguage, t } from '../i18n';

/** "youth-worker-tna, version 3: new version", the outcome in the words of the admin page. */
const importedLine = (r: { id: string; version: number; outcome: string }) =>
  t('import.done', { id: r.id, version: r.version, outcome: t(`admin:outcome_${r.outcome}`) });

/** Files read as spreadsheets (XLSForm); anything else is a questionnaire JSON file. */
const SPREADSHEET = /\.(xlsx|csv|ods|xls)$/i;

export interface FormImportOutcome {
  ok: boolean;
  /** What to print: the outcome or each located problem, then the notices. */
  lines: string[];
}

/**
 * Imports a spreadsheet form (.xlsx or CSV): every problem is printed with its sheet, row and column in `lang`
 * (the admin texts), and nothing is imported on any; otherwise it is published like an admin upload.
 */
export async function runFormImport(db: Db, file: string, lang: string = cliLanguage()): Promise<FormImportOutcome> {
  // Loaded here, not at the top: the other commands start without exceljs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { fixedT } = require('../../i18n') as typeof import('../../i18n');
  const { createAuthService } = require('../../auth/service') as typeof import('../../auth/service');
  const { createSurveyService } = require('../../surveys/service') as typeof import('../../surveys/service');
  const { createFormService } = require('../../xlsform/service') as typeof import('../../xlsform/service');
  const { messageLine } = require('../../xlsform/errors') as typeof import('../../xlsform/errors');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const t = fixedT(lang, 'admin');
  const questionnaires = createQuestionnaireService(db);
  const forms = createFormService(db, { questionnaires, surveys: createSurveyService(db, questionnaires), auth: createAuthService(db) });
  const name = path.basename(file);
  const read = await forms.read(fs.readFileSync(file), name);
  if (!read.ok) return { ok: false, lines: [...read.problems.map((p) => `${name}: ${messageLine(t, p)}`), t('importProblems', { count: read.problems.length })] };
  const result = forms.publish('cli', JSON.stringify(read.questionnaire), name, read.controller);
  if (!result.ok) return { ok: false, lines: result.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`) };
  const notices = read.notices.map((n) => `${name}: ${messageLine(t, n)}`);
  return { ok: true, lines: [importedLine(result), ...notices] };
}

export function registerImport(program: Command) {
  program
    .command('import <file>')
    .description(t('import.description'))
    .option('--lang <lang>', t('import.lang'))
    .action((file: string, o: { lang?: string }) =>
      withDb(async (db) => {
        if (SPREADSHEET.test(file)) {
          const outcome = await runFormImport(db, file, o.lang);
          for (const line of outcome.lines) (outcome.ok ? console.log : console.error)(line);
          if (!outcome.ok) process.exitCode = 1;
          return;
        }
        const result = createQuestionnaireService(db).importFile(file);
        if (!result.ok) {
          for (const p of result.problems) console.error(`${p.file}: ${p.path}: ${p.message}`);
          process.exitCode = 1;
          return;
        }
        console.log(importedLine(result));
      }),
    );
}
