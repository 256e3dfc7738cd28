import { QuestionnaireSchema, type Questionnaire } from '../../src/questionnaires/schema';
import type { Answers } from '../../src/questionnaires/answers-schema';
import { seededRandom } from '../../src/demo/generator';

/**
 * A questionnaire on `points`-point competence scales (two areas: 5 and 3 items, or one area of `bigArea` items), a
 * `likertPoints`-point Likert question, an integer and a decimal number question, and seeded answers for it.
 */
export interface ScaleSurvey {
  points: number;
  likertPoints: number;
  bigArea?: number;
}

export const COUNTRIES = ['BG', 'ES', 'SI', 'IT'] as const;

const scale = (points: number, name: string) => ({ label: { en: name, bg: name, es: name }, points: Array.from({ length: points }, (_, i) => ({ en: `${name} ${i + 1}`, bg: `${name} ${i + 1}`, es: `${name} ${i + 1}` })) });
const text = (en: string) => ({ en, bg: `${en} (bg)`, es: `${en} (es)` });

export function areaItems(s: ScaleSurvey): Record<string, string[]> {
  if (s.bigArea) return { big: Array.from({ length: s.bigArea }, (_, i) => `big_${i + 1}`) };
  return { a1: ['a1_1', 'a1_2', 'a1_3', 'a1_4', 'a1_5'], a2: ['a2_1', 'a2_2', 'a2_3'] };
}

export function scaleQuestionnaire(s: ScaleSurvey): Questionnaire {
  const areas = areaItems(s);
  return QuestionnaireSchema.parse({
    id: `scales-${s.points}`,
    title: text(`Scales of ${s.points} points`),
    purpose: text('To test.'),
    defaultLanguage: 'en',
    languages: ['en', 'bg', 'es'],
    areas: Object.keys(areas).map((id) => ({ id, label: text(`Area ${id}`) })),
    competenceScales: { importance: scale(s.points, 'Importance'), proficiency: scale(s.points, 'Proficiency'), notApplicable: text('Not applicable') },
    pages: [
      {
        id: 'background',
        title: text('Background'),
        questions: [
          { id: 'country', type: 'country', label: text('Country'), countries: [...COUNTRIES], allowOther: false, required: true },
          { id: 'role', type: 'single', required: true, label: text('Role'), options: [{ id: 'paid', label: text('Paid') }, { id: 'volunteer', label: text('Volunteer') }] },
          { id: 'hours', type: 'number', label: text('Hours a week'), min: 0, max: 80, integer: true, showIf: { question: 'role', equals: 'paid' } },
          { id: 'distance', type: 'number', label: text('Distance to the training, km'), integer: false },
          { id: 'agree', type: 'likert', label: text('Training helps my work'), points: Array.from({ length: s.likertPoints }, (_, i) => text(`Agree ${i + 1}`)) },
        ],
      },
      {
        id: 'competences',
        title: text('Competences'),
        questions: Object.entries(areas).flatMap(([area, ids]) => ids.map((id) => ({ id, type: 'competence', area, label: text(`Item ${id}`) }))),
      },
    ],
  });
}

/** The demo generator's seeded PRNG, so every run sees the same answers. */
const seeded = seededRandom;

/** Respondents per country: Italy stays under the smallest group allowed (10). */
const SIZES: Record<(typeof COUNTRIES)[number], number> = { BG: 45, ES: 40, SI: 30, IT: 6 };

export function scaleAnswers(s: ScaleSurvey, seed = 1): { answers: Answers; lang: string }[] {
  const random = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const clamp = (x: number, hi: number) => Math.min(hi, Math.max(1, Math.round(x)));
  const rows: { answers: Answers; lang: string }[] = [];
  COUNTRIES.forEach((country, c) => {
    for (let r = 0; r < SIZES[country]; r++) {
      const paid = random() < 0.7;
      const answers: Answers = { country, role: paid ? 'paid' : 'volunteer' };
      if (paid && random() < 0.9) answers.hours = int(0, 80);
      if (random() < 0.85) answers.distance = int(0, 199) / 2; // halves of a km up to 99.5: three significant digits at most
      if (random() < 0.95) answers.agree = clamp(((c + 1) / 5) * s.likertPoints + (random() - 0.5) * s.likertPoints * 0.6, s.likertPoints);
      for (const ids of Object.values(areaItems(s))) {
        for (const id of ids) {
          const u = random();
          if (u < 0.07) answers[id] = 'na';
          else if (u < 0.1) continue;
          else answers[id] = { importance: clamp(s.points * (0.55 + 0.1 * c) + (random() - 0.5) * s.points * 0.5, s.points), proficiency: int(1, s.points) };
        }
      }
      rows.push({ answers, lang: ['en', 'bg', 'es'][r % 3]! });
    }
  });
  return rows;
}
