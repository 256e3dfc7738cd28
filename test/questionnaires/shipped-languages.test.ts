import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { parseQuestionnaire, type Questionnaire, type QuestionOf } from '../../src/questionnaires/schema';
import { buildLayout, encodeAnswers } from '../../src/questionnaires/codebook';
import { codeTranslator } from '../../src/analysis/translate';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { openDb } from '../../src/shared/db';
import { LANGUAGES, REGISTRY } from '../../src/i18n/languages';
import { buildQuestionViews } from '../../src/responses/view-model';
import { createDemoGenerator } from '../../src/demo/generator';
import { validateAnswers } from '../../src/questionnaires/answers';
import { defaultQuestionnaireText } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';

/** The options of the "preferred training language" question as the first shipped version had them, in code order. */
const FIRST_OPTIONS = ['en', 'bg', 'it', 'es', 'sl', 'fi', 'sv', 'pt', 'pl', 'de', 'fr', 'ro', 'nl'].map((c) => `lang_${c}`).concat('lang_other');

function shipped(): Questionnaire {
  const parsed = parseQuestionnaire(defaultQuestionnaireText(), 'youth-worker-tna.json');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.questionnaire;
}
const question = <T extends 'single' | 'country'>(q: Questionnaire, id: string, type: T) => {
  const found = q.pages.flatMap((p) => p.questions).find((x) => x.id === id);
  if (found?.type !== type) throw new Error(`no ${type} question ${id}`);
  return found as QuestionOf<T>;
};
/** The questionnaire as version 1 stored it: the first 14 language options only. */
function firstVersion(q: Questionnaire): Questionnaire {
  const copy = structuredClone(q);
  const lang = question(copy, 'training_language', 'single');
  lang.options = lang.options.filter((o) => FIRST_OPTIONS.includes(o.id));
  return copy;
}

