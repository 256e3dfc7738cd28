import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { createAuthService } from '../../auth/service';
import { isTextLanguage } from '../../i18n/languages';
import { createQuestionnaireService } from '../../questionnaires/service';
import { createSurveyService } from '../../surveys/service';
import type { Db } from '../../shared/db';
import type { TranslationFormat } from '../../translations/schema';
import { createTranslationService } from '../../translations/service';
import { withDb } from '../context';
import { num, t } from '../i18n';

function services(db: Db) {
  const questionnaires = createQuestionnaireService(db);
  const surveys = createSurveyService(db, questionnaires);
  return { surveys, translations: createTranslationService(db, { questionnaires, surveys }) };
}

export async function runTranslationExport(db: Db, o: { survey: string; lang: string; format: TranslationFormat; out: string }) {
  if (!isTextLanguage(o.lang)) throw new Error(t('unknownLanguage', { lang: o.lang }));
  const { surveys, translations } = services(db);
  const survey = surveys.find(o.survey);
  if (!survey) throw new Error(t('unknownSurvey', { survey: o.survey }));
  const units = translations.units(survey, o.lang);
  const file = path.resolve(o.out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await translations.exportFile(survey, o.lang, o.format));
  const count = (s: string) => units.filter((u) => u.status === s).length;
  return { file, total: units.length, missing: count('missing'), stale: count('stale') };
}

export function registerTranslations(program: Command) {
  const translations = program.command('translations').description(t('translations.description'));
  translations
    .command('export')
    .description(t('translations.export'))
    .requiredOption('--survey <id>', t('option.survey'))
    .requiredOption('--lang <lang>', t('translations.lang'))
    .addOption(new Option('--format <format>', t('option.format')).choices(['xliff', 'csv']).default('xliff'))
    .requiredOption('--out <file>', t('translations.out'))
    .action((o: { survey: string; lang: string; format: TranslationFormat; out: string }) =>
      withDb(async (db) => {
        const r = await runTranslationExport(db, o);
        console.log(t('translations.written', { file: r.file, total: num(r.total), missing: num(r.missing), stale: num(r.stale) }));
      }),
    );
  translations
    .command('import <file>')
    .description(t('translations.import'))
    .action((file: string) =>
      withDb(async (db) => {
        const result = await services(db).translations.importText(fs.readFileSync(file, 'utf8'), { fileName: path.basename(file) });
        if (!result.ok) {
          for (const p of result.problems) console.error(`${path.basename(file)}: ${p.at}: ${p.message}`);
          console.error(t('translations.nothingApplied'));
          process.exitCode = 1;
          return;
        }
        createAuthService(db).audit('cli', 'translations.import', result.surveyId, `${result.lang}: ${result.changed} of ${result.received} texts changed, version ${result.version} (${result.outcome})`);
        const counts = { received: num(result.received), changed: num(result.changed) };
        console.log(t('translations.imported', { survey: result.surveyId, lang: result.lang, ...counts, version: result.version, outcome: t(`admin:outcome_${result.outcome}`) }));
        if (result.stale) console.log(t('translations.stale', { count: num(result.stale) }));
      }),
    );
}
