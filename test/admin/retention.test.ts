import { createAuthService } from '../../src/auth/service';
import { createRetentionService } from '../../src/admin/retention';
import { buildTestDb, countResponses } from '../helpers/app';

function setup(retentionDays: number) {
  const db = buildTestDb();
  db.prepare('UPDATE surveys SET retention_days = ?').run(retentionDays);
  const insert = db.prepare(
    `INSERT INTO responses (public_id, survey_id, version, collector_id, lang, submitted_on, erasure_hash, answers, codes)
     VALUES (?, 'test-survey', 1, NULL, 'en', ?, ?, '{}', x'')`,
  );
  for (const day of ['2025-01-01', '2025-12-31', '2026-01-01', '2026-06-30']) insert.run(`id-${day}`, day, `hash-${day}`);
  const auth = createAuthService(db);
  const retention = createRetentionService(db, auth, () => new Date('2026-07-01T03:00:00Z'));
  return { db, retention };
}

const days = (db: ReturnType<typeof buildTestDb>) => (db.prepare('SELECT submitted_on FROM responses ORDER BY 1').pluck().all() as string[]);

describe('retention purge', () => {
  test.each([
    [730, ['2025-01-01', '2025-12-31', '2026-01-01', '2026-06-30']],
    [181, ['2026-01-01', '2026-06-30']],
    [182, ['2025-12-31', '2026-01-01', '2026-06-30']],
    [1, ['2026-06-30']],
  ])('when the survey keeps responses %p days, then on 2026-07-01 these remain: %j', (retentionDays, remaining) => {
    const { db, retention } = setup(retentionDays);
    retention.purge();
    expect(days(db)).toEqual(remaining);
  });

  test('when responses are purged, then the audit log records how many, as the system', () => {
    const { db, retention } = setup(181);
    expect(retention.purge().responses).toBe(2);
    expect(db.prepare("SELECT actor, action, detail FROM audit_log").all()).toEqual([
      { actor: 'system', action: 'responses.retention_purge', detail: '2 responses past their retention period' },
    ]);
    expect(retention.purge().responses).toBe(0);
    expect(countResponses(db)).toBe(2);
  });
});
