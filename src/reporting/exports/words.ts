import { fixedT } from '../../i18n';
import type { MetaField } from './schema';

/** The few words of an export that do not come from the questionnaire, in one language. */
export interface ExportWords {
  importance: string;
  proficiency: string;
  otherCountry: string;
  chosen: string;
  notChosen: string;
  yes: string;
  no: string;
  meta: Record<MetaField, string>;
}

/**
 * UI strings from i18next: the respondent namespace already has the scale names and "another country" in every
 * language; the `report` namespace keys `export.*` fall back to English until they are translated.
 */
export function exportWords(lang: string): ExportWords {
  const respondent = fixedT(lang, 'respondent');
  const report = fixedT(lang, 'report');
  const w = (key: string, english: string) => report(`export.${key}`, { defaultValue: english });
  return {
    importance: respondent('importance'),
    proficiency: respondent('proficiency'),
    otherCountry: respondent('otherCountry'),
    chosen: w('chosen', 'chosen'),
    notChosen: w('notChosen', 'not chosen'),
    yes: w('yes', 'yes'),
    no: w('no', 'no'),
    meta: {
      response_id: w('responseId', 'Response number'),
      collector: w('collector', 'Collector (partner link); empty = the direct link'),
      language: w('language', 'Language the questionnaire was answered in'),
      submitted_on: w('submittedOn', 'Day the response was sent'),
      questionnaire_version: w('questionnaireVersion', 'Questionnaire version answered'),
      is_demo: w('isDemo', 'Synthetic demo response'),
    },
  };
}
