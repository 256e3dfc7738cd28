import { TEXT_LANGUAGES, type TextLanguage } from '../i18n/languages';

export type LanguageLookup = { ok: true; code: TextLanguage } | { ok: false; reason: 'unclear' | 'unsupported'; code?: string };

const englishNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** Names a language column may use instead of a code: English and native names ("Spanish", "Español"), lower case. */
const BY_NAME = new Map<string, TextLanguage>(
  TEXT_LANGUAGES.flatMap((code) => [
    [(englishNames.of(code) ?? code).toLowerCase(), code],
    [(new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code).toLowerCase(), code],
  ]),
);

const isTextLanguage = (code: string): code is TextLanguage => (TEXT_LANGUAGES as readonly string[]).includes(code);

/**
 * The language of a column suffix or setting, as XLSForm writes it: "English (en)" (the code in brackets decides;
 * "pt-BR" counts as "pt"), a bare code ("en") or a language name ("English", "Español").
 */
export function lookupLanguage(text: string): LanguageLookup {
  const trimmed = text.trim();
  const bracket = /\(([^()]+)\)\s*$/.exec(trimmed);
  if (bracket) {
    const code = bracket[1]!.trim().toLowerCase().split(/[-_]/)[0]!;
    return isTextLanguage(code) ? { ok: true, code } : { ok: false, reason: 'unsupported', code };
  }
  const lower = trimmed.toLowerCase();
  if (isTextLanguage(lower)) return { ok: true, code: lower };
  const named = BY_NAME.get(lower);
  return named ? { ok: true, code: named } : { ok: false, reason: 'unclear' };
}

/** "English (en)": how the export names a language in column headers and settings, as KoboToolbox does. */
export function languageHeader(code: string): string {
  const name = englishNames.of(code) ?? code;
  return `${name} (${code})`;
}
