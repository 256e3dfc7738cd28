import type { Db } from '../../shared/db';
import { localize } from '../../i18n';
import type { Answers } from '../../questionnaires/answers-schema';
import type { SurveyService } from '../../surveys/service';
import { createExportRepo, type ResponseRow } from './repo';
import type { ExportRecord, ExportScope, ExportSet } from './schema';
import { buildVariables } from './variables';
import { exportWords } from './words';

/** Rows read per query: a few megabytes at most, whatever the number of responses. */
export const PAGE_SIZE = 500;

export interface ExportDeps {
  db: Db;
  surveys: SurveyService;
  /**
   * True when no one else writes through `db` (the command line's own connection): rows are then read with one
   * iterator instead of pages. A read-only connection (a report worker's) counts as one.
   */
  ownConnection?: boolean;
}

export interface ExportRequest {
  surveyId: string;
  /** Language of the labels; the survey's default language when absent. */
  lang?: string;
  scope: ExportScope;
}

function toRecord(row: ResponseRow): ExportRecord {
  return {
    id: row.id,
    collectorId: row.collector_id,
    lang: row.lang,
    submittedOn: row.submitted_on,
    version: row.version,
    isDemo: row.is_demo === 1,
    answers: JSON.parse(row.answers) as Answers,
  };
}

export function createExportService({ db, surveys, ownConnection = false }: ExportDeps) {
  const repo = createExportRepo(db);
  const stream = ownConnection || db.readonly;

  /**
   * The export of a survey for one caller, or undefined for an unknown survey. Variables derive from the survey's
   * current questionnaire version; rows of every version are included (`questionnaire_version` tells them apart).
   */
  function prepare({ surveyId, lang, scope }: ExportRequest): ExportSet | undefined {
    const survey = surveys.find(surveyId);
    if (!survey) return undefined;
    const definition = survey.current.definition;
    const labelLang = lang ?? survey.row.default_lang;
    const inScope = (id: string) => scope.collectors === 'all' || scope.collectors.includes(id);
    const variables = buildVariables(definition, {
      lang: labelLang,
      words: exportWords(labelLang),
      includeFreeText: scope.includeFreeText,
      collectors: surveys.collectors(surveyId).filter((c) => inScope(c.id)),
    });
    function* rows(): Generator<ExportRecord> {
      if (stream) {
        for (const row of repo.iterate(surveyId, scope.collectors)) yield toRecord(row);
        return;
      }
      let after = 0;
      for (;;) {
        const page = repo.page(surveyId, scope.collectors, after, PAGE_SIZE);
        for (const row of page) yield toRecord(row);
        if (page.length < PAGE_SIZE) return;
        after = page[page.length - 1]!.id;
      }
    }
    const title = localize(definition.title, labelLang, definition.defaultLanguage).text;
    return { surveyId, title, version: survey.current.version, lang: labelLang, variables, rows };
  }

  return { prepare };
}
export type ExportService = ReturnType<typeof createExportService>;
