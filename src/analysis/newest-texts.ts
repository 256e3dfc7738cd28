import type { AnalysisRepo } from './repo';

type Keep = (codes: Uint8Array, collector: string | null, lang: string) => boolean;

interface Kept {
  generation: number;
  /** Every response up to this id was considered. */
  lastId: number;
  /** The survey's highest questionnaire version then. */
  version: number;
  /** The newest `max` answers of the selection, newest first. */
  answers: string[];
}

/**
 * The newest free-text answers of a selection, kept between reports. Responses are only ever added with greater ids
 * (deletions and changes move the data generation of migration 027), and answers are shown newest first by
 * questionnaire version, then id; so while the generation holds and no response arrives for an older version, the
 * newest answers are the new rows' answers followed by the kept ones. Only used when the selection has at least
 * `max` answers: the list is then exactly the newest `max`, whatever the counts' perturbation.
 */
export function createNewestTexts(repo: AnalysisRepo, max: number, capacity = 512) {
  const kept = new Map<string, Kept>();

  function read(surveyId: string, questionId: string, keep: Keep, after: number, upTo: number): string[] {
    const answers: string[] = [];
    for (const [codes, collector, lang, text] of repo.textsBetween(surveyId, questionId, after, upTo)) {
      if (!keep(codes, collector, lang)) continue;
      answers.push(text);
      if (answers.length >= max) break;
    }
    return answers;
  }

  /** The newest `max` answers, or undefined when the selection has fewer (the caller counts them as it reads). */
  function newest(key: string, surveyId: string, questionId: string, version: number, keep: Keep): string[] | undefined {
    const generation = repo.generation();
    const lastId = repo.lastId();
    const found = kept.get(key);
    kept.delete(key);
    const lowest = found ? repo.lowestVersionAfter(surveyId, found.lastId) : null;
    const usable = found && found.generation === generation && (lowest === null || lowest >= found.version);
    const answers = usable ? [...read(surveyId, questionId, keep, found.lastId, lastId), ...found.answers].slice(0, max) : read(surveyId, questionId, keep, 0, lastId);
    if (answers.length < max) return undefined;
    kept.set(key, { generation, lastId, version, answers });
    if (kept.size > capacity) kept.delete(kept.keys().next().value!);
    return answers;
  }

  return { newest };
}
