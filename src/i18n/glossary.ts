import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { textUnits } from '../translations/units';
import type { Questionnaire } from '../questionnaires/schema';
import type { Resources } from './index';
import { flatten, type Problem } from './check-lib';

/**
 * Glossaries (db/glossary/<code>.json, format in README "Glossaries"): each shipped language fixes how its key terms
 * are translated, and check:i18n checks every locale string and every questionnaire text against it.
 */
const nonBlank = z.string().trim().min(1);
export const glossarySchema = z.strictObject({
  language: nonBlank,
  sources: z.array(nonBlank).min(1),
  terms: z
    .array(
      z.strictObject({
        en: nonBlank,
        use: z.array(nonBlank).min(1),
        avoid: z.array(nonBlank).optional(),
        except: z.array(z.string().regex(/^(questionnaire:[^/]+\/.+|[a-z]+:.+)$/, 'expected "<namespace>:<key>" or "questionnaire:<file>/<text id>"')).optional(),
        note: z.string().optional(),
      }),
    )
    .min(1),
});
export type Glossary = z.infer<typeof glossarySchema>;

/** The English terms every glossary must fix (README, "Glossaries"). */
export const REQUIRED_TERMS = [
  'training need', 'youth worker', 'youth work', 'competence', 'proficiency', 'importance', 'questionnaire',
  'respondent', 'consent', 'personal data', 'controller', 'not applicable', 'partner', 'training',
] as const;

/** One translated string and its English source: `id` is what a glossary's `except` names. */
export interface TextPair {
  id: string;
  /** Where a translator finds it: "fr/report.json: pdf.title" or "youth-worker-tna.json: scale.notApplicable (…)". */
  where: string;
  en: string;
  text: string;
}

const withoutPlaceholders = (s: string) => s.replace(/\{\{[^}]*\}\}/g, ' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English term at a word start, whole, or with the plural "-s": "youth workers" matches "youth worker". */
export function termPattern(en: string, flags = 'iu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escape(en).replace(/\s+/g, '\\s+')}s?(?![\\p{L}\\p{N}_])`, flags);
}

/**
 * Whether the English text uses the term other than as a word the translation keeps verbatim: identifiers such as
 * the spreadsheet row names in "the rows importance, proficiency and not_applicable" stay English in every language.
 */
export function usesTerm(en: string, translation: string, term: string): boolean {
  return [...en.matchAll(termPattern(term, 'giu'))].some((m) => !new RegExp(`(?<![\\p{L}\\p{N}_])${escape(m[0])}(?![\\p{L}\\p{N}_])`, 'u').test(translation));
}

/** Reads and validates db/glossary/<lng>.json for every shipped language but en. */
export function readGlossaries(dir: string, languages: readonly string[]): { glossaries: Map<string, Glossary>; problems: Problem[] } {
  const glossaries = new Map<string, Glossary>();
  const problems: Problem[] = [];
  for (const lng of languages.filter((l) => l !== 'en')) {
    const file = path.join(dir, `${lng}.json`);
    const where = `glossary/${lng}.json`;
    if (!fs.existsSync(file)) {
      problems.push({ where, message: `missing: ${lng} is shipped, so it needs a glossary (${path.relative(process.cwd(), file) || file})` });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push({ where, message: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const parsed = glossarySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => ({ where: `${where}: ${i.path.join('.') || '(file)'}`, message: i.message })));
      continue;
    }
    const g = parsed.data;
    if (g.language !== lng) problems.push({ where: `${where}: language`, message: `"${g.language}", expected "${lng}" (the file name)` });
    const have = new Set(g.terms.map((t) => t.en.toLowerCase()));
    for (const term of REQUIRED_TERMS) if (!have.has(term)) problems.push({ where: `${where}: terms`, message: `the required term "${term}" is missing` });
    glossaries.set(lng, g);
  }
  return { glossaries, problems };
}

const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;

