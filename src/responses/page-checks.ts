import type { AnswerIssue } from '../questionnaires/answers';
import type { Answers } from '../questionnaires/answers-schema';
import { isAnswered, isVisible } from '../questionnaires/conditions';
import type { Question, Questionnaire } from '../questionnaires/schema';

/** A competence answer with "not applicable" ticked and a rating given (src/responses/form.ts keeps both). */
export function isNaConflict(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { na?: unknown }).na === true;
}

/** Competence items of `questions` answered both "not applicable" and with ratings: an error at each item. */
export function naConflicts(questions: readonly Question[], answers: Record<string, unknown>): AnswerIssue[] {
  return questions.filter((q) => q.type === 'competence' && isNaConflict(answers[q.id])).map((q) => ({ questionId: q.id, key: 'na_with_ratings', params: {} }));
}

/** The answers with each conflicting item read as "not applicable", so that validation judges the rest. */
export function withoutConflicts(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, isNaConflict(value) ? 'na' : value]));
}

/**
 * Follow-up questions answered although the answers given do not meet their condition, among those on this page or
 * depending on a question on it: without JavaScript such a question stays on screen, and an answer to it would be
 * dropped. The page asks the respondent to confirm first (or to change the answer the condition depends on).
 */
export function unmetFollowUps(definition: Questionnaire, pageQuestions: readonly Question[], answers: Record<string, unknown>): string[] {
  const onPage = new Set(pageQuestions.map((q) => q.id));
  return definition.pages
    .flatMap((p) => p.questions)
    .filter((q) => q.showIf && (onPage.has(q.id) || onPage.has(q.showIf.question)))
    .filter((q) => isAnswered(answers[q.id] as Answers[string]) && !isVisible(q, answers as Answers))
    .map((q) => q.id);
}
