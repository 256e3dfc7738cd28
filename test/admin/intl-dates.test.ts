import request from 'supertest';
import { fixedT } from '../../src/i18n';
import { intlFormat, opensAtText, parseUtc, withGroupedCounts } from '../../src/i18n/intl-format';
import { buildPartnership, SURVEY, tokenFor } from '../helpers/auth';

type Partnership = Awaited<ReturnType<typeof buildPartnership>>;
const AT = '2026-03-01T23:30:00.000Z';

describe('admin dates and counts through Intl', () => {
  let p: Partnership;
  const realTz = process.env.TZ;
  beforeAll(async () => {
    p = await buildPartnership();
    tokenFor(p.db, 'admin@example.org');
    p.db.prepare('UPDATE api_tokens SET created_at = ?, last_used_at = ?').run(AT, AT);
    p.db.prepare("INSERT INTO audit_log (at, user_id, actor, action, target, detail) VALUES (?, NULL, 'cli', 'test.event', 'x', '')").run(AT);
    p.db.prepare('UPDATE responses SET submitted_on = ?').run('2026-03-01');
  });
  afterEach(() => {
    if (realTz === undefined) delete process.env.TZ;
    else process.env.TZ = realTz;
  });

  test('when a stored value has no zone, then it is read as UTC, never as the server zone', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    expect(parseUtc('2026-03-01 23:30:00').toISOString()).toBe(AT);
    expect(parseUtc('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(intlFormat('de').day('2026-03-01')).toBe('01.03.2026');
  });

  test.each([
    ['de', '1. März 2026, 23:30 UTC', '01.03.2026'],
    ['fi', '1.3.2026 klo 23.30 UTC', '1.3.2026'],
    ['bg', '1.03.2026 г., 23:30 ч. UTC', '1.03.2026 г.'],
  ])('when the admin reads the audit log, tokens and responses in %s, then times are in that language and say UTC', async (lang, time, day) => {
    process.env.TZ = 'America/Los_Angeles';
    const audit = await p.agents.admin.get(`/admin/audit?lang=${lang}`);
    expect(audit.text).toContain(`<time datetime="${AT}">${time}</time>`);
    const id = (p.db.prepare("SELECT id FROM users WHERE email = 'admin@example.org'").get() as { id: number }).id;
    const user = await p.agents.admin.get(`/admin/users/${id}`);
    expect(user.text.split(`>${time}</time>`)).toHaveLength(3);
    const responses = await p.agents.admin.get(`/admin/surveys/${SURVEY}/responses`);
    expect(responses.text).toContain(`<time datetime="2026-03-01">${day}</time>`);
    expect(responses.text).not.toContain('>2026-03-01<');
  });

  test('when a translated sentence carries a count in the thousands, then the count is grouped too, the plural form kept', () => {
    const de = withGroupedCounts(fixedT('de', 'admin'), 'de');
    expect(de('responsesCount', { count: 12345 })).toBe(fixedT('de', 'admin')('responsesCount', { count: 12345 }).replace('12345', '12.345'));
    expect(de('responsesCount', { count: 12345 })).toContain('12.345');
    expect(withGroupedCounts(fixedT('pl', 'admin'), 'pl')('responsesCount', { count: 12345 })).toContain('12\u00a0345');
    expect(de('responsesCount', { count: 7 })).toBe(fixedT('de', 'admin')('responsesCount', { count: 7 }));
  });

  test('when counts reach the thousands, then they are grouped as the admin language writes them', () => {
    expect(intlFormat('en').count(12345)).toBe('12,345');
    expect(intlFormat('de').count(12345)).toBe('12.345');
    expect(intlFormat('fr').percent(12)).toBe('12\u00a0%');
  });

  test('when the survey has not opened, then the respondent sees the opening in UTC, named, whatever the server zone', async () => {
    p.db.prepare('UPDATE surveys SET opens_at = ?').run('2099-03-01T23:30:00.000Z');
    process.env.TZ = 'Pacific/Kiritimati';
    const page = await request(p.app).get(`/s/${SURVEY}?lang=en`);
    expect(page.status).toBe(409);
    expect(page.text).toContain('March 1, 2099 at 11:30 PM UTC');
    expect(page.text).not.toContain('March 2, 2099');
    expect(opensAtText('2099-03-01T23:30:00.000Z', 'de')).toBe('1. März 2099 um 23:30 UTC');
    expect(opensAtText('2099-03-01T23:30:00.000Z', 'el')).toBe('1 Μαρτίου 2099 στις 11:30 μ.μ. UTC');
    p.db.prepare('UPDATE surveys SET opens_at = NULL').run();
  });
});
