import fs from 'node:fs';
import path from 'node:path';
import { formatPath, parseQuestionnaire, type Questionnaire } from '../questionnaires/schema';
import { textUnits } from '../translations/units';
import { readResources, type Resources } from './index';
import { findUnusedKeys, readSources } from './check-usage';
import { expandFamily, type RuntimeKeyFamily } from './runtime-keys';
import { shippedFormJson } from '../xlsform/shipped';
import { checkGlossaries } from './glossary';

/** One thing `npm run check:i18n` reports: where (file and key) and what is wrong. */
export interface Problem {
  where: string;
  message: string;
}

export interface CheckOptions {
  localesDir: string;
  /** Languages every namespace must exist in (the shipped ones). */
  languages: readonly string[];
  /** Folders scanned for keys in use (src/ and views/). */
  sourceDirs: readonly string[];
  questionnairesDir: string;
  /** Namespaces whose file may be absent in a language while translators work; a file that exists is checked in full. */
  allowMissingNamespaces?: readonly string[];
  /** Keys built at run time (src/i18n/runtime-keys.ts): each must exist in en (and so, checked above, everywhere). */
  runtimeKeys?: readonly RuntimeKeyFamily[];
  /** Glossaries (db/glossary/<lng>.json): when given, every shipped language but en needs one and is checked against it. */
  glossaryDir?: string;
}

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL_SUFFIX = new RegExp(`^(.+)_(${PLURAL_FORMS.join('|')})$`);

/** Nested JSON as dotted keys ("validation.required"), i18next's default key separator. */
export function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  } else if (prefix) out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  return out;
}

/** The interpolation names of a string: "{{count}} of {{- total, number}}" → count, total. */
export function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{-?\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]!));
}

/** The plural forms i18next asks for in `lng` (from CLDR through Intl), e.g. pl: one, few, many, other. */
export function pluralForms(lng: string): string[] {
  return new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
}

/**
 * The whole numbers other than 1 (up to 1000) that CLDR's "one" category covers in `lng`: sl 101, 201, …; hr, uk, lt,
 * lv 21, 31, …; fr and pt 0. In such a language `_one` is also shown for those counts, so it must print {{count}}
 * (a 0 is allowed to be covered by a `_zero` form instead).
 */
export function oneCoversMoreThanOne(lng: string): number[] {
  const rules = new Intl.PluralRules(lng);
  const covered: number[] = [];
  for (let n = 0; n <= 1000; n++) if (n !== 1 && rules.select(n) === 'one') covered.push(n);
  return covered;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
const show = (s: Set<string>) => (s.size ? [...s].map((x) => `{{${x}}}`).join(' ') : 'none');

/** Keys of the en file whose `_other` form exists are plural: their base name → the en forms. */
function pluralBases(en: Map<string, string>): Map<string, Map<string, string>> {
  const bases = new Map<string, Map<string, string>>();
  for (const key of en.keys()) {
    const m = PLURAL_SUFFIX.exec(key);
    if (m && en.has(`${m[1]}_other`)) (bases.get(m[1]!) ?? bases.set(m[1]!, new Map()).get(m[1]!)!).set(m[2]!, en.get(key)!);
  }
  return bases;
}

/**
 * Compares one language's namespace with English: missing and extra keys, placeholders, plural forms.
 * Plural keys need exactly the forms the language's CLDR rules use (plus an optional `_zero`, which i18next
 * uses for count 0). Every form has the placeholders of en's `_other` and `_one`; `{{count}}` may be left out of
 * the zero, one and two forms, which languages often write as words ("one answer"), except `_one` in a language
 * whose "one" also covers other numbers (see oneCoversMoreThanOne).
 */
export function compareNamespace(enTree: unknown, lngTree: unknown, lng: string, where: string): Problem[] {
  const en = flatten(enTree);
  const other = flatten(lngTree);
  const plurals = pluralBases(en);
  const problems: Problem[] = [];
  const forms = pluralForms(lng);
  const expected = new Map<string, Set<string>>();
  const optionalCount = new Set<string>();
  for (const [key, text] of en) if (!PLURAL_SUFFIX.test(key) || !plurals.has(PLURAL_SUFFIX.exec(key)![1]!)) expected.set(key, placeholders(text));
  for (const [base, enForms] of plurals) {
    const reference = new Set([...placeholders(enForms.get('other')!), ...placeholders(enForms.get('one') ?? '')]);
    for (const form of forms) {
      expected.set(`${base}_${form}`, reference);
      if (['zero', 'one', 'two'].includes(form)) optionalCount.add(`${base}_${form}`);
    }
    if (other.has(`${base}_zero`) && !forms.includes('zero')) {
      expected.set(`${base}_zero`, reference);
      optionalCount.add(`${base}_zero`);
    }
  }
  for (const [key, names] of expected) {
    const text = other.get(key);
    if (text === undefined) {
      const plural = PLURAL_SUFFIX.exec(key);
      problems.push({ where: `${where}: ${key}`, message: plural && plurals.has(plural[1]!) ? `missing plural form "${plural[2]}" (${lng} uses ${forms.join(', ')})` : 'missing' });
      continue;
    }
    const found = placeholders(text);
    const wanted = new Set(names);
    if (optionalCount.has(key) && !found.has('count')) {
      const one = /_one$/.test(key) ? oneCoversMoreThanOne(lng).filter((n) => n !== 0 || !other.has(key.replace(/_one$/, '_zero'))) : [];
      if (one.length && names.has('count')) {
        problems.push({ where: `${where}: ${key}`, message: `"one" also covers ${one.slice(0, 3).join(', ')}${one.length > 3 ? ', …' : ''} in ${lng}: the text must contain {{count}}` });
        continue;
      }
      wanted.delete('count');
    }
    if (!sameSet(found, wanted)) problems.push({ where: `${where}: ${key}`, message: `placeholders ${show(found)}, en has ${show(wanted)}` });
  }
  for (const key of other.keys()) {
    if (expected.has(key)) continue;
    const plural = PLURAL_SUFFIX.exec(key);
    const message = plural && plurals.has(plural[1]!) ? `plural form "${plural[2]}" is not used in ${lng} (${forms.join(', ')})` : 'not in en (extra key)';
    problems.push({ where: `${where}: ${key}`, message });
  }
  return problems;
}

/** Every namespace of en in every language, each compared key by key. */
export function checkLocales(resources: Resources, languages: readonly string[], allowMissing: readonly string[] = []): Problem[] {
  const en = resources.en ?? {};
  const problems: Problem[] = [];
  for (const lng of languages.filter((l) => l !== 'en')) {
    const own = resources[lng] ?? {};
    for (const ns of Object.keys(en)) {
      const where = `${lng}/${ns}.json`;
      if (own[ns] !== undefined) problems.push(...compareNamespace(en[ns], own[ns], lng, where));
      else if (!allowMissing.includes(ns) && flatten(en[ns]).size > 0) problems.push({ where, message: `missing: the whole namespace (${flatten(en[ns]).size} keys) is not translated` });
    }
    for (const ns of Object.keys(own).filter((n) => en[n] === undefined)) problems.push({ where: `${lng}/${ns}.json`, message: 'no such namespace in en (extra file)' });
  }
  return problems;
}

/** The questionnaire files of `dir` (JSON, and spreadsheet forms as CSV read as the server reads them at start). */
export function readQuestionnaireFiles(dir: string): { file: string; questionnaire?: Questionnaire; problems: Problem[] }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.csv')).sort().map((file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const form = file.endsWith('.csv') ? shippedFormJson(text, file) : undefined;
    const parsed = form && !form.ok ? form : parseQuestionnaire(form?.json ?? text, file);
    if (!parsed.ok) return { file, problems: parsed.problems.map((p) => ({ where: `${file}: ${p.path}`, message: p.message })) };
    return { file, questionnaire: parsed.questionnaire, problems: [] };
  });
}

