import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fixedT } from '../../../src/i18n';
import { createQuestionnaireService } from '../../../src/questionnaires/service';
import { MARGIN, PAGE } from '../../../src/reporting/pdf/theme';
import { openDb, type Db } from '../../../src/shared/db';
import { seedPartners } from '../../e2e/partnership';
import { buildReport, hasPoppler, pdfPages, renderToFile, squash, tmpDir } from './demo-report';

jest.setTimeout(120_000);

const withPoppler = hasPoppler() ? describe : describe.skip;

withPoppler('the A4 PDF comparing 16 partners', () => {
  let db: Db;
  let dir: string;
  beforeAll(() => {
    db = openDb(':memory:');
    createQuestionnaireService(db).importShipped();
    seedPartners(db, 16, 20);
    dir = tmpDir();
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each(['en', 'bg', 'fi'])('when it is rendered in %s, then the heat map and the area tables list every partner and nothing runs into the margins', async (lang) => {
    const report = buildReport(db, { lang, groupBy: 'collector' });
    expect(report.comparison!.columns).toHaveLength(16);
    const file = await renderToFile(report, dir, `groups-${lang}`);
    const pages = pdfPages(file).map(squash);
    const heatmap = pages.find((p) => p.includes(squash(fixedT(lang, 'report')('comparison.heatmap'))))!;
    for (const column of report.comparison!.columns) expect(heatmap).toContain(`${squash(column.label)} (`);
    // and a row in every area's table and in the highest needs: the label appears once per table at least
    const text = pages.join(' ');
    for (const column of report.comparison!.columns) expect(text.split(squash(column.label)).length - 1).toBeGreaterThanOrEqual(2 + report.comparison!.areas.length);
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const misplaced = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .filter((m) => Number(m[1]) < MARGIN.left - 1 || Number(m[3]) > PAGE.width - MARGIN.right + 1 || Number(m[4]) > PAGE.height)
      .map((m) => m[5]);
    expect(misplaced).toEqual([]);
  });
});
