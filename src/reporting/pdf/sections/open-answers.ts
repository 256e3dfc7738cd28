import type { PdfContext } from '../context';
import { cleanText } from '../format';
import { heading, listItem, note, paragraph, section } from '../layout';
import { SIZE } from '../theme';

/** Free-text answers the viewer may read (`shown`), printed as plain text, with a note when the list was cut. */
export function openAnswers(ctx: PdfContext): void {
  const { report, t, fmt } = ctx;
  const questions = report.openAnswers.filter((q) => q.shown);
  if (questions.length === 0) return;
  section(ctx, t('open.title'));
  paragraph(ctx, t('open.intro'));
  for (const question of questions) {
    heading(ctx, cleanText(question.label), { size: SIZE.h3 });
    const answers = question.answers.map(cleanText).filter(Boolean);
    if (answers.length === 0) {
      note(ctx, t('open.none'));
      continue;
    }
    note(ctx, answers.length < question.total ? t('open.truncated', { shown: fmt.int(answers.length), total: fmt.int(question.total) }) : t('open.count', { count: question.total, n: fmt.int(question.total) }));
    for (const answer of answers) listItem(ctx, '•', answer, { size: SIZE.table, markerWidth: 12 });
  }
}
