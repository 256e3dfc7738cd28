import ExcelJS from 'exceljs';
import type request from 'supertest';
import { buildTestApp } from '../helpers/app';
import { addUser, signIn } from '../helpers/auth';
import { seedResponses } from '../helpers/seed';
import { planQuestionnaire, planResponses } from './fixtures';

const SURVEY = 'test-survey';

async function setUp() {
  const built = buildTestApp(planQuestionnaire());
  seedResponses(built.db, SURVEY, [...planResponses('sofia', 24, 11, ['fac_1', 'net_2']), ...planResponses('rome', 24, 12, ['fac_3']), ...planResponses('lyon', 24, 13, ['net_4'])]);
  addUser(built.db, 'admin@example.org', 'admin');
  addUser(built.db, 'sofia@example.org', 'coordinator', { scopes: [`${SURVEY}/sofia`] });
  const admin = built.agent();
  const coordinator = built.agent();
  await signIn(admin, 'admin@example.org');
  await signIn(coordinator, 'sofia@example.org');
  return { ...built, admin, coordinator };
}

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('training plan page and spreadsheet', () => {
  test('when an admin opens the plan page, then every partner has a section with its modules, in the chosen language', async () => {
    const { admin } = await setUp();
    const res = await admin.get(`/admin/surveys/${SURVEY}/plan?groupBy=role&lang=bg`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="bg"');
    for (const key of ['sofia', 'rome', 'lyon', 'paid', 'volunteer']) expect(res.text).toContain(`data-unit="${key}"`);
    expect(res.text).toContain('Модул 1');
    expect(res.text).toContain('Компетентност');
  });

  test('when a coordinator opens the plan page, then only their own partner\'s plan is there', async () => {
    const { coordinator } = await setUp();
    const res = await coordinator.get(`/admin/surveys/${SURVEY}/plan`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-unit="sofia"');
    expect(res.text).not.toContain('data-unit="rome"');
    expect(res.text).not.toContain('ROME');
  });

  test('when the groupBy is not a choice question, then the page answers 400 and an unknown survey 404', async () => {
    const { admin } = await setUp();
    expect((await admin.get(`/admin/surveys/${SURVEY}/plan?groupBy=fac_1`)).status).toBe(400);
    expect((await admin.get('/admin/surveys/nope/plan')).status).toBe(404);
  });

  test('when the plan is downloaded as XLSX, then it holds one row per first-priority need of every published plan, and empty columns to fill', async () => {
    const { admin } = await setUp();
    const json = await admin.get(`/api/surveys/${SURVEY}/report?lang=en`);
    const res = await admin.get(`/admin/surveys/${SURVEY}/plan.xlsx?lang=en`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Plan', 'Preferences', 'Outcome funnel']);
    const sheet = book.getWorksheet('Plan')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Grouping', 'Partner or group', 'Module', 'Competence', 'MWDS', 'Rank', 'Importance', 'Gap', 'n', 'Format (to decide)', 'Dates', 'Trainer', 'Notes']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, r) => r > 1 && rows.push((row.values as unknown[]).slice(1)));
    // one row per need, module by module (a module's needs by MWDS), partner by partner
    const partners = json.body.trainingPlan.partners as { label: string; status: string; modules: { items: { label: string }[] }[] }[];
    const expected = partners.filter((p) => p.status === 'shown').flatMap((p) => p.modules.flatMap((m) => m.items.map((i) => [p.label, i.label])));
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r[1], r[3]])).toEqual(expected);
  });

  test('when a coordinator downloads the plan, then the spreadsheet holds their partner only', async () => {
    const { coordinator } = await setUp();
    const res = await coordinator.get(`/admin/surveys/${SURVEY}/plan.xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    const units = new Set<unknown>();
    book.worksheets[0]!.eachRow((row, r) => r > 1 && units.add(row.getCell(2).value));
    expect([...units]).toEqual(['SOFIA']);
    // the outcome funnel sheet: their partner and all partners together
    const funnel: unknown[] = [];
    book.worksheets[2]!.eachRow((row) => funnel.push(row.getCell(1).value));
    expect(funnel).toEqual(['Partner link', 'SOFIA', 'All partners']);
  });
});
