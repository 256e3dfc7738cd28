/** The languages Needsmap ships in, in the order the language switcher lists them. */
export const LANGUAGES = ['en', 'bg', 'it', 'es', 'sl', 'fi', 'sv', 'pt', 'pl', 'de', 'fr', 'ro', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages questionnaire texts may be written in: the shipped ones plus right-to-left ones being prepared. */
export const TEXT_LANGUAGES = [...LANGUAGES, 'ar'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

const RTL = new Set<string>(['ar', 'he', 'fa', 'ur']);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isTextLanguage(value: unknown): value is TextLanguage {
  return typeof value === 'string' && (TEXT_LANGUAGES as readonly string[]).includes(value);
}

export function textDirection(lang: string): 'ltr' | 'rtl' {
  return RTL.has(lang) ? 'rtl' : 'ltr';
}

/** The name of a language in that language itself ("български"), for the language switcher. */
export function nativeLanguageName(lang: string): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}
