import type { TFunction } from 'i18next';
import { localize } from '../i18n';
import { nativeLanguageName } from '../i18n/languages';
import type { Questionnaire } from '../questionnaires/schema';
import { buildPreview } from '../admin/view-model';
import { showMessage, type ShownMessage } from './errors';
import type { FormController, FormNotice, FormProblem } from './schema';
import type { PublishPlan } from './service';

/** The upload page with the problems of a refused file, each located, in the admin's language. */
export const problemRows = (t: TFunction, problems: readonly FormProblem[]): ShownMessage[] => problems.map((p) => showMessage(t, p));

/**
 * The check page of a form that passed: what publishing will do, how the sheets were read, and every page in every
 * language of the questionnaire with the texts that fall back to another language flagged (the admin preview).
 */
export function checkPage(t: TFunction, input: { questionnaire: Questionnaire; notices: readonly FormNotice[]; plan: PublishPlan; controller: FormController; file: string; adminLang: string }) {
  const q = input.questionnaire;
  const languages = q.languages.map((code) => {
    const preview = buildPreview(q, code);
    const status = preview.missing ? t('previewMissing', { count: preview.missing }) : t('previewComplete');
    return { code, name: nativeLanguageName(code), preview, missing: preview.missing, summary: t('xlsform.languageSummary', { language: `${nativeLanguageName(code)} (${code})`, status }) };
  });
  return {
    title: localize(q.title, input.adminLang, q.defaultLanguage).text,
    plan: t(`xlsform.plan_${input.plan.outcome}`, { id: q.id, version: input.plan.version }),
    notices: input.notices.map((n) => showMessage(t, n)),
    languages,
    publish: { definition: JSON.stringify(q), file: input.file, controllerName: input.controller.controllerName ?? '', controllerContact: input.controller.controllerContact ?? '' },
  };
}