/** Every locale string of `lng` with its English source (a plural form en lacks is compared with en's `_other`). */
export function localePairs(resources: Resources, lng: string): TextPair[] {
  const pairs: TextPair[] = [];
  for (const [ns, tree] of Object.entries(resources[lng] ?? {})) {
    const en = flatten(resources.en?.[ns] ?? {});
    for (const [key, text] of flatten(tree)) {
      const plural = PLURAL.exec(key);
      const source = en.get(key) ?? (plural ? en.get(`${plural[1]}_other`) : undefined);
      if (source !== undefined) pairs.push({ id: `${ns}:${key}`, where: `${lng}/${ns}.json: ${key}`, en: source, text });
    }
  }
  return pairs;
}

/** Every text of a questionnaire in `lng` with its English text; ids are "questionnaire:<file>/<text id>". */
export function questionnairePairs(file: string, q: Questionnaire, lng: string): TextPair[] {
  const pairs: TextPair[] = [];
  for (const unit of textUnits(q)) {
    const texts = unit.text as Record<string, string | undefined>;
    const en = texts.en;
    const text = texts[lng];
    if (en && text) pairs.push({ id: `questionnaire:${file}/${unit.id}`, where: `${file}: ${unit.id} (${lng})`, en, text });
  }
  return pairs;
}

/** Checks each pair against each term of the glossary: a `use` stem present, no `avoid` word, unless excepted. */
export function checkPairs(g: Glossary, pairs: readonly TextPair[]): Problem[] {
  const problems: Problem[] = [];
  for (const term of g.terms) {
    const excepted = new Set(term.except ?? []);
    for (const raw of pairs) {
      // Placeholders ("{{proficiency}}", "{{df}}") are names, not words of either language.
      const pair = { ...raw, en: withoutPlaceholders(raw.en), text: withoutPlaceholders(raw.text) };
      if (!usesTerm(pair.en, pair.text, term.en)) continue;
      const base = pair.id.replace(/_(zero|one|two|few|many|other)$/, '');
      if (excepted.has(pair.id) || excepted.has(base)) continue;
      const lower = pair.text.toLocaleLowerCase(g.language);
      const has = (w: string) => lower.includes(w.toLocaleLowerCase(g.language));
      if (!term.use.some(has)) {
        problems.push({ where: pair.where, message: `term "${term.en}": expected ${term.use.map((u) => `"${u}"`).join(' or ')} in "${raw.text}"` });
      }
      const avoided = (term.avoid ?? []).filter(has);
      if (avoided.length) problems.push({ where: pair.where, message: `term "${term.en}": avoid ${avoided.map((a) => `"${a}"`).join(', ')} (use ${term.use.map((u) => `"${u}"`).join(' or ')}) in "${raw.text}"` });
    }
  }
  return problems;
}

/** Excepted ids that name no string the term occurs in: a stale `except` hides nothing and should go. */
export function staleExceptions(g: Glossary, pairs: readonly TextPair[]): Problem[] {
  const problems: Problem[] = [];
  for (const term of g.terms) {
    const pattern = termPattern(term.en);
    const live = new Set(pairs.filter((p) => pattern.test(withoutPlaceholders(p.en))).flatMap((p) => [p.id, p.id.replace(/_(zero|one|two|few|many|other)$/, '')]));
    for (const id of term.except ?? []) {
      if (!live.has(id)) problems.push({ where: `glossary/${g.language}.json: ${term.en}`, message: `except "${id}" names no string whose English contains "${term.en}"` });
    }
  }
  return problems;
}

/**
 * The glossary check of `npm run check:i18n`: for every shipped language but en, its glossary must exist and be
 * valid, and every locale string and every text of the questionnaires that declare the language must follow it.
 */
export function checkGlossaries(o: {
  glossaryDir: string;
  languages: readonly string[];
  resources: Resources;
  questionnaires: readonly { file: string; questionnaire: Questionnaire }[];
}): Problem[] {
  const { glossaries, problems } = readGlossaries(o.glossaryDir, o.languages);
  for (const [lng, g] of glossaries) {
    const pairs = [
      ...localePairs(o.resources, lng),
      ...o.questionnaires.filter((q) => (q.questionnaire.languages as readonly string[]).includes(lng)).flatMap((q) => questionnairePairs(q.file, q.questionnaire, lng)),
    ];
    problems.push(...checkPairs(g, pairs), ...staleExceptions(g, pairs));
  }
  return problems;
}
