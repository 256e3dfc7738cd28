import { REGISTRY, type LanguageInfo } from './languages';

/**
 * Classes for a page's <html> from the registry's `scripts` of its language ("script-latn", "script-cyrl", …), so
 * that the CSS chooses fonts by script, not by a list of languages: OpenDyslexic and Atkinson Hyperlegible draw
 * Latin only (README, Languages), and `html:not(.script-latn)` keeps the base font in their modes. A language the
 * registry does not know gets no class, so its pages keep the base font too.
 */
export function scriptClasses(lang: string): string {
  const known = (REGISTRY as Readonly<Record<string, LanguageInfo | undefined>>)[lang];
  return (known?.scripts ?? []).map((s) => `script-${s.toLowerCase()}`).join(' ');
}
