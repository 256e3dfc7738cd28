import type { Answers, AnswerValue } from './answers-schema';
import type { Condition, Question } from './schema';

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Whether `condition` holds for the answers given so far. A multiple-choice answer "equals" x when it includes x. */
export function conditionHolds(condition: Condition, answers: Answers): boolean {
  const value = answers[condition.question];
  if ('answered' in condition) return isAnswered(value) === condition.answered;
  if (!isAnswered(value)) return false;
  const given = Array.isArray(value) ? value : [value];
  if ('equals' in condition) return given.some((v) => v === condition.equals);
  return given.some((v) => (condition.in as unknown[]).includes(v));
}

export function isVisible(question: Question, answers: Answers): boolean {
  return !question.showIf || conditionHolds(question.showIf, answers);
}
