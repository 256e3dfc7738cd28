import { wilsonInterval } from './stats';
import type { Accumulated, GroupCounts } from './accumulate';
import type { Count, Frequency, FrequencyOption } from './schema';

/** Labels of a question and its options in the report language, supplied by the caller. */
export interface LabelSource {
  question: (id: string) => string;
  option: (questionId: string, value: string | number) => string;
  page: (questionId: string) => string;
}

/** A count below minCell, shown as "<minCell". */
export const smallCount = (minCell: number) => ({ suppressed: true as const, reason: 'small_cell' as const, below: minCell });
export const disclosedCount = (n: number, minCell: number): Count => (n > 0 && n < minCell ? smallCount(minCell) : n);

function option(id: string, label: string, perturbed: number, n: number, minCell: number): FrequencyOption {
  // perturbed counts of one table need not add up: an option may be counted above the perturbed number answering
  const count = Math.min(perturbed, n);
  const hidden = count > 0 && count < minCell;
  return {
    id,
    label,
    count: disclosedCount(count, minCell),
    share: hidden ? smallCount(minCell) : n ? count / n : 0,
    ci95: hidden ? smallCount(minCell) : wilsonInterval(count, n),
  };
}

/** Frequencies with Wilson 95% intervals for every closed single, multiple, likert and country question. */
export function summarizeFrequencies(acc: Accumulated, total: GroupCounts, labels: LabelSource, minCell: number): Frequency[] {
  const choices = acc.plan.choices.map((field, c): Frequency => {
    const counts = total.choices[c]!;
    // Those who answered: the sample size less those who did not, each perturbed on its own, never the sum of the
    // options shown (a total that is the sum of its cells gives a hidden cell away by subtraction).
    const n = Math.max(0, total.n - counts[0]!);
    return {
      questionId: field.question.id,
      label: labels.question(field.question.id),
      type: field.question.type as Frequency['type'],
      page: labels.page(field.question.id),
      n,
      options: field.values
        .map((value, k) => option(String(value), labels.option(field.question.id, value), counts[k + 1]!, n, minCell))
        .filter((o) => field.question.type !== 'country' || o.count !== 0),
    };
  });
  const multis = acc.plan.multis.map((field, m): Frequency => {
    const counts = total.multis[m]!;
    const n = counts[0]!;
    return {
      questionId: field.question.id,
      label: labels.question(field.question.id),
      type: 'multiple',
      page: labels.page(field.question.id),
      n,
      options: field.values.map((value, k) => option(value, labels.option(field.question.id, value), counts[k + 1]!, n, minCell)),
    };
  });
  const offset = new Map([...acc.plan.choices, ...acc.plan.multis].map((f) => [f.question.id, f.offset]));
  return [...choices, ...multis].sort((a, b) => offset.get(a.questionId)! - offset.get(b.questionId)!);
}
