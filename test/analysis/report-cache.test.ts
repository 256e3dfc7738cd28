import fc from 'fast-check';
import { buildTestDb } from '../helpers/app';
import { validAnswers } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { createAnalysisService, type ReportRequest } from '../../src/analysis/service';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createSurveyService } from '../../src/surveys/service';
import type { Db } from '../../src/shared/db';

/**
 * Report counts are kept between reports (src/analysis/report-cache.ts). Whatever happens between two reports —
 * responses added (sealed into segments or not), responses deleted, new collectors and languages, other selections
 * asked in between — a long-lived service must give exactly the report a service built from scratch gives.
 */
const SEGMENT = 4;
const service = (db: Db, keepCounts = true) => {
  const questionnaires = createQuestionnaireService(db);
  return createAnalysisService(db, { surveys: createSurveyService(db, questionnaires), questionnaires }, { segmentSize: SEGMENT, keepCounts });
};
/** Counted from the responses alone: no counts kept in memory or in the database (kept-counts.test.ts) used. */
const scratch = (db: Db) => service(db, false);

const response = fc.record({
  imp: fc.integer({ min: 1, max: 5 }),
  prof: fc.integer({ min: 1, max: 5 }),
  role: fc.constantFrom('paid', 'volunteer'),
  country: fc.constantFrom('BG', 'SI', 'IT'),
  hours: fc.integer({ min: 0, max: 80 }),
  collector: fc.constantFrom(undefined, 'sofia', 'rome', 'ljubljana'),
  lang: fc.constantFrom('en', 'bg'),
});

const request = fc.record({
  groupBy: fc.constantFrom(undefined, 'role', 'country', 'collector', 'lang'),
  filter: fc.constantFrom(undefined, { questionId: 'role', values: ['paid'] }, { questionId: 'collector', values: ['sofia', 'rome'] }),
});

const step = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), rows: fc.array(response, { minLength: 1, maxLength: 11 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('report' as const), request }),
);

const asRequest = (r: { groupBy: string | undefined; filter: { questionId: string; values: readonly string[] } | undefined }): ReportRequest => ({
  surveyId: 'test-survey',
  lang: 'en',
  ...(r.groupBy ? { groupBy: r.groupBy } : {}),
  filters: r.filter ? [{ questionId: r.filter.questionId, values: [...r.filter.values] }] : [],
  viewer: { freeText: 'all' },
});

let notes = 0;

describe('report counts kept between reports', () => {
  test('when responses are added and deleted between reports of any selection, then every report equals one computed from scratch', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 3, maxLength: 14 }), (steps) => {
        const db = buildTestDb();
        // enough respondents that items, areas and comparisons are published (min_group 10), in sealed segments
        seedResponses(db, 'test-survey', Array.from({ length: 30 }, (_, i) => ({ collector: i % 3 ? 'sofia' : 'rome', lang: i % 2 ? 'bg' : 'en', answers: validAnswers({ role: i % 4 ? 'paid' : 'volunteer', hours: i % 4 ? 10 : undefined, fac_1: { importance: 1 + (i % 5), proficiency: 1 + ((i * 3) % 5) } }) })));
        const kept = service(db);
        for (const s of steps) {
          if (s.kind === 'add') {
            seedResponses(
              db,
              'test-survey',
              s.rows.map((r) => ({
                collector: r.collector,
                lang: r.lang,
                answers: validAnswers({ country: r.country, role: r.role, ...(r.role === 'paid' ? { hours: r.hours } : { hours: undefined }), fac_1: { importance: r.imp, proficiency: r.prof }, comment: `note ${++notes}` }),
              })),
            );
          } else if (s.kind === 'delete') {
            const ids = db.prepare('SELECT id FROM responses ORDER BY id').pluck().all() as number[];
            if (ids.length) db.prepare('DELETE FROM responses WHERE id = ?').run(ids[s.pick % ids.length]);
          } else {
            const req = asRequest(s.request);
            const fromScratch = scratch(db).build(req);
            const fromKept = kept.build(req);
            expect({ ...fromKept, generatedOn: '' }).toEqual({ ...fromScratch, generatedOn: '' });
          }
        }
        db.close();
      }),
      { numRuns: 40 },
    );
  });

  test('when the partners of a report were counted further than the report itself, then both read the rows each of them still needs', () => {
    const db = buildTestDb();
    const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ collector: (from + i) % 3 ? 'sofia' : 'rome', lang: 'en', answers: validAnswers({ fac_1: { importance: 1 + ((from + i) % 5), proficiency: 1 + (((from + i) * 2) % 5) } }) }));
    seedResponses(db, 'test-survey', rows(30, 0));
    const kept = service(db);
    const byCollector = asRequest({ groupBy: 'collector', filter: undefined });
    const byRole = asRequest({ groupBy: 'role', filter: undefined });
    kept.build(byCollector); // counts per partner up to the newest row
    seedResponses(db, 'test-survey', rows(SEGMENT - 1, 30)); // new rows, not sealed yet
    kept.build(byCollector); // the partners' counts now start after them
    seedResponses(db, 'test-survey', rows(SEGMENT - 2, 40));
    // the report by role starts from nothing, its partners from the kept tail: two different starting points
    expect({ ...kept.build(byRole), generatedOn: '' }).toEqual({ ...scratch(db).build(byRole), generatedOn: '' });
  });

  // few selections, so that the same one is asked again after adds and deletes
  const textStep = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), rows: fc.array(response, { minLength: 1, maxLength: 11 }) }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('report' as const), request: fc.record({ groupBy: fc.constantFrom(undefined, 'collector'), filter: fc.constant(undefined) }) }),
  );

  test('when a selection has more than 300 free-text answers, then the newest answers shown equal those read from scratch after adds and deletes', () => {
    let serial = 0;
    const row = (r: { role: string; collector: string | undefined; lang: string }) => ({
      collector: r.collector,
      lang: r.lang,
      answers: validAnswers({ role: r.role, hours: r.role === 'paid' ? 10 : undefined, comment: `remark ${++serial}` }),
    });
    fc.assert(
      fc.property(fc.array(textStep, { minLength: 2, maxLength: 8 }), (steps) => {
        const db = buildTestDb();
        seedResponses(db, 'test-survey', Array.from({ length: 330 }, (_, i) => row({ role: i % 5 ? 'paid' : 'volunteer', collector: i % 2 ? 'sofia' : 'rome', lang: 'en' })));
        const kept = service(db);
        for (const s of [{ kind: 'report' as const, request: { groupBy: undefined, filter: undefined } }, ...steps]) {
          if (s.kind === 'add') seedResponses(db, 'test-survey', s.rows.map(row));
          else if (s.kind === 'delete') {
            const ids = db.prepare('SELECT id FROM responses ORDER BY id DESC LIMIT 20').pluck().all() as number[];
            db.prepare('DELETE FROM responses WHERE id = ?').run(ids[s.pick % ids.length]);
          }
          // the selection asked, and the whole sample after every step
          for (const req of [asRequest(s.kind === 'report' ? s.request : { groupBy: undefined, filter: undefined }), asRequest({ groupBy: undefined, filter: undefined })]) {
            const fromKept = kept.build(req).openAnswers;
            expect(fromKept).toEqual(scratch(db).build(req).openAnswers);
          }
        }
        db.close();
      }),
      { numRuns: 8 },
    );
  });
});
