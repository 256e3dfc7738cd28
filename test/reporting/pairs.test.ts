import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { fixedT } from '../../src/i18n';
import type { ReportData } from '../../src/analysis/schema';
import { pairsInWords } from '../../src/reporting/pairs';
import { buildTestApp } from '../helpers/app';
import { addUser, signIn } from '../helpers/auth';
import { validAnswers } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { hasPoppler, pdfPages, squash, tmpDir } from './pdf/demo-report';

jest.setTimeout(60_000);

describe('pairsInWords', () => {
  const label = (key: string) => key.toUpperCase();
  test('when r is positive the first group is named higher, when negative the second; |r|; smallest p first', () => {
    const pairs = pairsInWords(
      [
        { a: 'sofia', b: 'rome', pAdjusted: 0.2, r: 0.1 },
        { a: 'sofia', b: 'lyon', pAdjusted: 0.001, r: -0.6 },
        { a: 'rome', b: 'lyon', pAdjusted: 0.03, r: 0 },
      ],
      label,
    );
    expect(pairs).toEqual([
      { higher: 'LYON', lower: 'SOFIA', pAdjusted: 0.001, r: 0.6, same: false, significant: true },
      { higher: 'ROME', lower: 'LYON', pAdjusted: 0.03, r: 0, same: true, significant: true },
      { higher: 'SOFIA', lower: 'ROME', pAdjusted: 0.2, r: 0.1, same: false, significant: false },
    ]);
  });
});

/** Three partners of 20: Sofia's gap on fac_1 is 3, Rome's 1, Lyon's 0, so Kruskal-Wallis is significant. */
async function threePartners() {
  const built = buildTestApp();
  const gaps: Record<string, { importance: number; proficiency: number }> = { sofia: { importance: 5, proficiency: 2 }, rome: { importance: 4, proficiency: 3 }, lyon: { importance: 4, proficiency: 4 } };
  const rows = Object.entries(gaps).flatMap(([collector, fac1]) =>
    Array.from({ length: 20 }, (_, i) => ({ collector, answers: validAnswers({ fac_1: i % 4 === 0 ? { importance: 3, proficiency: 3 } : fac1, fac_2: { importance: 3, proficiency: 2 + (i % 2) } }) })),
  );
  seedResponses(built.db, 'test-survey', rows);
  addUser(built.db, 'admin@example.org', 'admin');
  const admin = request.agent(built.app);
  await signIn(admin, 'admin@example.org');
  return { ...built, admin };
}

describe('pairwise comparisons where Kruskal-Wallis is significant', () => {
  test.each(['en', 'bg'])('when the dashboard compares partners (%s), then each pair that differs names the group with the larger gap, with p (Holm) and r', async (lang) => {
    const { admin } = await threePartners();
    const data = (await admin.get(`/api/surveys/test-survey/report?groupBy=collector&lang=${lang}`)).body as ReportData;
    const area = data.comparison!.areas[0]!;
    expect(area.pairwise.length).toBe(3);
    const name = new Map(data.comparison!.columns.map((c) => [c.key, c.label]));
    const pairs = pairsInWords(area.pairwise, (k) => name.get(k)!);
    expect(pairs[0]).toMatchObject({ higher: 'SOFIA', lower: 'LYON', significant: true });
    const page = await admin.get(`/admin/surveys/test-survey/report?groupBy=collector&lang=${lang}`);
    const td = fixedT(lang, 'dashboard');
    const r = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(pairs[0]!.r);
    expect(page.text).toMatch(new RegExp(`<th scope="row">${td('pairs.higherGap', { higher: 'SOFIA', lower: 'LYON' })}</th><td class="num">[^<]+</td><td class="num">${r}</td>`));
    expect(page.text).toContain(td('pairs.differ', { shown: pairs.filter((p) => p.significant).length, total: 3 }).replace(/</g, '&lt;'));
  });

  (hasPoppler() ? test : test.skip)('when the PDF is downloaded in Bulgarian, then the pairs that differ are printed in words with p and r', async () => {
    const { admin } = await threePartners();
    const data = (await admin.get('/api/surveys/test-survey/report?groupBy=collector&lang=bg')).body as ReportData;
    const res = await admin
      .get('/admin/surveys/test-survey/report.pdf?groupBy=collector&lang=bg')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const file = path.join(tmpDir(), 'pairs-bg.pdf');
    fs.writeFileSync(file, res.body as Buffer);
    const text = squash(pdfPages(file).join(' '));
    const t = fixedT('bg', 'report');
    const name = new Map(data.comparison!.columns.map((c) => [c.key, c.label]));
    const pairs = pairsInWords(data.comparison!.areas[0]!.pairwise, (k) => name.get(k)!).filter((p) => p.significant);
    expect(pairs.length).toBeGreaterThan(0);
    const r = new Intl.NumberFormat('bg', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(pairs[0]!.r);
    expect(text).toContain(squash(t('comparison.pairHigher', { higher: pairs[0]!.higher, lower: pairs[0]!.lower })));
    expect(text).toMatch(new RegExp(`${squash(t('comparison.pairHigher', { higher: pairs[0]!.higher, lower: pairs[0]!.lower }))} [<0-9, ]+ ${r}`));
    expect(text).toContain(squash(t('comparison.pairsNote', { shown: pairs.length, total: 3 })).slice(0, 60));
  });
});
