import fc from 'fast-check';
import { TEXT_LANGUAGES, type TextLanguage } from '../../src/i18n/languages';
import type { Condition, LocalizedText, Question, QuestionnaireInput } from '../../src/questionnaires/schema';
import { buildQuestionnaire } from './factories';

/**
 * Random valid questionnaires for property tests: every question type, texts in several languages (quotes, markup,
 * line breaks, Cyrillic, emoji), optional hints, intros, descriptions, limits and conditions on earlier questions of
 * every kind the schema knows. Texts exist only in the questionnaire's own languages.
 */
const CHARS = fc.constantFrom(...'abcxyz ABC 019 \'"<>&=;:.,!?-_()[]/\\\n'.split(''), 'é', 'ß', 'ж', 'Щ', 'ñ', '€', '😀', 'ł');
const textValue = fc.array(CHARS, { minLength: 1, maxLength: 24 }).map((cs) => cs.join('').trim()).filter((s) => s.length > 0);
const id = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const ids = (min: number, max: number) => fc.uniqueArray(id, { minLength: min, maxLength: max });
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
const COUNTRIES = ['BG', 'ES', 'IT', 'SI', 'FI', 'SE', 'PT', 'PL', 'DE', 'FR', 'RO', 'NL'];

function localized(langs: readonly TextLanguage[]): fc.Arbitrary<LocalizedText> {
  return fc
    .subarray([...langs], { minLength: 1 })
    .chain((chosen) => fc.tuple(...chosen.map(() => textValue)).map((texts) => Object.fromEntries(chosen.map((l, i) => [l, texts[i]])) as LocalizedText));
}

/** A question before its condition is drawn (Omit distributed over the union, so each type keeps its fields). */
type Draft = Question extends infer Q ? (Q extends Question ? Omit<Q, 'showIf'> : never) : never;

function question(langs: readonly TextLanguage[], qid: string, areas: string[]): fc.Arbitrary<Draft> {
  const text = localized(langs);
  const base = { id: fc.constant(qid), label: text, help: fc.option(text, { nil: undefined }), required: fc.boolean() };
  const options = ids(2, 5).chain((optionIds) => fc.tuple(...optionIds.map(() => text)).map((labels) => optionIds.map((o, i) => ({ id: o, label: labels[i]! }))));
  const kinds: fc.Arbitrary<Draft>[] = [
    fc.record({ ...base, type: fc.constant('single' as const), options }),
    fc.record({ ...base, type: fc.constant('multiple' as const), options, maxChoices: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) }),
    fc.record({ ...base, type: fc.constant('likert' as const), points: fc.array(text, { minLength: 2, maxLength: 11 }) }),
    fc.record({ ...base, type: fc.constant('number' as const), integer: fc.boolean(), min: fc.option(finite, { nil: undefined }), max: fc.option(finite, { nil: undefined }) }).map((q) => (q.min !== undefined && q.max !== undefined && q.min > q.max ? { ...q, min: q.max, max: q.min } : q)),
    fc.record({ ...base, type: fc.constant('text' as const), maxLength: fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 10_000 })), multiline: fc.boolean() }),
    fc.record({ ...base, type: fc.constant('country' as const), countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 5 }), allowOther: fc.boolean() }),
  ];
  if (areas.length) kinds.push(fc.record({ ...base, type: fc.constant('competence' as const), area: fc.constantFrom(...areas) }));
  return fc.oneof(...kinds).map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Draft);
}

/** A condition on `target` that the schema accepts and that means something for its type. */
function conditionOn(target: Draft): fc.Arbitrary<Condition> {
  const answered = fc.boolean().map((a): Condition => ({ question: target.id, answered: a }));
  const values: fc.Arbitrary<string | number> | undefined =
    target.type === 'single' || target.type === 'multiple' ? fc.constantFrom(...target.options.map((o) => o.id))
    : target.type === 'likert' ? fc.integer({ min: 1, max: target.points.length })
    : target.type === 'number' ? finite
    : target.type === 'country' ? fc.constantFrom(...target.countries, ...(target.allowOther ? ['other'] : []))
    : target.type === 'text' ? id
    : target.type === 'competence' ? fc.constant('na')
    : undefined;
  if (!values) return answered;
  return fc.oneof(
    answered,
    values.map((v): Condition => ({ question: target.id, equals: v })),
    fc.array(values, { minLength: 2, maxLength: 3 }).map((vs): Condition => ({ question: target.id, in: vs })),
  );
}

export function questionnaireArbitrary(): fc.Arbitrary<ReturnType<typeof buildQuestionnaire>> {
  return fc
    .record({
      langs: fc.uniqueArray(fc.constantFrom(...TEXT_LANGUAGES), { minLength: 1, maxLength: 4 }),
      areaIds: ids(0, 3),
      pageIds: ids(1, 4),
      questionIds: ids(1, 12),
      points: fc.integer({ min: 3, max: 11 }),
    })
    .chain(({ langs, areaIds, pageIds, questionIds, points }) => {
      const text = localized(langs);
      const drafts = fc.tuple(...questionIds.map((qid) => question(langs, qid, areaIds)));
      return fc.record({
        id: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        title: text,
        description: fc.option(text, { nil: undefined }),
        purpose: text,
        areas: fc.tuple(...areaIds.map((a) => fc.record({ id: fc.constant(a), label: text, description: fc.option(text, { nil: undefined }) }))),
        withScales: fc.boolean(),
        scales: fc.record({ importance: fc.record({ label: text, points: fc.array(text, { minLength: points, maxLength: points }) }), proficiency: fc.record({ label: text, points: fc.array(text, { minLength: points, maxLength: points }) }), notApplicable: text }),
        pages: fc.tuple(...pageIds.map((p) => fc.record({ id: fc.constant(p), title: text, intro: fc.option(text, { nil: undefined }) }))),
        questions: drafts.chain((qs) => fc.tuple(fc.constant(qs), fc.tuple(...qs.map((q) => conditionOn(q))))),
        conditions: fc.array(fc.tuple(fc.boolean(), fc.nat()), { minLength: questionIds.length, maxLength: questionIds.length }),
      }).map((r) => {
        // Each question may depend on an earlier one; the pages split the questions in order, none empty.
        const [drafted, conditions] = r.questions;
        const questions: Question[] = drafted.map((q, i) => {
          const [use, pick] = r.conditions[i]!;
          if (!use || i === 0) return q as Question;
          return { ...q, showIf: conditions[pick % i]! } as Question;
        });
        const pageCount = Math.min(r.pages.length, questions.length);
        const pages = r.pages.slice(0, pageCount).map((p, k) => {
          const from = Math.floor((k * questions.length) / pageCount);
          const to = Math.floor(((k + 1) * questions.length) / pageCount);
          return { ...strip(p), questions: questions.slice(from, to) };
        });
        const hasCompetence = questions.some((q) => q.type === 'competence');
        const input: QuestionnaireInput = {
          id: r.id,
          title: r.title,
          description: r.description,
          purpose: r.purpose,
          defaultLanguage: langs[0]!,
          languages: langs,
          areas: r.areas.map(strip),
          // Explicitly absent: buildQuestionnaire would otherwise keep its own default scales.
          competenceScales: hasCompetence || r.withScales ? r.scales : undefined,
          pages,
        };
        return buildQuestionnaire(input);
      });
    });
}

const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
