import type { Answers } from '../questionnaires/answers-schema';
import { localize } from '../i18n';
import type { Question, Questionnaire } from '../questionnaires/schema';

/**
 * Plausible synthetic respondents for demonstrations and benchmarks. Each partner country has its own need
 * profile (areas where its youth workers feel less able), experience raises proficiency, and a few answers are
 * "not applicable", so a reader of the demo report can discover real-looking differences between countries.
 */

export interface DemoPartner {
  collector: string;
  label: string;
  country: string;
  lang: string;
  /** Relative size of the partner's sample. */
  weight: number;
  /** Areas where this country's youth workers feel notably less (positive) or more (negative) able. */
  proficiencyShift: Record<string, number>;
}

export const DEMO_PARTNERS: DemoPartner[] = [
  { collector: 'sofia', label: 'Sofia (BG)', country: 'BG', lang: 'bg', weight: 1.2, proficiencyShift: { resources: 0.9, evaluating: 0.8, networking: 0.5 } },
  { collector: 'bologna', label: 'Bologna (IT)', country: 'IT', lang: 'it', weight: 1.1, proficiencyShift: { inclusion: 0.8, designing: 0.4 } },
  { collector: 'valencia', label: 'Valencia (ES)', country: 'ES', lang: 'es', weight: 1, proficiencyShift: { inclusion: 0.6, intercultural: -0.3, evaluating: 0.5 } },
  { collector: 'ljubljana', label: 'Ljubljana (SI)', country: 'SI', lang: 'sl', weight: 0.8, proficiencyShift: { networking: 0.9, civic: 0.4 } },
  { collector: 'tampere', label: 'Tampere (FI)', country: 'FI', lang: 'fi', weight: 0.9, proficiencyShift: { facilitating: -0.6, intercultural: 0.7 } },
  { collector: 'porto', label: 'Porto (PT)', country: 'PT', lang: 'pt', weight: 0.9, proficiencyShift: { resources: 0.6, communicating: -0.2 } },
  { collector: 'krakow', label: 'Kraków (PL)', country: 'PL', lang: 'pl', weight: 1, proficiencyShift: { intercultural: 0.9, inclusion: 0.5 } },
  { collector: 'leipzig', label: 'Leipzig (DE)', country: 'DE', lang: 'de', weight: 1, proficiencyShift: { designing: -0.5, resources: -0.4, civic: 0.3 } },
  { collector: 'lyon', label: 'Lyon (FR)', country: 'FR', lang: 'fr', weight: 1, proficiencyShift: { evaluating: 0.7, teamwork: 0.3 } },
  { collector: 'cluj', label: 'Cluj-Napoca (RO)', country: 'RO', lang: 'ro', weight: 0.9, proficiencyShift: { resources: 1, networking: 0.6, evaluating: 0.5 } },
  { collector: 'rotterdam', label: 'Rotterdam (NL)', country: 'NL', lang: 'nl', weight: 0.8, proficiencyShift: { facilitating: -0.5, inclusion: -0.4, civic: 0.4 } },
  { collector: 'malmo', label: 'Malmö (SE)', country: 'SE', lang: 'sv', weight: 0.6, proficiencyShift: { intercultural: -0.6, evaluating: 0.3 } },
];

/** Mean importance per area across the partnership (inclusion and communication matter most to these workers). */
const AREA_IMPORTANCE: Record<string, number> = {
  facilitating: 4.2, designing: 3.9, resources: 3.6, teamwork: 4.1, communicating: 4.5,
  intercultural: 4.2, networking: 3.7, evaluating: 3.8, civic: 3.5, inclusion: 4.6,
};

/** mulberry32: a small, fast, seeded PRNG so `--seed 1` always gives the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoResponse {
  collector: string;
  lang: string;
  answers: Answers;
}

/** A rating rounded onto a scale of `points` points (5 unless said). */
const clamp = (x: number, points = 5) => Math.min(points, Math.max(1, Math.round(x)));

