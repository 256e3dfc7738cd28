import { nativeLanguageName } from '../i18n/languages';
import type { OpenSurvey } from '../surveys/service';
import type { ImportOutcome } from './service';
import type { LanguageStatus, TranslationFormat } from './schema';

export const FORMATS: readonly TranslationFormat[] = ['xliff', 'csv'];

export interface LanguageRow extends LanguageStatus {
  name: string;
  /** Share of texts translated and up to date, as a whole percentage. */
  percent: number;
  downloads: { format: TranslationFormat; href: string }[];
}

export const exportHref = (surveyId: string, lang: string, format: TranslationFormat) =>
  `/admin/surveys/${encodeURIComponent(surveyId)}/translations/export?lang=${encodeURIComponent(lang)}&format=${format}`;

/** One row per language: the source language first, then each translation with its counts and download links. */
export function languageRows(surveyId: string, status: readonly LanguageStatus[]): LanguageRow[] {
  return status.map((s) => ({
    ...s,
    name: nativeLanguageName(s.lang),
    percent: s.total ? Math.floor((100 * s.translated) / s.total) : 100,
    downloads: s.isSource ? [] : FORMATS.map((format) => ({ format, href: exportHref(surveyId, s.lang, format) })),
  }));
}

export interface TranslationsPageState {
  status?: number;
  values?: { translation: string };
  result?: Extract<ImportOutcome, { ok: true }>;
  problems?: { at: string; message: string }[];
}

/** What views/translations/index.ejs receives. */
export function translationsPage(survey: OpenSurvey, title: string, status: readonly LanguageStatus[], state: TranslationsPageState) {
  return {
    title,
    surveyId: survey.row.id,
    version: survey.current.version,
    rows: languageRows(survey.row.id, status),
    command: `npx needsmap translations export --survey ${survey.row.id} --lang <lang> --format xliff --out ${survey.row.id}.<lang>.xlf`,
    values: state.values ?? { translation: '' },
    result: state.result ? { ...state.result, language: nativeLanguageName(state.result.lang) } : undefined,
    problems: state.problems ?? [],
  };
}
