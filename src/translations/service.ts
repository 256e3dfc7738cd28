import type { Db } from '../shared/db';
import { localize } from '../i18n';
import type { Questionnaire } from '../questionnaires/schema';
import type { QuestionnaireService } from '../questionnaires/service';
import type { OpenSurvey, SurveyService } from '../surveys/service';
import { writeCsv, readCsv } from './csv';
import { createTranslationRepo } from './repo';
import type { ExportUnit, FileProblem, LanguageStatus, ParseResult, TranslationFile, TranslationFormat } from './schema';
import { duplicateUnitIds, textUnits, withTexts } from './units';
import { readXliff, writeXliff } from './xliff';

export type ImportOutcome =
  | { ok: true; surveyId: string; lang: string; version: number; outcome: 'unchanged' | 'new_version' | 'replaced' | 'created'; received: number; changed: number; stale: number }
  | { ok: false; problems: FileProblem[] };

/** Spreadsheets may turn line breaks into CRLF and keep stray spaces: compare texts without either. */
const normalize = (text: string) => text.replace(/\r\n?/g, '\n').trim();

/** XLIFF starts with "<" (after a byte-order mark or an XML declaration); anything else is read as CSV. */
export const readTranslationFile = (text: string): Promise<ParseResult> | ParseResult => (/^\uFEFF?\s*</.test(text) ? readXliff(text) : readCsv(text));

/**
 * The translator round trip for questionnaire texts: export one language of a survey's current version, read an
 * edited file back and apply it as a new questionnaire definition through the questionnaire service (a version with
 * responses is frozen, so the change becomes a new version), remembering the source text of every translation.
 */
export function createTranslationService(db: Db, deps: { questionnaires: QuestionnaireService; surveys: SurveyService }) {
  const repo = createTranslationRepo(db);

  /** Every text of the survey's current version in `lang`, with its source in the default language and status. */
  function units(survey: OpenSurvey, lang: string): ExportUnit[] {
    const q = survey.current.definition;
    const recorded = repo.sources(survey.row.questionnaire_id, lang);
    return textUnits(q).map((unit) => {
      const texts = unit.text as Record<string, string | undefined>;
      const source = localize(unit.text, q.defaultLanguage, q.defaultLanguage).text;
      const target = lang === q.defaultLanguage ? source : (texts[lang] ?? '');
      const from = recorded.get(unit.id);
      const stale = Boolean(target && from && texts[from.source_lang] !== from.source_text);
      return { id: unit.id, source, target, status: !target ? 'missing' : stale ? 'stale' : 'translated', ...(stale ? { translatedFrom: from!.source_text } : {}) };
    });
  }

  /** Completeness of every language the questionnaire offers, the default (source) language first. */
  function status(survey: OpenSurvey): LanguageStatus[] {
    const q = survey.current.definition;
    const langs = [q.defaultLanguage, ...q.languages.filter((l) => l !== q.defaultLanguage)];
    return langs.map((lang) => {
      const list = units(survey, lang);
      const count = (s: string) => list.filter((u) => u.status === s).length;
      return { lang, isSource: lang === q.defaultLanguage, total: list.length, translated: count('translated'), missing: count('missing'), stale: count('stale') };
    });
  }

  async function exportFile(survey: OpenSurvey, lang: string, format: TranslationFormat): Promise<string> {
    const q = survey.current.definition;
    const write = format === 'xliff' ? writeXliff : writeCsv;
    return write(survey.row.id, q.defaultLanguage, lang, units(survey, lang));
  }

  /** Checks a read file against the survey; every problem is located, and nothing is applied if there is one. */
  function validate(file: TranslationFile, q: Questionnaire, expectedSurvey?: string): FileProblem[] {
    const problems: FileProblem[] = [];
    if (expectedSurvey && file.surveyId !== expectedSurvey) problems.push({ at: 'file', message: `is for survey "${file.surveyId}", not "${expectedSurvey}"` });
    if (file.sourceLang !== q.defaultLanguage) problems.push({ at: 'file', message: `source language is "${file.sourceLang}", the questionnaire's default language is "${q.defaultLanguage}"` });
    if (file.targetLang === q.defaultLanguage) problems.push({ at: 'file', message: `target language "${file.targetLang}" is the source language: edit the questionnaire itself to change it` });
    else if (!(q.languages as string[]).includes(file.targetLang)) {
      problems.push({ at: 'file', message: `target language "${file.targetLang}" is not offered by the questionnaire (${q.languages.join(', ')}): add it to "languages" first` });
    }
    const known = new Set(textUnits(q).map((u) => u.id));
    const seen = new Set<string>();
    for (const u of file.units) {
      if (!known.has(u.id)) problems.push({ at: u.at, message: `unknown unit "${u.id}"` });
      else if (seen.has(u.id)) problems.push({ at: u.at, message: `unit "${u.id}" appears twice` });
      seen.add(u.id);
    }
    return problems;
  }

  /**
   * Applies a translation file: every non-empty target replaces the text in the target language (empty ones leave
   * the text as it is), and the source each was translated from is recorded. A unit whose source in the file
   * differs from the current one was translated from an older text and stays stale.
   */
  async function importText(text: string, opts: { fileName?: string; surveyId?: string } = {}): Promise<ImportOutcome> {
    const parsed = await readTranslationFile(text);
    if (!parsed.ok) return parsed;
    const file = parsed.file;
    const survey = deps.surveys.find(file.surveyId);
    if (!survey) return { ok: false, problems: [{ at: 'file', message: `is for survey "${file.surveyId}", which does not exist` }] };
    const q = survey.current.definition;
    const duplicates = duplicateUnitIds(textUnits(q));
    if (duplicates.length) return { ok: false, problems: [{ at: 'questionnaire', message: `has duplicate page or area ids (${duplicates.join(', ')}): fix the questionnaire first` }] };
    const problems = validate(file, q, opts.surveyId);
    if (problems.length) return { ok: false, problems };
    const targets = file.units.map((u) => ({ ...u, source: normalize(u.source), target: u.target.trim() })).filter((u) => u.target);
    const updated = withTexts(q, file.targetLang, new Map(targets.map((u) => [u.id, u.target])));
    const before = new Map(textUnits(q).map((u) => [u.id, u.text as Record<string, string | undefined>]));
    const source = (id: string) => localize(before.get(id), q.defaultLanguage, q.defaultLanguage).text;
    const changed = targets.filter((u) => before.get(u.id)?.[file.targetLang] !== u.target).length;
    return db.transaction((): ImportOutcome => {
      const result = deps.questionnaires.importText(JSON.stringify(updated), opts.fileName ?? `${file.surveyId}.${file.targetLang}`);
      if (!result.ok) return { ok: false, problems: result.problems.map((p) => ({ at: p.path, message: p.message })) };
      repo.record(survey.row.questionnaire_id, file.targetLang, targets.map((u) => ({ unitId: u.id, sourceLang: file.sourceLang, sourceText: u.source })));
      const stale = targets.filter((u) => source(u.id) !== u.source).length;
      return { ok: true, surveyId: survey.row.id, lang: file.targetLang, version: result.version, outcome: result.outcome, received: targets.length, changed, stale };
    })();
  }

  return { units, status, exportFile, importText };
}
export type TranslationService = ReturnType<typeof createTranslationService>;
