import { buildVariables } from '../../../src/reporting/exports/variables';
import { compileRow } from '../../../src/reporting/exports/cells';
import { exportWords } from '../../../src/reporting/exports/words';
import type { ExportRecord } from '../../../src/reporting/exports/schema';
import { scaleQuestionnaire } from '../../analysis/scale-data';

const options = { lang: 'en', words: exportWords('en'), includeFreeText: true };

describe('exports of competence scales of other lengths', () => {
  test.each([
    [7, 9, 'F1.0'],
    [8, 9, 'F1.0'],
    [9, 99, 'F2.0'],
    [11, 99, 'F2.0'],
  ])('when the scales have %i points, then not applicable is coded %i, declared missing, and the format holds every code', (points, code, format) => {
    const vars = buildVariables(scaleQuestionnaire({ points, likertPoints: 5 }), options);
    const imp = vars.find((v) => v.name === 'a1_1_imp')!;
    expect(imp.format).toBe(format);
    expect(imp.values.map((v) => v.value)).toEqual([...Array.from({ length: points }, (_, i) => i + 1), code]);
    expect(imp.missing).toEqual([code]);
    const row = compileRow(vars, { labels: false });
    const record = (answer: unknown) => ({ id: 1, collectorId: null, lang: 'en', submittedOn: '2026-01-01', version: 1, isDemo: false, answers: { a1_1: answer } }) as unknown as ExportRecord;
    const at = vars.indexOf(imp);
    expect(row(record('na'))[at]).toBe(code);
    expect(row(record({ importance: points, proficiency: 1 }))[at]).toBe(points);
  });
});
