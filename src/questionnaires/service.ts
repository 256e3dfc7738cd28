import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../shared/db';
import { sha256 } from '../shared/crypto';
import { buildLayout, type Layout } from './codebook';
import { createQuestionnaireRepo } from './repo';
import type { DefinitionProblem, Questionnaire } from './schema';
import { createSurveyRepo } from '../surveys/repo';
import { fromRoot } from '../shared/paths';

export const SHIPPED_DIR = fromRoot('db', 'questionnaires');

/** A questionnaire version with what is derived from it once and reused for every request. */
export interface LoadedVersion {
  id: string;
  version: number;
  definition: Questionnaire;
  layout: Layout;
}

export type ImportResult =
  | { ok: true; id: string; version: number; outcome: 'created' | 'unchanged' | 'new_version' | 'replaced' }
  | { ok: false; problems: DefinitionProblem[] };

export function createQuestionnaireService(db: Db) {
  const repo = createQuestionnaireRepo(db);
  const surveys = createSurveyRepo(db);
  const cache = new Map<string, { hash: string; loaded: LoadedVersion }>();

  /**
   * A version, parsed once and cached. The cache is checked against the stored hash (one small query), because a
   * version without responses may be replaced in place by another process, e.g. `needsmap import`.
   */
  function load(id: string, version: number): LoadedVersion | undefined {
    const key = `${id}@${version}`;
    const cached = cache.get(key);
    if (cached && cached.hash === repo.hashOf(id, version)) return cached.loaded;
    const row = repo.get(id, version);
    if (!row) return undefined;
    const definition = JSON.parse(row.definition) as Questionnaire;
    const loaded = { id, version, definition, layout: buildLayout(definition) };
    cache.set(key, { hash: row.hash, loaded });
    return loaded;
  }

  /**
   * Stores a validated questionnaire. A version that already has responses is frozen: a changed file becomes
   * a new version, which new respondents get; earlier responses keep the version they answered.
   */
  function importText(text: string, file: string, defaults: { controllerName?: string; controllerContact?: string } = {}): ImportResult {
    // The validator (zod) is loaded when a questionnaire is imported, not by every command that opens the database.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const parsed = (require('./schema') as typeof import('./schema')).parseQuestionnaire(text, file);
    if (!parsed.ok) return parsed;
    const q = parsed.questionnaire;
    const definition = JSON.stringify(q);
    const hash = sha256(definition);
    return db.transaction((): ImportResult => {
      const latest = repo.latest(q.id);
      let version = 1;
      let outcome: 'created' | 'unchanged' | 'new_version' | 'replaced' = 'created';
      if (latest && latest.hash === hash) return { ok: true, id: q.id, version: latest.version, outcome: 'unchanged' };
      if (!latest) repo.insert(q.id, 1, definition, hash);
      else if (repo.hasResponses(q.id, latest.version)) {
        version = latest.version + 1;
        outcome = 'new_version';
        repo.insert(q.id, version, definition, hash);
      } else {
        version = latest.version;
        outcome = 'replaced';
        repo.replace(q.id, version, definition, hash);
      }
      if (!surveys.get(q.id)) {
        surveys.insert({
          id: q.id,
          questionnaire_id: q.id,
          version,
          default_lang: q.defaultLanguage,
          controller_name: defaults.controllerName ?? '',
          controller_contact: defaults.controllerContact ?? '',
        });
      } else surveys.setVersion(q.id, version);
      return { ok: true, id: q.id, version, outcome };
    })();
  }

  function importFile(file: string): ImportResult {
    return importText(fs.readFileSync(file, 'utf8'), path.basename(file));
  }

  /**
   * Loads every shipped questionnaire (db/questionnaires/*.json, and *.csv spreadsheet forms in the XLSForm CSV
   * layout, read synchronously): on first start this creates the default survey.
   * A file is imported again only when the file itself changed since it was last loaded, so translations or
   * edits imported later (admin page, translator round trip) are not undone at the next start.
   */
  function importShipped(dir = SHIPPED_DIR): ImportResult[] {
    if (!fs.existsSync(dir)) return [];
    const results: ImportResult[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.csv')).sort()) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const fileHash = sha256(text);
      if (repo.shippedHash(file) === fileHash) continue;
      // The spreadsheet-form reader is loaded only when a shipped CSV form changed (every command checks the files).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const form = file.endsWith('.csv') ? (require('../xlsform/shipped') as typeof import('../xlsform/shipped')).shippedFormJson(text, file) : undefined;
      const result = form && !form.ok ? form : importText(form?.json ?? text, file);
      if (result.ok) repo.rememberShipped(file, fileHash);
      results.push(result);
    }
    return results;
  }

  return { load, importText, importFile, importShipped };
}
export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
