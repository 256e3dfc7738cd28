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

function services(db: Db) {
  const questionnaires = createQuestionnaireService(db);
  const surveys = createSurveyService(db, questionnaires);
  return { surveys, translations: createTranslationService(db, { questionnaires, surveys }) };
}

export async function runTranslationExport(db: Db, o: { survey: string; lang: string; format: TranslationFormat; out: string }) {
  if (!isTextLanguage(o.lang)) throw new Error(`unknown language "${o.lang}"`);
  const { surveys, translations } = services(db);
  const survey = surveys.find(o.survey);
  if (!survey) throw new Error(`unknown survey "${o.survey}"`);
  const units = translations.units(survey, o.lang);
  const file = path.resolve(o.out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await translations.exportFile(survey, o.lang, o.format));
  const count = (s: string) => units.filter((u) => u.status === s).length;
  return { file, total: units.length, missing: count('missing'), stale: count('stale') };
}

export function registerTranslations(program: Command) {
  const translations = program.command('translations').description("translator round trip for a survey's questionnaire texts (XLIFF 2.0 or CSV)");
  translations
    .command('export')
    .description('write every text of the current version: source (default language) and target (--lang, empty when missing)')
    .requiredOption('--survey <id>', 'survey id')
    .requiredOption('--lang <lang>', 'target language, e.g. fi')
    .addOption(new Option('--format <format>', 'file format').choices(['xliff', 'csv']).default('xliff'))
    .requiredOption('--out <file>', 'file to write, e.g. youth-worker-tna.fi.xlf')
    .action((o: { survey: string; lang: string; format: TranslationFormat; out: string }) =>
      withDb(async (db) => {
        const r = await runTranslationExport(db, o);
        console.log(`${r.total} texts written to ${r.file} (${r.missing} missing, ${r.stale} stale)`);
      }),
    );
  translations
    .command('import <file>')
    .description('check a translated file and apply it; a version with responses stays as it is and the texts become a new version')
    .action((file: string) =>
      withDb(async (db) => {
        const result = await services(db).translations.importText(fs.readFileSync(file, 'utf8'), { fileName: path.basename(file) });
        if (!result.ok) {
          for (const p of result.problems) console.error(`${path.basename(file)}: ${p.at}: ${p.message}`);
          console.error('Nothing was applied.');
          process.exitCode = 1;
          return;
        }
        createAuthService(db).audit('cli', 'translations.import', result.surveyId, `${result.lang}: ${result.changed} of ${result.received} texts changed, version ${result.version} (${result.outcome})`);
        console.log(`${result.surveyId} ${result.lang}: ${result.changed} of ${result.received} texts changed, version ${result.version} (${result.outcome.replace('_', ' ')})`);
        if (result.stale) console.log(`${result.stale} of them were translated from an older source text and are marked stale.`);
      }),
    );
}
