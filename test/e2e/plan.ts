import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { QuestionnaireSchema, type Question, type Questionnaire } from '../../src/questionnaires/schema';
import type { Answers } from '../../src/questionnaires/answers-schema';
import { isVisible } from '../../src/questionnaires/conditions';
import { fieldName } from '../../src/responses/form';
import { DEFAULT_QUESTIONNAIRE_FILE } from '../helpers/factories';

/** One thing a respondent does to a form field; the keyboard and the mouse helpers both replay these. */
export type Step =
  | { kind: 'select'; name: string; value: string }
  | { kind: 'radio'; name: string; index: number; values: string[] }
  | { kind: 'tick'; name: string; value: string }
  | { kind: 'type'; name: string; text: string };

export interface ResponsePlan {
  /** The steps for each questionnaire page, in page order. */
  pages: { id: string; steps: Step[] }[];
  /** What the database must hold once these steps are submitted. */
  answers: Answers;
}

export const loadDefaultQuestionnaire = (): Questionnaire => QuestionnaireSchema.parse(JSON.parse(fs.readFileSync(DEFAULT_QUESTIONNAIRE_FILE, 'utf8')));

const TEXTS = ['Работа с родители и „улична“ младежка работа', 'Повече обучения на български, моля!'];
/** Answers that make the later conditional question appear and match a Bulgarian respondent. */
const PREFERRED: Record<string, string> = { training_recent: 'c1_2', training_language: 'lang_bg' };

/**
 * A complete, varied response to `questionnaire` derived from its definition: every visible question is answered,
 * competence items get different ratings and every ninth is "not applicable".
 */
export function planResponse(questionnaire: Questionnaire): ResponsePlan {
  const answers: Answers = {};
  let competence = 0;
  let text = 0;
  const stepsFor = (q: Question, index: number): Step[] => {
    const name = fieldName(q.id);
    switch (q.type) {
      case 'country': {
        const value = q.countries.includes('BG') ? 'BG' : q.countries[0]!;
        answers[q.id] = value;
        return [{ kind: 'select', name, value }];
      }
      case 'single': {
        const values = q.options.map((o) => o.id);
        const chosen = PREFERRED[q.id] && values.includes(PREFERRED[q.id]!) ? values.indexOf(PREFERRED[q.id]!) : index % values.length;
        answers[q.id] = values[chosen]!;
        return [{ kind: 'radio', name, index: chosen, values }];
      }
      case 'multiple': {
        const chosen = q.options.filter((_, i) => i === 0 || i === 2).map((o) => o.id);
        answers[q.id] = chosen;
        return chosen.map((value) => ({ kind: 'tick', name, value }));
      }
      case 'likert': {
        const values = q.points.map((_, i) => String(i + 1));
        const chosen = Math.min(3, values.length - 1);
        answers[q.id] = chosen + 1;
        return [{ kind: 'radio', name, index: chosen, values }];
      }
      case 'competence': {
        const k = competence++;
        if (k % 9 === 4) {
          answers[q.id] = 'na';
          return [{ kind: 'tick', name: `${name}_na`, value: '1' }];
        }
        const values = ['1', '2', '3', '4', '5'];
        const importance = k % 5;
        const proficiency = (k + 2) % 5;
        answers[q.id] = { importance: importance + 1, proficiency: proficiency + 1 };
        return [
          { kind: 'radio', name: `${name}_i`, index: importance, values },
          { kind: 'radio', name: `${name}_p`, index: proficiency, values },
        ];
      }
      case 'number': {
        const value = q.min ?? 1;
        answers[q.id] = value;
        return [{ kind: 'type', name, text: String(value) }];
      }
      case 'text': {
        const value = TEXTS[text++ % TEXTS.length]!.slice(0, q.maxLength);
        answers[q.id] = value;
        return [{ kind: 'type', name, text: value }];
      }
    }
  };
  const pages = questionnaire.pages.map((page) => ({
    id: page.id,
    steps: page.questions.flatMap((q, i) => (isVisible(q, answers) ? stepsFor(q, i) : [])),
  }));
  return { pages, answers };
}

/** Replays steps with ordinary Playwright actions (mouse and form APIs): for tests about something else than input. */
export async function fillQuickly(page: Page, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    if (step.kind === 'select') await page.selectOption(`select[name="${step.name}"]`, step.value);
    else if (step.kind === 'radio') await page.check(`input[name="${step.name}"][value="${step.values[step.index]}"]`);
    else if (step.kind === 'tick') await page.check(`input[name="${step.name}"][value="${step.value}"]`);
    else await page.fill(`[name="${step.name}"]`, step.text);
  }
}
