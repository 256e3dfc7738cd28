import { buildQuestionnaire } from '../helpers/factories';
import type { Answers } from '../../src/questionnaires/answers-schema';
import type { Questionnaire } from '../../src/questionnaires/schema';

/** Eight competence items in two areas and the four preference questions of the default questionnaire's ids. */
export const ITEMS = ['fac_1', 'fac_2', 'fac_3', 'fac_4', 'net_1', 'net_2', 'net_3', 'net_4'] as const;
const area = (id: string) => (id.startsWith('fac') ? 'facilitating' : 'networking');

export function planQuestionnaire(): Questionnaire {
  return buildQuestionnaire({
    areas: [
      { id: 'facilitating', label: { en: 'Facilitating learning', bg: 'Улесняване на ученето' } },
      { id: 'networking', label: { en: 'Networking and advocating', bg: 'Работа в мрежа и застъпничество' } },
    ],
    pages: [
      {
        id: 'background',
        title: { en: 'Background', bg: 'Профил' },
        questions: [
          {
            id: 'role',
            type: 'single',
            required: true,
            label: { en: 'Role', bg: 'Роля' },
            options: [
              { id: 'paid', label: { en: 'Paid youth worker', bg: 'Платен младежки работник' } },
              { id: 'volunteer', label: { en: 'Volunteer', bg: 'Доброволец' } },
            ],
          },
        ],
      },
      {
        id: 'competences',
        title: { en: 'Competences', bg: 'Компетентности' },
        questions: ITEMS.map((id, i) => ({ id, type: 'competence' as const, area: area(id), required: true, label: { en: `Competence ${i + 1}`, bg: `Компетентност ${i + 1}` } })),
      },
      {
        id: 'preferences',
        title: { en: 'Training preferences', bg: 'Предпочитания за обучение' },
        questions: [
          {
            id: 'formats',
            type: 'multiple',
            label: { en: 'Formats', bg: 'Формати' },
            options: [
              { id: 'residential', label: { en: 'Residential course', bg: 'Курс с настаняване' } },
              { id: 'online', label: { en: 'Online', bg: 'Онлайн' } },
              { id: 'coaching', label: { en: 'Coaching', bg: 'Коучинг' } },
            ],
          },
          {
            id: 'barriers',
            type: 'multiple',
            label: { en: 'Barriers', bg: 'Пречки' },
            options: [
              { id: 'time', label: { en: 'Time', bg: 'Време' } },
              { id: 'cost', label: { en: 'Cost', bg: 'Цена' } },
            ],
          },
          {
            id: 'training_language',
            type: 'single',
            label: { en: 'Training language', bg: 'Език на обучението' },
            options: [
              { id: 'lang_en', label: { en: 'English', bg: 'Английски' } },
              { id: 'lang_bg', label: { en: 'Bulgarian', bg: 'Български' } },
            ],
          },
          { id: 'international_interest', type: 'likert', label: { en: 'Interest in international training', bg: 'Интерес към международно обучение' }, points: [{ en: 'Low', bg: 'Нисък' }, { en: 'Some', bg: 'Среден' }, { en: 'High', bg: 'Висок' }] },
        ],
      },
    ],
  });
}

/** A small deterministic generator (mulberry32), so that every run seeds the same answers. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` responses through `collector`: every item rated 1..5 (importance leaning high on `hot` items, proficiency
 * low on them), one in ten items not applicable, and preference answers drawn at random.
 */
export function planResponses(collector: string | undefined, n: number, seed: number, hot: readonly string[] = []): { collector?: string; answers: Answers }[] {
  const rnd = random(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  return Array.from({ length: n }, () => {
    const answers: Answers = {
      role: rnd() < 0.5 ? 'paid' : 'volunteer',
      formats: ['residential', 'online', 'coaching'].filter(() => rnd() < 0.5),
      barriers: ['time', 'cost'].filter(() => rnd() < 0.6),
      training_language: rnd() < 0.7 ? 'lang_bg' : 'lang_en',
      international_interest: pick(1, 3),
    };
    for (const id of ITEMS) {
      if (rnd() < 0.1) answers[id] = 'na';
      else answers[id] = hot.includes(id) ? { importance: pick(4, 5), proficiency: pick(1, 3) } : { importance: pick(1, 5), proficiency: pick(1, 5) };
    }
    if ((answers.formats as string[]).length === 0) delete answers.formats;
    if ((answers.barriers as string[]).length === 0) delete answers.barriers;
    return { collector, answers };
  });
}

/**
 * Locus for Focus quadrant I of a set of responses, computed from the raw answers (not through the analysis code):
 * items with mean importance and mean gap at or above the means over all items, ordered by MWDS.
 */
export function quadrantOne(rows: readonly { answers: Answers }[]): string[] {
  const stats = ITEMS.map((id) => {
    const rated = rows.map((r) => r.answers[id]).filter((a): a is { importance: number; proficiency: number } => typeof a === 'object' && a !== null && 'importance' in a);
    const meanI = rated.reduce((s, a) => s + a.importance, 0) / rated.length;
    const meanGap = rated.reduce((s, a) => s + a.importance - a.proficiency, 0) / rated.length;
    return { id, meanI, meanGap, mwds: meanGap * meanI };
  });
  const grandI = stats.reduce((s, x) => s + x.meanI, 0) / stats.length;
  const grandGap = stats.reduce((s, x) => s + x.meanGap, 0) / stats.length;
  return stats
    .filter((x) => x.meanI >= grandI && x.meanGap >= grandGap)
    .sort((a, b) => b.mwds - a.mwds)
    .map((x) => x.id);
}