/** Every text of every questionnaire file present in every language the questionnaire declares. */
export function checkQuestionnaires(dir: string): Problem[] {
  const problems: Problem[] = [];
  for (const { file, questionnaire, problems: invalid } of readQuestionnaireFiles(dir)) {
    problems.push(...invalid);
    if (!questionnaire) continue;
    const declared = questionnaire.languages;
    for (const unit of textUnits(questionnaire)) {
      const missing = declared.filter((lng) => !(unit.text as Record<string, string | undefined>)[lng]?.trim());
      if (missing.length) problems.push({ where: `${file}: ${unit.id} (${formatPath(unit.path)})`, message: `missing in ${missing.join(', ')}` });
    }
  }
  return problems;
}

/** Every key a declared run-time family can produce exists in en (a plural key counts by its `_other` form). */
export function checkRuntimeKeys(resources: Resources, families: readonly RuntimeKeyFamily[]): Problem[] {
  const problems: Problem[] = [];
  for (const family of families) {
    const en = flatten(resources.en?.[family.namespace] ?? {});
    for (const key of expandFamily(family)) {
      if (!en.has(key) && !en.has(`${key}_other`)) problems.push({ where: `en/${family.namespace}.json: ${key}`, message: `missing, but built at run time (${family.pattern} in ${family.builtIn})` });
    }
  }
  return problems;
}

/** Problems grouped by file, one line each, so a translator can work down the list. */
export function formatProblems(problems: readonly Problem[]): string {
  const byFile = new Map<string, string[]>();
  for (const p of problems) {
    const [file = p.where, ...rest] = p.where.split(': ');
    (byFile.get(file) ?? byFile.set(file, []).get(file)!).push(`  ${rest.length ? `${rest.join(': ')}: ` : ''}${p.message}`);
  }
  return [...byFile].map(([file, lines]) => `${file}\n${lines.join('\n')}`).join('\n');
}

/** The whole check, as `npm run check:i18n` runs it. */
export function runCheck(o: CheckOptions): Problem[] {
  const resources = readResources(o.localesDir);
  return [
    ...checkLocales(resources, o.languages, o.allowMissingNamespaces),
    ...checkRuntimeKeys(resources, o.runtimeKeys ?? []),
    ...findUnusedKeys(resources.en ?? {}, readSources(o.sourceDirs, o.localesDir)),
    ...checkQuestionnaires(o.questionnairesDir),
    ...(o.glossaryDir
      ? checkGlossaries({
          glossaryDir: o.glossaryDir,
          languages: o.languages,
          resources,
          questionnaires: readQuestionnaireFiles(o.questionnairesDir).flatMap((f) => (f.questionnaire ? [{ file: f.file, questionnaire: f.questionnaire }] : [])),
        })
      : []),
  ];
}