describe('the shipped questionnaire lists every shipped language', () => {
  const q = shipped();
  const lang = question(q, 'training_language', 'single');

  test('when the training-language question is read, then it offers every shipped language and the codes of the first version are unchanged', () => {
    expect(lang.options.slice(0, FIRST_OPTIONS.length).map((o) => o.id)).toEqual(FIRST_OPTIONS);
    expect(lang.options.map((o) => o.id).sort()).toEqual([...LANGUAGES.map((c) => `lang_${c}`), 'lang_other'].sort());
  });

  test.each(LANGUAGES)('when the page is in %s, then every language option is named in it, distinctly, and the language itself by its own name', (target) => {
    const labels = lang.options.map((o) => o.label[target]);
    expect(labels.every((l) => typeof l === 'string' && l.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
    const own = lang.options.find((o) => o.id === `lang_${target}`)!.label[target]!;
    expect(own.toLocaleLowerCase(target).startsWith(REGISTRY[target].nativeName.toLocaleLowerCase(target))).toBe(true);
    // a list option starts with a capital, as the question's other options do
    for (const l of labels) expect(l![0]).not.toBe(l![0]!.toLocaleLowerCase(target));
    // the name CLDR gives in the target language (European Portuguese), or the one the EU's texts use instead
    const named = new Intl.DisplayNames([target === 'pt' ? 'pt-PT' : target], { type: 'language' });
    const EU_NAMES: Record<string, string> = { 'lv:nl': 'nīderlandiešu', 'lt:nl': 'nyderlandų' };
    const untranslated = lang.options
      .filter((o) => o.id !== 'lang_other')
      .filter((o) => {
        const code = o.id.slice(5);
        const name = (EU_NAMES[`${target}:${code}`] ?? named.of(code)!).toLocaleLowerCase(target);
        return !o.label[target]!.toLocaleLowerCase(target).startsWith(name);
      });
    expect(untranslated.map((o) => `${o.id}: ${o.label[target]}`)).toEqual([]);
  });

  test('when the country question is read, then it lists every EU member state and the partner countries', () => {
    const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
    const country = question(q, 'country', 'country');
    expect(country.countries).toEqual(expect.arrayContaining(EU));
    // every shipped language's country is there (Ukraine for uk, Ireland and Malta for ga and mt)
    expect(country.countries).toEqual(expect.arrayContaining(['UA', 'IE', 'MT', 'GR', 'CY']));
    expect(country.allowOther).toBe(true);
  });

  test('when answers of the first version are mapped onto the current layout, then every language keeps its code', () => {
    const before = buildLayout(firstVersion(q));
    const after = buildLayout(q);
    const field = (l: typeof before) => l.byId.get('training_language')!;
    expect(after.size).toBe(before.size);
    expect(field(after).offset).toBe(field(before).offset);
    const translate = codeTranslator(before, after)!;
    for (const [k, id] of FIRST_OPTIONS.entries()) {
      const codes = encodeAnswers(before, { training_language: id });
      expect(translate(codes)[field(after).offset]).toBe(k + 1);
      expect(encodeAnswers(after, { training_language: id })[field(after).offset]).toBe(k + 1);
    }
  });

  test('when the shipped file gains the new languages after responses to version 1, then the import makes version 2 and version 1 keeps its answers', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'needsmap-shipped-'));
    const db = openDb(':memory:');
    try {
      const service = createQuestionnaireService(db);
      fs.writeFileSync(path.join(dir, 'youth-worker-tna.json'), JSON.stringify(firstVersion(q), null, 2));
      expect(service.importShipped(dir)).toEqual([expect.objectContaining({ ok: true, version: 1, outcome: 'created' })]);
      db.prepare("UPDATE surveys SET controller_name = 'P', controller_contact = 'p@example.org'").run();
      const demo = createDemoGenerator(firstVersion(q), 7);
      seedResponses(db, q.id, [{ answers: { ...demo.next().answers, training_language: 'lang_other' } }, { answers: { ...demo.next().answers, training_language: 'lang_nl' } }]);
      const stored = () => db.prepare('SELECT version, answers, hex(codes) AS codes FROM responses ORDER BY id').all();
      const kept = stored();
      fs.writeFileSync(path.join(dir, 'youth-worker-tna.json'), defaultQuestionnaireText());
      expect(service.importShipped(dir)).toEqual([expect.objectContaining({ ok: true, version: 2, outcome: 'new_version' })]);
      expect(stored()).toEqual(kept);
      expect(service.load(q.id, 1)!.definition).toEqual(firstVersion(q));
      const v2 = service.load(q.id, 2)!;
      const answers = createDemoGenerator(q, 7).next().answers;
      for (const id of ['lang_mt', 'lang_other', 'lang_nl']) expect(validateAnswers(v2.definition, { ...answers, training_language: id }, { hidden: 'reject' }).ok).toBe(true);
      expect(validateAnswers(service.load(q.id, 1)!.definition, { ...answers, training_language: 'lang_mt' }, { hidden: 'reject' }).ok).toBe(false);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when the respondent page lists the languages, then "another language" comes last, after the new ones', () => {
    const t = ((key: string) => key) as unknown as TFunction;
    const [view] = buildQuestionViews({ questionnaire: q, lang: 'mt', t, tErrors: t, answers: {}, issues: [] }, [lang]);
    const values = view!.choices.map((c) => c.value);
    expect(values.at(-1)).toBe('lang_other');
    expect(values.slice(0, -1)).toEqual(lang.options.map((o) => o.id).filter((id) => id !== 'lang_other'));
    expect(view!.choices.find((c) => c.value === 'lang_mt')!.label).toBe('Malti');
  });

  test.each([
    ['ga', ['an Eastóin', 'an Eilvéis', 'Éire', 'an Fhionlainn'], 'an Albáin'],
    ['mt', ['l-Awstrija', 'il-Belġju', 'il-Bożnija-Ħerzegovina', 'il-Bulgarija', 'Ċipru'], 'l-Albanija'],
  ])('when the country list is shown in %s, then it is sorted by the name, not by its article', (target, run, first) => {
    const t = ((key: string) => key) as unknown as TFunction;
    const country = question(q, 'country', 'country');
    const [view] = buildQuestionViews({ questionnaire: q, lang: target, t, tErrors: t, answers: {}, issues: [] }, [country]);
    const labels = view!.choices.map((c) => c.label);
    expect(labels[0]).toBe(first);
    const at = labels.indexOf(run[0]!);
    expect(labels.slice(at, at + run.length)).toEqual(run);
    expect(labels.at(-1)).toBe('otherCountry');
  });

  test('when demo responses are generated, then they are valid and some prefer one of the new languages', () => {
    const generator = createDemoGenerator(q, 1);
    const chosen = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const demo = generator.next();
      expect(validateAnswers(q, demo.answers, { hidden: 'reject' }).ok).toBe(true);
      const value = demo.answers.training_language;
      if (typeof value === 'string') chosen.set(value, (chosen.get(value) ?? 0) + 1);
    }
    const added = [...chosen.keys()].filter((id) => !FIRST_OPTIONS.includes(id));
    expect(added.length).toBeGreaterThanOrEqual(6);
    expect(chosen.get('lang_en')! + chosen.get('lang_bg')!).toBeGreaterThan(added.reduce((n, id) => n + chosen.get(id)!, 0));
  });
});
