import type { ExportSet, Variable } from './schema';
import { NOT_APPLICABLE } from './variables';
import { documentWords } from './words';

/** SPSS limits, in bytes of UTF-8: longer labels are cut at a character boundary rather than by SPSS with a warning. */
const MAX_VARIABLE_LABEL = 255;
const MAX_VALUE_LABEL = 120;
/** Characters per quoted piece: keeps every syntax line well under the 256 bytes older SPSS versions accept. */
const PIECE = 60;

function truncateBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  let cut = max;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut).toString('utf8');
}

/**
 * A quoted SPSS string: apostrophes doubled, white space (line breaks too) folded, cut to `maxBytes`, and long text
 * split into 'pieces' joined with + on continuation lines, which SPSS and PSPP concatenate.
 */
export function spssString(text: string, maxBytes = Infinity): string {
  const chars = Array.from(truncateBytes(text.replace(/\s+/g, ' ').trim(), maxBytes));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length || pieces.length === 0; i += PIECE) pieces.push(chars.slice(i, i + PIECE).join(''));
  return pieces.map((p) => `'${p.replace(/'/g, "''")}'`).join('\n      + ');
}

const comment = (text: string) => `* ${text.replace(/\s+/g, ' ').trim().replace(/\.*$/, '')}.`;
const value = (v: Variable, x: number | string) => (v.type === 'string' ? spssString(String(x)) : String(x));

function getData(variables: readonly Variable[], csvFile: string): string[] {
  return [
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${spssString(csvFile)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...variables.map((v) => `    ${v.name} ${v.format}`),
    '.',
  ];
}

function variableLabels(variables: readonly Variable[]): string[] {
  return ['VARIABLE LABELS', ...variables.map((v, i) => `  ${i ? '/' : ''}${v.name} ${spssString(v.label, MAX_VARIABLE_LABEL)}`), '.'];
}

function valueLabels(variables: readonly Variable[]): string[] {
  const labelled = variables.filter((v) => v.values.length > 0);
  if (labelled.length === 0) return [];
  const blocks = labelled.flatMap((v, i) => [
    `  ${i ? '/' : ''}${v.name}`,
    ...v.values.map((x) => `    ${value(v, x.value)} ${spssString(x.label, MAX_VALUE_LABEL)}`),
  ]);
  return ['VALUE LABELS', ...blocks, '.'];
}

/** Declared codes, and for coded string variables (countries) the empty string: an unanswered question. */
function missingValues(variables: readonly Variable[]): string[] {
  const lines = variables.flatMap((v) => {
    if (v.missing.length > 0) return [`${v.name} (${v.missing.map((x) => value(v, x)).join(' ')})`];
    if (v.type === 'string' && v.source.kind === 'choice') return [`${v.name} ('')`];
    return [];
  });
  return lines.length ? ['MISSING VALUES', ...lines.map((l, i) => `  ${i ? '/' : ''}${l}`), '.'] : [];
}

function variableLevels(variables: readonly Variable[]): string[] {
  const levels = (['nominal', 'ordinal', 'scale'] as const)
    .map((level) => ({ level, names: variables.filter((v) => v.level === level).map((v) => v.name) }))
    .filter((g) => g.names.length > 0);
  if (levels.length === 0) return [];
  const blocks = levels.map((g, i) => `  ${i ? '/' : ''}${g.names.join('\n    ')} (${g.level.toUpperCase()})`);
  return ['VARIABLE LEVEL', ...blocks, '.'];
}

/**
 * SPSS syntax that reads the CSV export (with codes, not labels) and declares variable labels, value labels,
 * missing values and measurement levels. Its size depends on the questionnaire only, never on the responses.
 */
export function spssSyntax(set: ExportSet, csvFile: string): string {
  const v = set.variables;
  // The comments are in the language of the labels; commands and keywords are SPSS's own.
  const words = documentWords(set.lang);
  const lines = [
    '* Encoding: UTF-8.',
    // The title is cut so the comment stays one short line: a wrapped comment ends early at a line ending in a period.
    comment(words.spsTitle({ title: Array.from(set.title).slice(0, 60).join(''), survey: set.surveyId, version: set.version, lang: set.lang })),
    ...words.spsComments(v.find((x) => x.source.kind === 'rating')?.missing[0] ?? NOT_APPLICABLE).map(comment),
    '',
    ...getData(v, csvFile),
    '',
    ...variableLabels(v),
    '',
    ...valueLabels(v),
    '',
    ...missingValues(v),
    '',
    ...variableLevels(v),
    '',
    'EXECUTE.',
    '',
  ];
  return lines.join('\n');
}
