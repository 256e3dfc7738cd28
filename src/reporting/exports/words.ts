import { fixedT } from '../../i18n';
import type { MetaField } from './schema';

/** The `report:export.*` keys, all of them. */
export const EXPORT_KEYS = ['chosen', 'notChosen', 'yes', 'no', 'responseId', 'collector', 'language', 'submittedOn', 'questionnaireVersion', 'isDemo', 'wave'] as const;
type ExportKey = (typeof EXPORT_KEYS)[number];

/** The few words of an export that do not come from the questionnaire, in one language. */
export interface ExportWords {
  importance: string;
  proficiency: string;
  otherCountry: string;
  chosen: string;
  notChosen: string;
  yes: string;
  no: string;
  /** Waves (issue 14): the label of the default wave. */
  defaultWave: string;
  meta: Record<MetaField, string>;
}

/** The words around an export's data: XLSX sheet and codebook column names, the SPSS syntax's comments. */
export interface DocumentWords {
  sheets: [responses: string, codebook: string];
  codebookHeader: string[];
  spsTitle: (o: { title: string; survey: string; version: number; lang: string }) => string;
  spsComments: (notApplicableCode: number | string) => string[];
}

/** The `report:export.*` words of the file itself, in the language of the labels (keys used literally here). */
export function documentWords(lang: string): DocumentWords {
  const t = fixedT(lang, 'report');
  return {
    sheets: [t('export.sheetResponses'), t('export.sheetCodebook')],
    codebookHeader: [
      t('export.codebookVariable'),
      t('export.codebookLabel'),
      t('export.codebookType'),
      t('export.codebookFormat'),
      t('export.codebookLevel'),
      t('export.codebookValues'),
      t('export.codebookMissing'),
    ],
    spsTitle: (o) => t('export.spsTitle', o),
    spsComments: (code) => [t('export.spsReads'), t('export.spsUnicode'), t('export.spsNotApplicable', { code }), t('export.spsMultiple'), t('export.spsVersions')],
  };
}

/**
 * UI strings from i18next: the respondent namespace has the scale names and "another country", the `report`
 * namespace the `export.*` words, in every language (declared in src/i18n/runtime-keys.ts for check:i18n).
 */
export function exportWords(lang: string): ExportWords {
  const respondent = fixedT(lang, 'respondent');
  const report = fixedT(lang, 'report');
  const w = (key: ExportKey) => report(`export.${key}`);
  return {
    importance: respondent('importance'),
    proficiency: respondent('proficiency'),
    otherCountry: respondent('otherCountry'),
    chosen: w('chosen'),
    notChosen: w('notChosen'),
    yes: w('yes'),
    no: w('no'),
    defaultWave: report('waves.defaultWave'),
    meta: {
      response_id: w('responseId'),
      collector: w('collector'),
      language: w('language'),
      submitted_on: w('submittedOn'),
      questionnaire_version: w('questionnaireVersion'),
      is_demo: w('isDemo'),
      wave: w('wave'),
    },
  };
}
