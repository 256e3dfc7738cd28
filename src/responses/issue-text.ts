import type { TFunction } from 'i18next';
import { fixedT, localize } from '../i18n';
import type { AnswerIssue } from '../questionnaires/answers';
import type { Questionnaire } from '../questionnaires/schema';

/**
 * The message of an answer issue in `lang`. Messages about competence ratings quote the "not applicable" choice as the
 * form shows it ({{na}}): the questionnaire's own label ("Trifft auf meine Arbeit nicht zu"), never a second wording of
 * the interface's.
 */
export function issueMessage(tErrors: TFunction, questionnaire: Questionnaire, lang: string, issue: Pick<AnswerIssue, 'key' | 'params'>): string {
  const scales = questionnaire.competenceScales;
  const na = scales ? localize(scales.notApplicable, lang, questionnaire.defaultLanguage).text : fixedT(lang, 'respondent')('naOption');
  return tErrors(`validation.${issue.key}`, { na, ...issue.params });
}
