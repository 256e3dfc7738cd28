import type { LocalizedText, Questionnaire } from '../questionnaires/schema';

/** One translatable text of a questionnaire. */
export interface TextUnit {
  /**
   * Stable across versions and reordering because it is built from ids, never positions:
   * "title", "area.inclusion.label", "page.background.title", "question.role.option.volunteer",
   * "question.interest.point.2", "scale.importance.point.5".
   */
  id: string;
  /** JSON path of the text inside the definition, to write a translation back. */
  path: (string | number)[];
  text: LocalizedText;
}

/** Every text of a questionnaire, in the order a reader meets them. */
export function textUnits(q: Questionnaire): TextUnit[] {
  const units: TextUnit[] = [];
  const add = (id: string, path: (string | number)[], text: LocalizedText | undefined) => {
    if (text) units.push({ id, path, text });
  };
  add('title', ['title'], q.title);
  add('description', ['description'], q.description);
  add('purpose', ['purpose'], q.purpose);
  q.areas.forEach((area, a) => {
    add(`area.${area.id}.label`, ['areas', a, 'label'], area.label);
    add(`area.${area.id}.description`, ['areas', a, 'description'], area.description);
  });
  const scales = q.competenceScales;
  if (scales) {
    for (const name of ['importance', 'proficiency'] as const) {
      add(`scale.${name}.label`, ['competenceScales', name, 'label'], scales[name].label);
      scales[name].points.forEach((point, i) => add(`scale.${name}.point.${i + 1}`, ['competenceScales', name, 'points', i], point));
    }
    add('scale.notApplicable', ['competenceScales', 'notApplicable'], scales.notApplicable);
  }
  q.pages.forEach((page, p) => {
    add(`page.${page.id}.title`, ['pages', p, 'title'], page.title);
    add(`page.${page.id}.intro`, ['pages', p, 'intro'], page.intro);
    page.questions.forEach((question, i) => {
      const at = ['pages', p, 'questions', i];
      add(`question.${question.id}.label`, [...at, 'label'], question.label);
      add(`question.${question.id}.help`, [...at, 'help'], question.help);
      if (question.type === 'single' || question.type === 'multiple') {
        question.options.forEach((o, k) => add(`question.${question.id}.option.${o.id}`, [...at, 'options', k, 'label'], o.label));
      }
      if (question.type === 'likert') question.points.forEach((point, k) => add(`question.${question.id}.point.${k + 1}`, [...at, 'points', k], point));
    });
  });
  return units;
}

/** Unit ids that occur more than once (page or area ids are not checked for uniqueness by the schema). */
export function duplicateUnitIds(units: readonly TextUnit[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const u of units) (seen.has(u.id) ? duplicates : seen).add(u.id);
  return [...duplicates];
}

/** A deep copy of `q` with `texts` (unit id → text) written in `lang`; ids not in the questionnaire are ignored. */
export function withTexts(q: Questionnaire, lang: string, texts: ReadonlyMap<string, string>): Questionnaire {
  const copy = JSON.parse(JSON.stringify(q)) as Questionnaire;
  for (const unit of textUnits(copy)) {
    const text = texts.get(unit.id);
    if (text !== undefined) (unit.text as Record<string, string>)[lang] = text;
  }
  return copy;
}
