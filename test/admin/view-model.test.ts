import { buildPreview, funnelRows, summariseAnswers } from '../../src/admin/view-model';
import { buildQuestionnaire, validAnswers } from '../helpers/factories';

describe('funnelRows', () => {
  const collectors = [
    { id: 'sofia', label: 'Sofia', invited: 76 },
    { id: 'rome', label: 'Rome', invited: null },
  ];

  test('when partners started and completed, then rates are per partner and the overall rate counts every completed response', () => {
    const { rows, total } = funnelRows(
      collectors,
      [
        { collector_id: 'sofia', started: 52, completed: 36 },
        { collector_id: 'rome', started: 10, completed: 5 },
        { collector_id: null, started: 3, completed: 3 },
      ],
      'Direct',
      'Overall',
    );
    expect(rows).toEqual([
      { id: 'sofia', label: 'Sofia', invited: 76, started: 52, completed: 36, completionRate: 69, responseRate: 47, archived: false },
      { id: 'rome', label: 'Rome', invited: null, started: 10, completed: 5, completionRate: 50, responseRate: null, archived: false },
      { id: null, label: 'Direct', invited: null, started: 3, completed: 3, completionRate: 100, responseRate: null, archived: false },
    ]);
    // 44 completed (the direct link's and Rome's included) of the 76 people Sofia invited
    expect(total).toEqual({ id: null, label: 'Overall', invited: 76, started: 65, completed: 44, completionRate: 68, responseRate: 58, archived: false });
  });

  test('when the only response came through the direct link, then the overall response rate counts it (not 0 %)', () => {
    const { total, someInvitedUnknown } = funnelRows([{ id: 'sofia', label: 'Sofia', invited: 40 }], [{ collector_id: null, started: 1, completed: 1 }], 'Direct', 'Overall');
    expect(total).toMatchObject({ invited: 40, started: 1, completed: 1, completionRate: 100, responseRate: 3 });
    expect(someInvitedUnknown).toBe(true);
  });

  test('when a collector is archived, then its figures stay in its row and in the totals, marked archived', () => {
    const { rows, total } = funnelRows([{ id: 'sofia', label: 'Sofia', invited: 10, archivedOn: '2026-05-01' }], [{ collector_id: 'sofia', started: 6, completed: 5 }], 'Direct', 'Overall');
    expect(rows[0]).toMatchObject({ archived: true, started: 6, completed: 5, responseRate: 50 });
    expect(total).toMatchObject({ started: 6, completed: 5, responseRate: 50 });
  });

  test('when nobody started and nobody was counted as invited, then rates are empty, not zero or infinite', () => {
    const { rows, total } = funnelRows([{ id: 'rome', label: 'Rome', invited: 0 }], [], 'Direct', 'Overall');
    expect(rows[0]).toMatchObject({ started: 0, completed: 0, completionRate: null, responseRate: null });
    expect(total).toMatchObject({ invited: 0, completionRate: null, responseRate: null });
  });
});

describe('summariseAnswers', () => {
  const q = buildQuestionnaire();

  test('when free text is allowed, then every answer is shown in questionnaire order with its labels', () => {
    expect(summariseAnswers(q, validAnswers(), 'en', true)).toEqual([
      { label: 'Country', value: 'BG' },
      { label: 'Role', value: 'Paid' },
      { label: 'Hours a week', value: '20' },
      { label: 'Settings', value: 'Youth centre; Online' },
      { label: 'Safe learning spaces', value: '5 / 2' },
      { label: 'Reflection', value: 'Not applicable' },
      { label: 'Interest', value: '3 – High' },
      { label: 'Anything else', value: 'More training on street work' },
    ]);
  });

  test('when free text is not allowed, then the text answer is withheld and its words appear nowhere', () => {
    const lines = summariseAnswers(q, validAnswers(), 'bg', false);
    expect(lines.at(-1)).toEqual({ label: 'Anything else', value: '', withheld: true });
    expect(JSON.stringify(lines)).not.toContain('street work');
    expect(lines[1]).toEqual({ label: 'Роля', value: 'Платен' });
  });
});

describe('buildPreview', () => {
  test.each([
    ['en', 0],
    ['bg', 22],
    ['de', 34],
  ])('when previewed in %s, then %p texts are flagged as missing', (lang, missing) => {
    expect(buildPreview(buildQuestionnaire(), lang).missing).toBe(missing);
  });

  test('when a text falls back, then it says which language it is shown in', () => {
    const preview = buildPreview(buildQuestionnaire(), 'bg');
    expect(preview.title).toEqual({ text: 'Тестово проучване' });
    expect(preview.pages[0]!.questions[2]!.label).toEqual({ text: 'Hours a week', fallbackLang: 'en' });
  });
});
