import type { Db } from '../shared/db';
import type { AuthService } from '../auth/service';
import { createWaveRepo } from './repo';
import { DEFAULT_WAVE } from './default-wave';
import type { Wave, WaveInfo, WaveRow } from './schema';

/**
 * Waves of a survey (issue 14). Rules, decided once and documented in README "Waves":
 * - a response belongs to the wave open on the day (UTC) it was sent, fixed when it is stored; changing a wave's dates
 *   later never moves responses already sent;
 * - several waves open that day (overlapping dates): the one opened last wins (latest opening day; a wave without
 *   one counts as opened first; the same day: the one added last), so a follow-up wave takes over from an open-ended
 *   baseline without anyone closing it; `wave add` says which waves overlap;
 * - no wave open that day: the default wave (`default`, stored as NULL), which also holds every response stored
 *   before the survey had waves.
 */
export function createWaveService(db: Db, deps: { audit?: AuthService['audit'] } = {}) {
  const repo = createWaveRepo(db);

  const overlaps = (a: Pick<WaveRow, 'opens' | 'closes'>, b: Pick<WaveRow, 'opens' | 'closes'>) =>
    (a.opens ?? '0000-00-00') <= (b.closes ?? '9999-99-99') && (b.opens ?? '0000-00-00') <= (a.closes ?? '9999-99-99');

  /** Adds a wave or changes one; returns the other waves whose dates overlap it (the later-opened one wins there). */
  const save = db.transaction((actor: 'cli' | { id: number; email: string }, surveyId: string, wave: Wave) => {
    const existing = repo.list(surveyId);
    const exists = existing.some((w) => w.id === wave.id);
    repo.save(surveyId, wave, exists);
    deps.audit?.(actor, exists ? 'wave.update' : 'wave.create', `${surveyId}/${wave.id}`, `${wave.opens ?? '-'} .. ${wave.closes ?? '-'}`);
    const mine = { opens: wave.opens ?? null, closes: wave.closes ?? null };
    return { created: !exists, overlapping: existing.filter((w) => w.id !== wave.id && overlaps(w, mine)).map((w) => w.id) };
  });

  function list(surveyId: string): WaveInfo[] {
    return repo.list(surveyId).map(({ id, label, opens, closes }) => ({ id, label, opens, closes }));
  }

  /** A wave by id; `default` is the default wave (its label is the report's to translate, so empty here). */
  function find(surveyId: string, id: string): WaveInfo | undefined {
    if (id === DEFAULT_WAVE) return { id: DEFAULT_WAVE, label: '', opens: null, closes: null };
    return list(surveyId).find((w) => w.id === id);
  }

  return {
    save,
    list,
    find,
    /** Exact responses per wave (`default` included) for the command line and admins. */
    counts: (surveyId: string) => {
      const counts = repo.counts(surveyId);
      return new Map([...counts].map(([wave, n]) => [wave ?? DEFAULT_WAVE, n]));
    },
    /** The wave a response sent today would join. */
    today: (surveyId: string) => repo.today(surveyId) ?? DEFAULT_WAVE,
  };
}
export type WaveService = ReturnType<typeof createWaveService>;
