import type { Db } from '../shared/db';
import { sha256 } from '../shared/crypto';
import type { AuthService } from '../auth/service';
import type { AuthUser } from '../auth/schema';
import { createQuestionnaireRepo } from '../questionnaires/repo';
import type { Questionnaire } from '../questionnaires/schema';
import type { ImportResult, QuestionnaireService } from '../questionnaires/service';
import type { SurveyService } from '../surveys/service';
import { fromQuestionnaire } from './from-questionnaire';
import { readWorkbook } from './read';
import type { FormController, FormFormat, FormReadResult } from './schema';
import { toQuestionnaire } from './to-questionnaire';
import { writeCsv, writeXlsx } from './write';

/** What publishing a checked form will do, shown before the admin confirms. */
export interface PublishPlan {
  outcome: 'created' | 'unchanged' | 'new_version' | 'replaced';
  version: number;
}

/** Reads a spreadsheet file (.xlsx or CSV) into a checked questionnaire, or every located problem. */
export async function readForm(data: Buffer, fileName: string): Promise<FormReadResult> {
  const read = await readWorkbook(data, fileName);
  return read.ok ? toQuestionnaire(read.workbook, fileName) : read;
}

/** File name of a downloaded form: the survey id and the version, e.g. youth-worker-tna-v3.xlsx. */
export const formFileName = (surveyId: string, version: number, format: FormFormat) => `${surveyId}-v${version}.${format}`;

export function createFormService(db: Db, deps: { questionnaires: QuestionnaireService; surveys: SurveyService; auth: AuthService }) {
  const repo = createQuestionnaireRepo(db);

  /** The outcome the questionnaire import will have (same rules, src/questionnaires/service.ts), without storing anything. */
  function plan(q: Questionnaire): PublishPlan {
    const latest = repo.latest(q.id);
    if (!latest) return { outcome: 'created', version: 1 };
    if (latest.hash === sha256(JSON.stringify(q))) return { outcome: 'unchanged', version: latest.version };
    if (repo.hasResponses(q.id, latest.version)) return { outcome: 'new_version', version: latest.version + 1 };
    return { outcome: 'replaced', version: latest.version };
  }

  /**
   * Publishes a checked definition through the questionnaire import, which validates it again and keeps a version
   * with responses frozen (a changed form becomes a new version). The controller fills a survey the form creates.
   */
  function publish(actor: Pick<AuthUser, 'id' | 'email'> | 'cli', json: string, file: string, controller: FormController = {}): ImportResult {
    const result = deps.questionnaires.importText(json, file, controller);
    if (result.ok) deps.auth.audit(actor, 'questionnaire.import', result.id, `version ${result.version} (${result.outcome}) from ${file}`);
    return result;
  }

  /** The current version of a survey's questionnaire as a spreadsheet, with the survey's consent settings. */
  async function exportForm(surveyId: string, format: FormFormat): Promise<{ fileName: string; data: Buffer } | undefined> {
    const survey = deps.surveys.find(surveyId);
    if (!survey) return undefined;
    const workbook = fromQuestionnaire(survey.current.definition, { controllerName: survey.row.controller_name || undefined, controllerContact: survey.row.controller_contact || undefined });
    const data = format === 'xlsx' ? await writeXlsx(workbook) : Buffer.from(writeCsv(workbook), 'utf8');
    return { fileName: formFileName(surveyId, survey.current.version, format), data };
  }

  return { read: readForm, plan, publish, exportForm };
}
export type FormService = ReturnType<typeof createFormService>;
