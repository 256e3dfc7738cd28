import { isSuppressed } from '../../../src/analysis/schema';
import { fixedT } from '../../../src/i18n';
import { rankedItems } from '../../../src/reporting/charts/format';
import type { Db } from '../../../src/shared/db';
import { buildDemoDb, buildReport, hasPoppler, pdfFonts, pdfInfo, pdfPages, renderToFile, squash, tmpDir } from './demo-report';

// rendering a whole report (cold: fonts, chart.js) takes a few seconds when suites run in parallel
jest.setTimeout(60_000);

const poppler = hasPoppler();
if (!poppler) console.warn('Skipping the PDF text tests: pdftotext is not installed (apt-get install poppler-utils).');
const withPoppler = poppler ? describe : describe.skip;

const two = (lang: string) => {
  const format = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' });
  return (v: number) => format.format(v);
};

let db: Db;
let dir: string;
beforeAll(() => {
  db = buildDemoDb(300);
  dir = tmpDir();
});
afterAll(() => db.close());

withPoppler.each(['bg', 'sl'])('the %s PDF of 300 demo responses', (lang) => {
  let report: ReturnType<typeof buildReport>;
  let file: string;
  let pages: string[];
  let text: string;
  beforeAll(async () => {
    report = buildReport(db, { lang, groupBy: 'country' });
    file = await renderToFile(report, dir, `report-${lang}`);
    pages = pdfPages(file);
    text = squash(pages.join(' '));
  });

  test('when the text is extracted, then the survey title comes out in the report language, letters intact', () => {
    expect(report.lang).toBe(lang);
    expect(squash(pages[0]!)).toContain(squash(report.survey.title));
    if (lang === 'bg') expect(report.survey.title).toMatch(/[А-Яа-я]/);
  });

  test('when the text is extracted, then every item label with diacritics or Cyrillic survives', () => {
    const special = report.items.filter((i) => (lang === 'bg' ? /[А-Яа-я]/ : /[čšžČŠŽ]/).test(i.label));
    expect(special.length).toBeGreaterThan(0);
    for (const item of special) expect(text).toContain(squash(item.label));
  });

  test('when the executive summary lists the highest needs, then the first is the rank-1 item', () => {
    const summary = pages.find((p) => p.includes(fixedT(lang, 'report')('summary.title')) && p.includes('MWDS'))!;
    const first = rankedItems(report)[0]!.item;
    expect(first.rank).toBe(1);
    const positions = report.items.map((i) => ({ id: i.id, at: squash(summary).indexOf(squash(i.label)) })).filter((p) => p.at >= 0);
    expect(positions.sort((a, b) => a.at - b.at)[0]!.id).toBe(first.id);
    expect(squash(summary)).toContain(`1. ${squash(first.label)}`);
  });

  test('when the ranking table is printed, then each row holds the JSON figures formatted the same way', () => {
    const fmt = two(lang);
    const t = fixedT(lang, 'report');
    const header = squash(`${t('table.rank')} ${t('table.item')} ${t('table.area')}`);
    const ranking = squash(pages.filter((p) => squash(p).includes(header)).join(' '));
    for (const r of rankedItems(report)) {
      expect(ranking).toContain(`${fmt(r.importance.mean)} ${fmt(r.proficiency.mean)} ${fmt(r.gap)} ${fmt(r.mwds)}`);
    }
  });

  test('when the ranking table runs over pages, then its header row is repeated on each', () => {
    const t = fixedT(lang, 'report');
    const header = squash(`${t('table.rank')} ${t('table.item')} ${t('table.area')}`);
    const rankingPages = pages.filter((p) => squash(p).includes(header));
    expect(rankingPages.length).toBeGreaterThan(1);
  });

  test('when the footer is read, then it says page 1 of N with N the page count', () => {
    const info = pdfInfo(file);
    const total = Number(info.Pages);
    expect(total).toBeGreaterThan(10);
    const footer = (page: number) => fixedT(lang, 'report')('footer.page', { page, total });
    expect(squash(pages[0]!)).toContain(footer(1));
    expect(squash(pages[total - 1]!)).toContain(footer(total));
  });

  test('when the data is demo data, then every page carries the banner', () => {
    expect(report.survey.isDemo).toBe(true);
    const banner = fixedT(lang, 'report')('demo.banner');
    expect(pages.every((p) => squash(p).includes(banner))).toBe(true);
  });

  test('when the text is extracted, then no ligature glyph replaces letters', () => {
    expect(text.match(/[\uFB00-\uFB06]/g) ?? []).toEqual([]);
    // "fi", "fl" and "ff" inside words of the questionnaire's other languages (open answers) must extract as letters.
    expect(text).toMatch(/fi|fl|ff/);
  });

  test('when the metadata is read, then title and language are set and DejaVu is embedded', () => {
    const info = pdfInfo(file);
    expect(info.Title).toBe(fixedT(lang, 'report')('meta.title', { survey: report.survey.title }));
    const fonts = pdfFonts(file).split('\n').filter((l) => l.includes('DejaVu'));
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
    expect(pdfFonts(file)).not.toMatch(/Helvetica|Times|Courier/);
  });
});

withPoppler('PDF disclosure and scope', () => {
  test('when a group is too small, then its figures print as a dash with the footnote', async () => {
    const report = buildReport(db, { lang: 'en', groupBy: 'role', filters: [{ questionId: 'country', values: ['SI', 'BG', 'FI'] }] });
    const comparison = report.comparison!;
    const hidden = comparison.areas.some((a) => a.gap.some(isSuppressed)) || comparison.groups.some((g) => g.status !== 'shown');
    expect(hidden).toBe(true);
    const text = squash(pdfPages(await renderToFile(report, dir, 'small-groups')).join(' '));
    expect(text).toContain(`– not shown: fewer than ${report.thresholds.minGroup} respondents.`);
  });

  test('when the viewer may not read free text, then the open answers section is left out', async () => {
    const report = buildReport(db, { lang: 'en', viewer: { freeText: 'none' } });
    const withText = buildReport(db, { lang: 'en' });
    const sample = withText.openAnswers.find((q) => q.answers.length > 0)!.answers[0]!;
    const hiddenText = squash(pdfPages(await renderToFile(report, dir, 'no-text')).join(' '));
    const shownText = squash(pdfPages(await renderToFile(withText, dir, 'with-text')).join(' '));
    expect(hiddenText).not.toContain('Open answers');
    expect(shownText).toContain('Open answers');
    expect(shownText).toContain(squash(sample));
    expect(hiddenText).not.toContain(squash(sample));
  });
});
