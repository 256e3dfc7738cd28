import fs from 'node:fs';
import { flatten } from '../../src/i18n/check-lib';
import { fixedT, LOCALES_DIR, readResources } from '../../src/i18n/index';
import { parseQuestionnaire, type Questionnaire } from '../../src/questionnaires/schema';
import { distributionChart } from '../../src/reporting/charts/distribution';
import { describeFilters } from '../../src/reporting/pdf/sections/cover';
import { scaleEnds } from '../../src/reporting/pdf/sections/ranking';
import type { PdfContext } from '../../src/reporting/pdf/context';
import { translateIssues } from '../../src/responses/api-submission';
import { fromRoot } from '../../src/shared/paths';
import { buildDemoDb, buildReport } from './pdf/demo-report';
import type { Db } from '../../src/shared/db';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { addUser, signIn } from '../helpers/auth';

// Issue 13, the multilingual review's items: each test failed before the fix.
jest.setTimeout(60_000);

const shipped = ((): Questionnaire => {
  const parsed = parseQuestionnaire(fs.readFileSync(fromRoot('db', 'questionnaires', 'youth-worker-tna.json'), 'utf8'), 'youth-worker-tna.json');
  if (!parsed.ok) throw new Error('the shipped questionnaire does not parse');
  return parsed.questionnaire;
})();
const resources = readResources(LOCALES_DIR);
const text = (lng: string, ns: string, key: string) => flatten(resources[lng]?.[ns] ?? {}).get(key) ?? '';
const REVIEWED = ['bg', 'it', 'es', 'sl', 'fi', 'sv', 'pt', 'pl', 'de', 'fr', 'ro', 'nl'];

describe('(1) messages quote the questionnaire\'s own "not applicable" label', () => {
  test.each([
    ['fr', 'Ne concerne pas mon travail', 'ne s’applique pas'],
    ['fi', 'Ei koske työtäni', 'ei koske minua'],
    ['de', 'Trifft auf meine Arbeit nicht zu', 'trifft nicht zu'],
  ])('%s: the form\'s label "%s", never the interface\'s "%s"', (lang, label, interfaceWording) => {
    expect((shipped.competenceScales?.notApplicable as Record<string, string>)[lang]).toBe(label);
    const issues = translateIssues(
      [
        { questionId: 'fac_1', key: 'rate_or_na', params: {} },
        { questionId: 'fac_1', key: 'na_with_ratings', params: {} },
        { questionId: 'fac_1', key: 'invalid_rating', params: { max: 5 } },
      ],
      lang,
      shipped,
    );
    for (const issue of issues) {
      expect(issue.message).toContain(label);
      expect(issue.message).not.toContain(interfaceWording);
    }
  });
});

describe('(2)-(4) abbreviations and terms in the report language', () => {
  test.each(['es', 'fr'])('(2) %s: the "not applicable" column is not headed "N/A"', (lang) => {
    expect(text(lang, 'report', 'table.notApplicable')).not.toBe('N/A');
  });

  test.each(REVIEWED)('(3) %s: degrees of freedom and the Wilcoxon p are not left in English', (lang) => {
    for (const [ns, key] of [['dashboard', 'kruskal'], ['report', 'comparison.kruskal'], ['report', 'scores.kruskal']] as const) expect(text(lang, ns, key)).not.toMatch(/\bdf = /);
    expect(text(lang, 'dashboard', 'wilcoxon')).not.toBe('Wilcoxon p');
  });

  test('(4) bg: every report and dashboard text about training needs says "нужди от обучение", none "потребности"', () => {
    const all = [...flatten(resources.bg?.report ?? {}).values(), ...flatten(resources.bg?.dashboard ?? {}).values()];
    expect(all.filter((s) => /потребност/i.test(s))).toEqual([]);
    for (const key of ['meta.title', 'cover.kicker', 'ranking.title']) expect(text('bg', 'report', key)).toContain('нуждите от обучение');
  });
});

describe('(5) the ranking legend quotes the questionnaire\'s scale points', () => {
  test.each(['ro', 'de', 'en'])('%s: points 1 and 5 as the form words them', (lang) => {
    const db = buildDemoDb(20, 5);
    try {
      const report = buildReport(db, { lang });
      const note = fixedT(lang, 'report')('ranking.note', { points: report.scalePoints, ...scaleEnds(report) });
      const s = shipped.competenceScales!;
      const word = (t: Record<string, string | undefined>) => t[lang]!;
      for (const expected of [word(s.importance.points[0]!), word(s.proficiency.points[0]!), word(s.importance.points[4]!), word(s.proficiency.points[4]!)]) expect(note).toContain(expected);
      if (lang === 'ro') expect(note).toContain('Niciunul');
      // the legends of the distribution charts (PDF and dashboard) name the ends as the form does
      const t = fixedT(lang, 'report');
      expect(distributionChart(report, t, 'proficiency').data.datasets.map((d) => d.label)).toEqual([`1 ${word(s.proficiency.points[0]!)}`, '2', '3', '4', `5 ${word(s.proficiency.points[4]!)}`]);
      expect(distributionChart(report, t, 'importance').data.datasets[0]!.label).toBe(`1 ${word(s.importance.points[0]!)}`);
    } finally {
      db.close();
    }
  });
});

describe('(6) filter lines name the question and options in the report language, also under the group threshold', () => {
  let db: Db;
  beforeAll(() => {
    db = buildDemoDb(40, 3);
  });
  afterAll(() => db.close());

  test.each([
    ['ro', 'În ce țară lucrați în principal?: Slovenia', 'Care este rolul dumneavoastră principal?: Altul'],
    ['fr', ': Slovénie', ': Autre'],
    ['en', ': Slovenia', ': Other'],
  ])('%s: a selection too small to report prints labels, not "country: SI; role: other"', (lang, country, role) => {
    const report = buildReport(db, { lang, filters: [{ questionId: 'country', values: ['SI'] }, { questionId: 'role', values: ['other'] }] });
    expect(report.sample.enough).toBe(false);
    const lines = describeFilters({ report, t: fixedT(lang, 'report') } as unknown as PdfContext);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(country);
    expect(lines[1]).toContain(role);
    expect(lines.join('; ')).not.toMatch(/\bSI\b|\bcountry:|\brole:|: other\b/);
  });

  test('the dashboard of such a selection says what was selected, in words, and links back to all responses', async () => {
    const app = createApp({ db, config: loadConfig({ NODE_ENV: 'test', NEEDSMAP_DB: ':memory:' }) });
    addUser(db, 'review-items@example.org', 'admin');
    const agent = request.agent(app);
    await signIn(agent, 'review-items@example.org');
    const res = await agent.get('/admin/surveys/youth-worker-tna/report?lang=ro&groupBy=role&filter.country=SI&filter.role=other');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Răspunsuri incluse: În ce țară lucrați în principal?: Slovenia; Care este rolul dumneavoastră principal?: Altul');
    expect(res.text).toContain('<a href="/admin/surveys/youth-worker-tna/report?lang=ro&amp;groupBy=role">Toate răspunsurile complete</a>');
  });

  test('a filter on the partner link or the answer language is worded too', () => {
    const report = buildReport(db, { lang: 'de', filters: [{ questionId: 'lang', values: ['sl'] }] });
    expect(describeFilters({ report, t: fixedT('de', 'report') } as unknown as PdfContext)).toEqual([`${fixedT('de', 'report')('groupBy.lang')}: Slowenisch`]);
  });
});
