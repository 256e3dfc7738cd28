import type { Db } from '../../shared/db';
import { localize } from '../../i18n';
import type { Answers } from '../../questionnaires/answers-schema';
import type { SurveyService } from '../../surveys/service';
import { createExportRepo, type ResponseRow } from './repo';
import type { ExportRecord, ExportScope, ExportSet } from './schema';
import { buildVariables } from './variables';
import { exportWords } from './words';
import { createWaveService } from '../../waves/service';

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

/** A stored response; its answers are parsed from the JSON only when a cell needs them (coded.ts reads the codes). */
class StoredRecord implements ExportRecord {
  readonly id: number;
  readonly collectorId: string | null;
  readonly lang: string;
  readonly submittedOn: string;
  readonly version: number;
  readonly isDemo: boolean;
  readonly wave: string;
  readonly codesHex: string;
  readonly json: string;
  private parsed: Answers | undefined;

  constructor(row: ResponseRow) {
    this.id = row.id;
    this.collectorId = row.collector_id;
    this.lang = row.lang;
    this.submittedOn = row.submitted_on;
    this.version = row.version;
    this.isDemo = row.is_demo === 1;
    this.wave = row.wave;
    this.codesHex = row.codes;
    this.json = row.answers;
  }

  get answers(): Answers {
    return (this.parsed ??= JSON.parse(this.json) as Answers);
  }
}

const toRecord = (row: ResponseRow): ExportRecord => new StoredRecord(row);

export function createExportService({ db, surveys, ownConnection = false }: ExportDeps) {
  const repo = createExportRepo(db);
  const waves = createWaveService(db);
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
      waves: waves.list(surveyId), // issue 14: waves
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
    return { surveyId, title, version: survey.current.version, lang: labelLang, variables, layout: survey.current.layout, rows };
  }

  return { prepare };
}
export type ExportService = ReturnType<typeof createExportService>;
