import { fixedT } from '../../src/i18n';
import { LANGUAGES } from '../../src/i18n/languages';

// The PDF summary of a selection under min_group: the nouns follow min_group (the selection's size shows as "<5").
describe('summary.notEnough', () => {
  test.each([
    ['en', 1, 'Only <1 respondent matches this selection. Statistics are shown from 1 respondent on'],
    ['en', 5, 'Only <5 respondents match this selection. Statistics are shown from 5 respondents on'],
    ['sl', 3, 'Temu izboru ustrezajo samo <3 anketiranci.'],
    ['pl', 3, 'Temu wyborowi odpowiadają tylko <3 respondenci.'],
    ['pl', 5, 'Temu wyborowi odpowiada tylko <5 respondentów.'],
    ['ro', 20, 'Acestei selecții îi corespund doar <20 de respondenți.'],
  ])('in %s with min_group %i, the sentence agrees', (lang, min, start) => {
    expect(fixedT(lang, 'report')('summary.notEnough', { count: min, n: `<${min}`, min: String(min) })).toContain(start);
  });

  test.each(LANGUAGES.map((l) => [l]))('%s: every count gets a sentence with both figures', (lang) => {
    for (const min of [1, 2, 3, 5, 11, 22, 101]) {
      const text = fixedT(lang, 'report')('summary.notEnough', { count: min, n: `<${min}`, min: String(min) });
      expect(text).toContain(`<${min}`);
      expect(text).not.toContain('summary.notEnough');
    }
  });
});

// The dashboard says the same without the hidden size: "Fewer than {{min}} respondents …".
describe('dashboard notEnough', () => {
  test.each([
    ['en', 1, 'Fewer than 1 respondent matches this selection'],
    ['en', 5, 'Fewer than 5 respondents match this selection'],
    ['sl', 3, 'Temu izboru ustrezajo manj kot 3 anketiranci'],
    ['pl', 5, 'Temu wyborowi odpowiada mniej niż 5 respondentów'],
    ['ro', 20, 'Mai puțin de 20 de respondenți corespund'],
  ])('in %s with min_group %i, the sentence agrees', (lang, min, start) => {
    expect(fixedT(lang, 'dashboard')('notEnough', { min, count: min })).toContain(start);
  });
});
