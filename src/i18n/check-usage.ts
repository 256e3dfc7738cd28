import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from './check-lib';
import { flatten } from './check-lib';

export interface SourceFile {
  file: string;
  text: string;
}

const SOURCE_FILE = /\.(ts|js|ejs)$/;
/**
 * The check's own files name plural suffixes and namespaces as plain strings; they prove no key is in use. Nor does
 * runtime-keys.ts, whose value lists ("open", "closed") would otherwise count as uses of any key so named.
 */
const SKIPPED = /[\\/]i18n[\\/](check(-\w+)?|runtime-keys)\.ts$/;

/** Every .ts, .js and .ejs file under `dirs`, except the locale files and this check. */
export function readSources(dirs: readonly string[], localesDir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir) || path.resolve(dir) === path.resolve(localesDir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE_FILE.test(entry.name) && !SKIPPED.test(full)) out.push({ file: full, text: fs.readFileSync(full, 'utf8') });
    }
  };
  dirs.forEach(walk);
  return out;
}

/** What the sources say about keys: whole strings, and the fixed starts and ends of keys built at run time. */
export interface KeyEvidence {
  literals: Set<string>;
  prefixes: Set<string>;
  suffixes: Set<string>;
}

const KEY_CHARS = /^[A-Za-z][\w.:-]*$/;
/** A namespace in front of a key ("dashboard:title") is dropped: keys are matched in any namespace. */
const withoutNamespace = (s: string) => s.replace(/^[a-z]+:/, '');

/**
 * The heuristic, deliberately generous (a missed use would make CI fail on a key that is in use):
 * - any quoted string that looks like a key counts as a use of that key, wherever it appears: `t('next')`,
 *   `td('kpi.responses')`, `t('dashboard:title')`, but also `{ key: 'navSurveys' }` in a table a view passes to
 *   `t(item.key)`, or `notFound('survey_not_found')` that the error page translates;
 * - the fixed start of a template literal or of a concatenation, when it ends in "." or "_", marks every key
 *   starting with it as used: `t(\`quadrant.${q}\`)`, `'groupStatus.' + g.status`, `t('role_' + r)`;
 * - a quoted string added at the end of something (`t(name + 'Hint')`) marks keys ending with it as used when
 *   the rest of the key is itself a quoted string somewhere (`['controllerName', …]` → controllerNameHint).
 */
export function collectEvidence(sources: readonly SourceFile[]): KeyEvidence {
  const evidence: KeyEvidence = { literals: new Set(), prefixes: new Set(), suffixes: new Set() };
  for (const { text } of sources) {
    // Each quote kind on its own: in a view, "<%= t('next') %>" is a double-quoted attribute around the key.
    for (const m of [...text.matchAll(/'((?:\\.|[^'\\\n])*)'/g), ...text.matchAll(/"((?:\\.|[^"\\\n])*)"/g)]) {
      const value = m[1]!;
      if (!KEY_CHARS.test(value)) continue;
      evidence.literals.add(withoutNamespace(value));
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
      const before = text.slice(Math.max(0, m.index - 4), m.index);
      if (/^\s*\+/.test(after) && /[._]$/.test(value)) evidence.prefixes.add(withoutNamespace(value));
      if (/\+\s*$/.test(before)) evidence.suffixes.add(value);
    }
    for (const m of text.matchAll(/`([^`$]*)(\$\{)?/g)) {
      const head = m[1]!;
      if (!KEY_CHARS.test(head)) continue;
      if (m[2] && /[._]$/.test(head)) evidence.prefixes.add(withoutNamespace(head));
      else if (!m[2]) evidence.literals.add(withoutNamespace(head));
    }
  }
  return evidence;
}

/** Whether `key` (plural suffix already removed) is in use according to `evidence`. */
export function isUsed(key: string, e: KeyEvidence): boolean {
  if (e.literals.has(key)) return true;
  for (const p of e.prefixes) if (key.startsWith(p)) return true;
  for (const s of e.suffixes) if (key.endsWith(s) && e.literals.has(key.slice(0, -s.length))) return true;
  return false;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** English keys no source file uses. Plural forms count as used when their base key is. */
export function findUnusedKeys(en: Record<string, unknown>, sources: readonly SourceFile[]): Problem[] {
  const evidence = collectEvidence(sources);
  const problems: Problem[] = [];
  for (const [ns, tree] of Object.entries(en)) {
    for (const key of flatten(tree).keys()) {
      const base = key.replace(PLURAL, '');
      if (!isUsed(base, evidence) && !isUsed(key, evidence)) problems.push({ where: `en/${ns}.json: ${key}`, message: 'not used in src/ or views/ (unused key)' });
    }
  }
  return problems;
}
