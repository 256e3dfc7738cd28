import type { Command, Help, Option } from 'commander';
import type { TFunction } from 'i18next';
import { localePreferences } from '../config';
import { fixedT } from '../i18n';
import { intlFormat } from '../i18n/intl-format';
import { isLanguage, LANGUAGES, type Language } from '../i18n/languages';

/**
 * The command line's language: what it prints to people (help, errors, confirmations, summaries) goes through the
 * `cli` namespace in this language. Machine output (CSV, JSON, a token on its own line) is never translated.
 * Until the entry point chooses (`useCliLanguage`), it is English, so tests that register commands directly read
 * the same words whatever the machine's locale.
 */
let current: Language = 'en';
let translate: TFunction | undefined;

export const cliLanguage = (): Language => current;

export function useCliLanguage(lang: Language) {
  current = lang;
  translate = fixedT(lang, 'cli');
}

/** A message of the `cli` namespace in the command line's language. */
export function t(key: string, options?: Record<string, unknown>): string {
  translate ??= fixedT(current, 'cli');
  return translate(key, options ?? {});
}

/** A count or whole number as the language writes it (12 345, 12.345, 12,345). */
export const num = (value: number) => intlFormat(current).count(value);

/** "de_DE.UTF-8" → "de", "pt_BR" → "pt", "el" → "el"; "C", "POSIX" and unshipped languages → undefined. */
export function localeLanguage(value: string): Language | undefined {
  const code = (value.split(/[_.@-]/)[0] ?? '').toLowerCase();
  return isLanguage(code) ? code : undefined;
}

export interface CliInvocation {
  lang: Language;
  /** The command's name: the first argument after the program's own options. */
  command: string | undefined;
  /** `--lang` named a language Needsmap does not ship. */
  unknownLang?: string;
}

/**
 * Reads `needsmap [--lang <code>] <command> …`: a `--lang` before the command chooses the language of the
 * messages; without it, the first of NEEDSMAP_LANG, LC_ALL, LC_MESSAGES, LANG that names a shipped language;
 * English otherwise. (A command's own `--lang`, after its name, keeps its meaning: the report's language, say.)
 */
export function readInvocation(args: readonly string[], preferences: readonly string[] = localePreferences()): CliInvocation {
  let asked: string | undefined;
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    const arg = args[i]!;
    if (arg === '--lang') {
      asked = args[i + 1];
      i += 2;
    } else {
      if (arg.startsWith('--lang=')) asked = arg.slice('--lang='.length);
      i++;
    }
  }
  const command = args[i];
  if (asked !== undefined) return isLanguage(asked) ? { lang: asked, command } : { lang: 'en', command, unknownLang: asked };
  const fromEnv = preferences.map(localeLanguage).find((l) => l !== undefined);
  return { lang: fromEnv ?? 'en', command };
}

export const unknownLanguageMessage = (code: string) => t('unknownCliLanguage', { lang: code, languages: LANGUAGES.join(', ') });

const TITLES: Record<string, string> = {
  'Usage:': 'help.usage',
  'Arguments:': 'help.arguments',
  'Options:': 'help.options',
  'Global Options:': 'help.globalOptions',
  'Commands:': 'help.commands',
};

/** Commander's own error messages, located by their English wording, to the translated ones. */
const COMMANDER_ERRORS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^required option '(.+)' not specified$/, (m) => t('commander.requiredOption', { option: m[1] })],
  [/^missing required argument '(.+)'$/, (m) => t('commander.missingArgument', { name: m[1] })],
  [/^option '(.+)' argument missing$/, (m) => t('commander.optionArgument', { option: m[1] })],
  [/^option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/, (m) => t('commander.invalidChoice', { option: m[1], value: m[2], choices: m[3] })],
  [/^unknown option '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/, (m) => t('commander.unknownOption', { option: m[1] }) + (m[2] ? `\n${t('commander.didYouMean', { name: m[2] })}` : '')],
  [/^unknown command '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/, (m) => t('commander.unknownCommand', { name: m[1] }) + (m[2] ? `\n${t('commander.didYouMean', { name: m[2] })}` : '')],
  [/^too many arguments.*Expected (\d+) arguments? but got (\d+)\.$/, (m) => t('commander.tooMany', { expected: m[1], received: m[2] })],
];

/** "error: required option '--survey <id>' not specified" in the command line's language. */
export function translateCommanderError(text: string): string {
  const body = text.replace(/\n$/, '').replace(/^error: /, '');
  for (const [pattern, say] of COMMANDER_ERRORS) {
    const m = body.match(pattern);
    if (m) return `${t('error', { message: say(m) })}\n`;
  }
  return `${t('error', { message: body })}\n`;
}

/** "(choices: …, default: …)" after an option's description, in the command line's language. */
function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(t('help.choices', { choices: option.argChoices.map((c) => JSON.stringify(c)).join(', ') }));
  const shown = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && shown && !option.negate) {
    extra.push(t('help.default', { value: option.defaultValueDescription ?? JSON.stringify(option.defaultValue) }));
  }
  return extra.length ? `${option.description} (${extra.join(', ')})` : option.description;
}

/** Help titles, the help option and command, commander's errors and option details in the command line's language. */
export function localizeProgram(program: Command): Command {
  return program
    .configureHelp({ styleTitle: (title: string) => (TITLES[title] ? t(TITLES[title]) : title), optionDescription } satisfies Partial<Help>)
    .helpOption('-h, --help', t('help.display'))
    .helpCommand('help [command]', t('help.display'))
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) });
}
