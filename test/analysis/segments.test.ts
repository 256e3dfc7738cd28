import { buildTestDb } from '../helpers/app';
import { validAnswers } from '../helpers/factories';
import { seedResponses } from '../helpers/seed';
import { createSegmentStore } from '../../src/analysis/segments';
import { collectorAt, langAt, rowOf } from '../../src/analysis/block';

function visited(store: ReturnType<typeof createSegmentStore>) {
  const seen: string[] = [];
  store.scan('test-survey', 1, (block) => {
    for (let r = 0; r < block.count; r++) seen.push(`${Buffer.from(rowOf(block, r, block.data.length / block.count)).toString('hex')}|${collectorAt(block, r)}|${langAt(block, r)}`);
  });
  return seen;
}

describe('code segments', () => {
  const rows = Array.from({ length: 23 }, (_, i) => ({
    collector: i % 3 ? 'sofia' : undefined,
    lang: i % 2 ? 'bg' : 'en',
    answers: validAnswers({ fac_1: { importance: 1 + (i % 5), proficiency: 1 + ((i * 2) % 5) }, hours: i }),
  }));

  test('when rows are sealed into segments, then a scan visits exactly the same responses in the same order', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', rows);
    const store = createSegmentStore(db, 5);
    const before = visited(store);
    store.seal('test-survey', 1);
    expect(db.prepare('SELECT count(*) FROM code_segments').pluck().get()).toBe(4);
    expect(visited(store)).toEqual(before);
    expect(before).toHaveLength(23);
  });

  test('when a sealed response is deleted, then its segment is dropped and the scan no longer sees it', () => {
    const db = buildTestDb();
    seedResponses(db, 'test-survey', rows);
    const store = createSegmentStore(db, 5);
    store.seal('test-survey', 1);
    const before = visited(store);
    db.prepare('DELETE FROM responses WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM code_segments').pluck().get()).toBe(3);
    const after = visited(store);
    expect(after).toEqual([...before.slice(0, 6), ...before.slice(7)]);
    store.seal('test-survey', 1);
    expect(visited(store)).toEqual(after);
  });
});
