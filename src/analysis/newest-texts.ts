import type { AnalysisRepo, TextFlag } from './repo';

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
 * newest answers are the new rows' answers followed by the kept ones: the newest `max` of the selection, or all of
 * them when it has fewer.
 */
export function createNewestTexts(repo: AnalysisRepo, max: number, capacity = 512) {
  const kept = new Map<string, Kept>();

  function read(surveyId: string, questionId: string, keep: Keep, after: number, upTo: number, flag?: TextFlag): string[] {
    const answers: string[] = [];
    for (const [codes, collector, lang, text] of repo.textsBetween(surveyId, questionId, after, upTo, flag)) {
      if (!keep(codes, collector, lang)) continue;
      answers.push(text);
      if (answers.length >= max) break;
    }
    return answers;
  }

  /** The newest `max` answers of the selection, newest first (all of them when it has fewer). */
  function newest(key: string, surveyId: string, questionId: string, version: number, keep: Keep, flag?: TextFlag): string[] {
    const generation = repo.generation();
    const lastId = repo.lastId();
    const found = kept.get(key);
    kept.delete(key);
    const lowest = found ? repo.lowestVersionAfter(surveyId, found.lastId) : null;
    const usable = found && found.generation === generation && (lowest === null || lowest >= found.version);
    const answers = usable ? [...read(surveyId, questionId, keep, found.lastId, lastId, flag), ...found.answers].slice(0, max) : read(surveyId, questionId, keep, 0, lastId, flag);
    kept.set(key, { generation, lastId, version, answers });
    if (kept.size > capacity) kept.delete(kept.keys().next().value!);
    return answers;
  }

  return { newest };
}
