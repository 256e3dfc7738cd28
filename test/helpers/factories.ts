import fs from 'node:fs';
import path from 'node:path';
import { QuestionnaireSchema, type Questionnaire, type QuestionnaireInput } from '../../src/questionnaires/schema';
import type { Answers } from '../../src/questionnaires/answers-schema';

/** A small valid questionnaire with one question of every type; override any top-level field. */
export function buildQuestionnaire(overrides: Partial<QuestionnaireInput> = {}): Questionnaire {
  const input: QuestionnaireInput = {
    id: 'test-survey',
    title: { en: 'Test survey', bg: 'Тестово проучване' },
    purpose: { en: 'To test.', bg: 'За тест.' },
    defaultLanguage: 'en',
    languages: ['en', 'bg'],
    areas: [{ id: 'facilitating', label: { en: 'Facilitating learning', bg: 'Улесняване на ученето' } }],
    competenceScales: {
      importance: { label: { en: 'Importance' }, points: [1, 2, 3, 4, 5].map((n) => ({ en: `I${n}` })) },
      proficiency: { label: { en: 'Proficiency' }, points: [1, 2, 3, 4, 5].map((n) => ({ en: `P${n}` })) },
      notApplicable: { en: 'Not applicable' },
    },
    pages: [
      {
        id: 'background',
        title: { en: 'Background', bg: 'Профил' },
        questions: [
          { id: 'country', type: 'country', label: { en: 'Country', bg: 'Държава' }, countries: ['BG', 'SI', 'IT'], required: true },
          {
            id: 'role',
            type: 'single',
            required: true,
            label: { en: 'Role', bg: 'Роля' },
            options: [
              { id: 'paid', label: { en: 'Paid', bg: 'Платен' } },
              { id: 'volunteer', label: { en: 'Volunteer', bg: 'Доброволец' } },
            ],
          },
          { id: 'hours', type: 'number', label: { en: 'Hours a week' }, min: 0, max: 80, integer: true, showIf: { question: 'role', equals: 'paid' } },
          {
            id: 'settings',
            type: 'multiple',
            label: { en: 'Settings', bg: 'Среди' },
            options: [
              { id: 'centre', label: { en: 'Youth centre' } },
              { id: 'street', label: { en: 'Street work' } },
              { id: 'online', label: { en: 'Online' } },
            ],
          },
        ],
      },
      {
        id: 'competences',
        title: { en: 'Competences', bg: 'Компетентности' },
        questions: [
          { id: 'fac_1', type: 'competence', area: 'facilitating', required: true, label: { en: 'Safe learning spaces', bg: 'Безопасна среда' } },
          { id: 'fac_2', type: 'competence', area: 'facilitating', required: true, label: { en: 'Reflection', bg: 'Рефлексия' } },
          { id: 'interest', type: 'likert', label: { en: 'Interest' }, points: [{ en: 'Low' }, { en: 'Mid' }, { en: 'High' }] },
          { id: 'comment', type: 'text', label: { en: 'Anything else' }, maxLength: 50 },
        ],
      },
    ],
    ...overrides,
  };
  return QuestionnaireSchema.parse(input);
}

export function validAnswers(overrides: Partial<Answers> = {}): Answers {
  return {
    country: 'BG',
    role: 'paid',
    hours: 20,
    settings: ['centre', 'online'],
    fac_1: { importance: 5, proficiency: 2 },
    fac_2: 'na',
    interest: 3,
    comment: 'More training on street work',
    ...overrides,
  };
}

export const DEFAULT_QUESTIONNAIRE_FILE = path.resolve(__dirname, '../../db/questionnaires/youth-worker-tna.json');
export const defaultQuestionnaireText = () => fs.readFileSync(DEFAULT_QUESTIONNAIRE_FILE, 'utf8');

/** Random valid questionnaires for property tests (round trips through other formats). */
export { questionnaireArbitrary } from './questionnaire-arbitrary';
