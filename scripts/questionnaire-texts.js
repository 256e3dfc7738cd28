#!/usr/bin/env node
/**
 * Translate a shipped questionnaire file (db/questionnaires/*.json) without a database:
 *   node scripts/questionnaire-texts.js export <file.json> <lang> > texts.json   (path -> { en, <lang> } for every text)
 *   node scripts/questionnaire-texts.js import <file.json> <lang> texts.json      (writes the <lang> texts back in place)
 * `import` refuses a file that misses a text, has an empty one or names an unknown path, and changes nothing then;
 * on success it adds <lang> to the questionnaire's `languages` (after the existing ones). The live equivalent for a
 * survey in the database is `npx needsmap translations export|import` (XLIFF or CSV).
 */
'use strict';
const fs = require('node:fs');

function isText(o) {
  return o !== null && typeof o === 'object' && !Array.isArray(o) && typeof o.en === 'string' && Object.values(o).every((v) => typeof v === 'string');
}

function texts(o, path = [], out = []) {
  if (isText(o)) out.push([path.join('.'), o]);
  else if (o !== null && typeof o === 'object') for (const [k, v] of Object.entries(o)) texts(v, [...path, k], out);
  return out;
}

const [command, file, lang, input] = process.argv.slice(2);
if (!['export', 'import'].includes(command) || !file || !/^[a-z]{2,3}$/.test(lang ?? '')) {
  console.error('usage: questionnaire-texts.js export <file.json> <lang> | import <file.json> <lang> <texts.json>');
  process.exit(2);
}
const q = JSON.parse(fs.readFileSync(file, 'utf8'));
const all = texts(q);
if (command === 'export') {
  process.stdout.write(JSON.stringify(Object.fromEntries(all.map(([p, t]) => [p, { en: t.en, [lang]: t[lang] ?? '' }])), null, 2) + '\n');
  process.exit(0);
}
const given = JSON.parse(fs.readFileSync(input, 'utf8'));
const problems = [];
const known = new Map(all);
for (const p of Object.keys(given)) if (!known.has(p)) problems.push(`unknown path ${p}`);
const value = (v) => (typeof v === 'string' ? v : v && typeof v === 'object' ? v[lang] : undefined);
for (const [p] of all) {
  const v = value(given[p]);
  if (typeof v !== 'string' || v.trim() === '') problems.push(`missing or empty: ${p}`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
for (const [p, t] of all) t[lang] = value(given[p]).trim();
if (!q.languages.includes(lang)) q.languages.push(lang);
// Read-modify-write in one go: the file is re-read just before writing so that two translators' imports do not race.
const fresh = JSON.parse(fs.readFileSync(file, 'utf8'));
const freshTexts = new Map(texts(fresh));
for (const [p, t] of all) freshTexts.get(p)[lang] = t[lang];
if (!fresh.languages.includes(lang)) fresh.languages.push(lang);
fs.writeFileSync(file, JSON.stringify(fresh, null, 2) + '\n');
console.log(`${all.length} texts in ${lang} written to ${file}`);
