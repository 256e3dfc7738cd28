import fs from 'node:fs';
import { LOCALES_DIR } from '../../src/i18n/index';
import { LANGUAGES, REGISTRY, TEXT_LANGUAGES, nativeLanguageName, pluralCategories, textDirection } from '../../src/i18n/languages';

describe('language registry', () => {
  test('every locale folder has a registry entry and every shipped language has a locale folder', () => {
    const folders = fs.readdirSync(LOCALES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect([...folders].sort()).toEqual([...LANGUAGES].sort());
  });

  test.each(TEXT_LANGUAGES.map((code) => [code]))('%s: the native name is the language\'s own CLDR name, capitalised', (code) => {
    const cldr = new Intl.DisplayNames([code], { type: 'language' }).of(code)!;
    expect(REGISTRY[code].nativeName).toBe(cldr.charAt(0).toLocaleUpperCase(code) + cldr.slice(1));
    expect(nativeLanguageName(code)).toBe(REGISTRY[code].nativeName);
  });

  test('direction comes from the registry, with unregistered right-to-left languages still rtl', () => {
    expect(TEXT_LANGUAGES.filter((code) => textDirection(code) === 'rtl')).toEqual(['ar']);
    expect(textDirection('he')).toBe('rtl');
    expect(textDirection('xx')).toBe('ltr');
  });

  test('plural categories come from CLDR through Intl.PluralRules', () => {
    expect(pluralCategories('pl').sort()).toEqual(['few', 'many', 'one', 'other']);
    expect(pluralCategories('sl').sort()).toEqual(['few', 'one', 'other', 'two']);
    expect(pluralCategories('bg').sort()).toEqual(['one', 'other']);
  });
});