export function createDemoGenerator(q: Questionnaire, seed: number) {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const weighted = <T>(list: readonly T[], weights: readonly number[]): T => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < list.length; i++) if ((r -= weights[i]!) < 0) return list[i]!;
    return list[list.length - 1]!;
  };
  const partnerWeights = DEMO_PARTNERS.map((p) => p.weight);
  const questions = q.pages.flatMap((p) => p.questions);
  // the need profiles are written for 5 points: other scales get them stretched over their own range
  const points = q.competenceScales?.importance.points.length ?? 5;
  const onScale = (x: number) => (points === 5 ? x : 1 + ((x - 1) * (points - 1)) / 4);
  const areaLabel = (area: string, lang: string) => localize(q.areas.find((a) => a.id === area)?.label, lang, q.defaultLanguage).text;

  // A stream of its own, so the other answers of a seed stay what they were before languages were added.
  const languageRandom = seededRandom(seed + 0x1a96);
  /** Mostly the partner's own language, often English, sometimes any other option (every shipped language). */
  function trainingLanguage(ids: readonly string[], partner: DemoPartner): string | undefined {
    const own = ids.find((id) => id === `lang_${partner.lang}`);
    const english = ids.find((id) => id === 'lang_en');
    const r = languageRandom();
    if (own && r < 0.7) return own;
    if (english && r < 0.85) return english;
    return ids[Math.floor(languageRandom() * ids.length)];
  }

  function choose(question: Question, experience: number, partner: DemoPartner): Answers[string] | undefined {
    switch (question.type) {
      case 'country':
        return partner.country;
      case 'single': {
        const ids = question.options.map((o) => o.id);
        if (question.id === 'experience') return ids[Math.min(ids.length - 1, experience)];
        if (question.id === 'training_language') return trainingLanguage(ids, partner);
        return weighted(ids, ids.map((_, i) => 1 / (i + 1)));
      }
      case 'multiple': {
        const chosen = question.options.filter((_, i) => random() < 0.55 / (1 + i * 0.15)).map((o) => o.id);
        return chosen.length ? chosen.slice(0, question.maxChoices ?? chosen.length) : [question.options[0]!.id];
      }
      case 'likert':
        return clamp(question.points.length * 0.6 + (normal() * 1.1 * question.points.length) / 5, question.points.length);
      case 'number':
        return Math.round(Math.min(question.max ?? 40, Math.max(question.min ?? 0, 20 + normal() * 10)));
      default:
        return undefined;
    }
  }

  /** One respondent; answers are generated in questionnaire order so showIf conditions see earlier answers. */
  function next(): DemoResponse {
    const partner = weighted(DEMO_PARTNERS, partnerWeights);
    const experience = Math.floor(random() * 4);
    const ability = normal() * 0.5 + experience * 0.25;
    const emphasis = normal() * 0.45; // some respondents rate everything as more important than others do
    const answers: Answers = {};
    const gaps: { area: string; gap: number }[] = [];
    for (const question of questions) {
      if (question.showIf) {
        const given = answers[question.showIf.question];
        const cond = question.showIf;
        const holds = 'in' in cond ? cond.in.includes(given as string) : 'equals' in cond ? given === cond.equals : given !== undefined;
        if (!holds) continue;
      }
      if (question.type === 'competence') {
        if (random() < 0.04) {
          answers[question.id] = 'na';
          continue;
        }
        const importance = clamp(onScale((AREA_IMPORTANCE[question.area] ?? 4) + emphasis + normal() * 0.6), points);
        const proficiency = clamp(onScale(3.1 + ability - (partner.proficiencyShift[question.area] ?? 0) + normal() * 0.65), points);
        answers[question.id] = { importance, proficiency };
        gaps.push({ area: question.area, gap: importance - proficiency });
      } else if (question.type === 'text') {
        if (question.id === 'top_topics' && random() < 0.35) {
          const top = [...new Set(gaps.sort((a, b) => b.gap - a.gap).map((g) => g.area))].slice(0, 3);
          answers[question.id] = top.map((a) => areaLabel(a, partner.lang)).join('; ').slice(0, question.maxLength);
        }
      } else {
        const value = choose(question, experience, partner);
        if (value !== undefined && (question.required || random() < 0.9)) answers[question.id] = value;
      }
    }
    return { collector: partner.collector, lang: q.languages.includes(partner.lang as never) ? partner.lang : q.defaultLanguage, answers };
  }

  return { next };
}
