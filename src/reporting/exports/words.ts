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
